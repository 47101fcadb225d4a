/**
 * The limits module's HTTP adapters: limit requests and their verdicts, a company's standing limits and history, the
 * insurer's cover imports and alerts. Nothing else depends on them, so they are not a named interface.
 */
package io.arbiter.limits.web;
