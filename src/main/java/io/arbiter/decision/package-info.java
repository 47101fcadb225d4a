/**
 * The credit decision an order system asks for: assemble the facts (customer, exposure, order, bureau), evaluate the
 * active policy, store the decision record in PostgreSQL, then answer. Idempotent on the caller's {@code requestId}.
 * <p>
 * This package is the module's API and the deciding itself: {@link io.arbiter.decision.CreditDecisionService} with the
 * request and the decision, the stored decisions read back ({@link io.arbiter.decision.DecisionHistory}), the review
 * queue and its verdicts ({@link io.arbiter.decision.Reviews}, announced as
 * {@link io.arbiter.decision.DecisionReviewed}), a ledger customer's facts as it stands
 * ({@link io.arbiter.decision.StandingApplicants}) and the port the limits module fills
 * ({@link io.arbiter.decision.StandingLimitSource}). Its parts: {@code storage} (the records, their partitions and
 * compression, the verdicts), {@code standing} (re-evaluations after a bureau change) and {@code web}.
 */
package io.arbiter.decision;
