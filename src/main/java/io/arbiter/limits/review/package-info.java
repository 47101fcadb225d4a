/**
 * Review tasks on standing limits and the periodic check that opens them; a person closes them. A named interface of
 * the limits module: its web adapters and the console's limits pages read it.
 */
@org.springframework.modulith.NamedInterface("review")
package io.arbiter.limits.review;
