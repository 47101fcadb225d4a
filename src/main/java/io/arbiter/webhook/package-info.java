/**
 * Webhooks: order systems learn what happened to their decisions and limits without polling. A review verdict
 * ({@link io.arbiter.decision.DecisionReviewed}) becomes a signed JSON delivery to the webhook of the order system that
 * asked for the decision, and a change of a standing limit ({@link io.arbiter.limits.CreditLimitChanged}) one to the
 * webhook of the order system that asked for the limit; each is kept in {@code webhook_delivery} and sent, after the
 * transaction that caused it, with retries and exponential backoff until the receiver accepts it; operators see every
 * delivery's state and may send one again.
 */
package io.arbiter.webhook;
