/**
 * The ledger's HTTP API: a customer's exposure, and imports with their jobs, column mappings and legal entities
 * ({@link io.arbiter.ledger.web.ExposureController}, {@link io.arbiter.ledger.web.LedgerImportController}). Nothing
 * else depends on them, so they are not a named interface.
 */
package io.arbiter.ledger.web;
