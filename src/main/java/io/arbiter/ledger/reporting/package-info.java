/**
 * The ledger's reporting queries: set-based aggregates over the receivables tables ({@code ledger_*}) that other
 * features build their figures on, so that those features never read the ledger's tables themselves. Each query
 * answers in the ledger's own terms (balances at a day, rewound from today's; sales and credit notes of a period;
 * payments, promises and disputes counted by window or month) and returns records; the finance formulas built on
 * them (DSO, CEI, late rates, trends) stay with the feature that reports them. A query written for one report says
 * which in its name and Javadoc. They aggregate up to millions of invoices, so each stays a few statements whose
 * shape the indexes of migration V9 and the benchmarks (docs/benchmarks.md) were made for.
 */
@org.springframework.modulith.NamedInterface("reporting")
package io.arbiter.ledger.reporting;
