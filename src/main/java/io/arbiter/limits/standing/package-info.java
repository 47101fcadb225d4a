/**
 * Standing limits, their history and the limit.changed feed. A named interface of the limits module: its web
 * adapters and the console's limits pages read it.
 */
@org.springframework.modulith.NamedInterface("standing")
package io.arbiter.limits.standing;
