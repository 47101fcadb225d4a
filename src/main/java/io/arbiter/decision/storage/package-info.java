/**
 * The decision records and the verdicts beside them, append-only. A record is stored once per request id in monthly
 * partitions of {@code credit_decision}, its month found through {@code credit_decision_key}
 * ({@link io.arbiter.decision.storage.CreditDecisions}); its JSON documents are deflated against a preset dictionary
 * ({@link io.arbiter.decision.storage.RecordCompression}); the partitions are created ahead and expired months
 * archived or dropped ({@link io.arbiter.decision.storage.DecisionPartitions}); a reviewer's verdict is kept in
 * {@code review_verdict}, never written into the decision ({@link io.arbiter.decision.storage.ReviewVerdicts}).
 * Internal to the decision module: other modules read decisions through {@link io.arbiter.decision.DecisionHistory}.
 */
package io.arbiter.decision.storage;
