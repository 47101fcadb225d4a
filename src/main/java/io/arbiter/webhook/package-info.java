/**
 * Webhooks: order systems learn what happened to their decisions without polling. A review verdict
 * ({@link io.arbiter.decision.DecisionReviewed}) becomes a signed JSON delivery to the webhook of the order system that
 * asked for the decision, kept in {@code webhook_delivery} and sent, after the verdict's transaction, with retries and
 * exponential backoff until the receiver accepts it; operators see every delivery's state and may send one again.
 */
package io.arbiter.webhook;
