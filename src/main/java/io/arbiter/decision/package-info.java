/**
 * The credit decision an order system asks for: assemble the facts (customer, exposure, order, bureau), evaluate the
 * active policy, store the decision record in PostgreSQL, then answer. Idempotent on the caller's {@code requestId}.
 */
package io.arbiter.decision;
