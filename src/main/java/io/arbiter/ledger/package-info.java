/**
 * The receivables ledger: legal entities, customer groups, customers, invoices, payments and credit notes with their
 * allocations, disputes, promises to pay and the orders backlog, as the supplier's ERP exports them (tables
 * {@code ledger_*}, migration V6). Other features read it through this package's public services.
 */
package io.arbiter.ledger;
