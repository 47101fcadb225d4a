/**
 * The decision module's HTTP adapters, thin over its services. {@code /api/v1/credit-decisions} asks for a decision,
 * reads it back, lists the review queue and takes verdicts ({@link io.arbiter.decision.web.CreditDecisionController},
 * with the example its OpenAPI document shows); a company's standing-limit re-evaluations are listed by
 * {@link io.arbiter.decision.web.StandingLimitController}. Nothing else depends on them, so they are not a named
 * interface.
 */
package io.arbiter.decision.web;
