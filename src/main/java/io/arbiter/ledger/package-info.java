/**
 * The receivables ledger: legal entities, customer groups, customers, invoices, payments and credit notes with their
 * allocations, disputes, promises to pay and the orders backlog, as the supplier's ERP exports them (tables
 * {@code ledger_*}, migration V6), and the flexible import that fills it: CSV or XLSX exports of any layout, read
 * through a column mapping saved per source, checked row by row and merged all-or-nothing as asynchronous jobs, from
 * the API or from a watched folder (migration V8). Other features read it through this package's public services.
 */
package io.arbiter.ledger;
