/**
 * What the active policy would now grant a customer whose bureau report changed. On each
 * {@link io.arbiter.bureau.SolvencyChanged}, the customer's latest decision facts are evaluated again with the new
 * report and no order, and the re-evaluation is kept in {@code standing_limit_review}
 * ({@link io.arbiter.decision.standing.StandingLimitReviews}). Internal to the decision module.
 */
package io.arbiter.decision.standing;
