/**
 * The supplier community pool. As a client, Arbiter shares each month, per customer, banded payment experiences from
 * the ledger under a keyed pseudonym of the customer's registration number (never the number itself, never disputed
 * invoices, never names, invoice numbers, exact amounts or dates), and reads back, for a customer being decided, what
 * other suppliers saw: a signal that exists only when at least k distinct other suppliers reported, and only for a
 * supplier that shares too. Started with the {@code pool} profile, the same application is the pool server that
 * members reach under {@code /pool/v1} with their own API keys.
 */
package io.arbiter.pool;
