/**
 * The receivables ledger: legal entities, customer groups, customers, invoices, payments and credit notes with their
 * allocations, disputes, promises to pay and the orders backlog, as the supplier's ERP exports them (tables
 * {@code ledger_*}, migration V6), and the flexible import that fills it: CSV or XLSX exports of any layout, read
 * through a column mapping saved per source, checked row by row and merged all-or-nothing as asynchronous jobs, from
 * the API or from a watched folder (migration V8). Other features read it through this package's public services.
 * <p>
 * This package is the module's API (customers and their accounts, exposures, open items, portfolios, payment
 * experiences, legal entities, and the disputes and promises collection writes back through
 * {@link io.arbiter.ledger.Collections}); its parts are {@code importing} (the import and its jobs), {@code tables}
 * (reading CSV and XLSX files), {@code promises} (judging promises to pay), {@code reporting} (the aggregates other
 * features report on), {@code web} and {@code demo} (the quickstart's ledger).
 */
package io.arbiter.ledger;
