/**
 * Limit requests and approvers' verdicts, as the API and the console make them. A named interface of the limits
 * module: its web adapters and the console's limits pages read it.
 */
@org.springframework.modulith.NamedInterface("requests")
package io.arbiter.limits.requests;
