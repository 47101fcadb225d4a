/**
 * The credit insurer's cover decisions and the reporting deadlines of insured invoices. A named interface of the
 * limits module: its web adapters and the console's limits pages read it.
 */
@org.springframework.modulith.NamedInterface("insurance")
package io.arbiter.limits.insurance;
