/**
 * The supplier community pool. As a client, Arbiter shares each month, per customer, banded payment experiences from
 * the ledger under a keyed pseudonym of the customer's registration number (never the number itself, never disputed
 * invoices, never names, invoice numbers, exact amounts or dates), and reads back, for a customer being decided, what
 * other suppliers saw: a signal that exists only when at least k distinct other suppliers reported, and only for a
 * supplier that shares too. Started with the {@code pool} profile, the same application is the pool server that
 * members reach under {@code /pool/v1} with their own API keys.
 * <p>
 * This package is the module's API: the signal a decision reads ({@link io.arbiter.pool.PoolSignals},
 * {@link io.arbiter.pool.PoolSignal}) and the settings. Its parts: {@code client} (sharing, pseudonyms, the connection
 * to the server), {@code server} (the {@code pool} profile's API, rules and store), {@code protocol} (what travels
 * between them) and {@code web}.
 */
package io.arbiter.pool;
