/**
 * What finance staff judge their receivables by, computed from the ledger: payment behaviour per customer (the facts
 * the scoring table reads), KPIs as of any date by entity, group, activity, salesperson or customer (DSO simple and
 * countback, CEI, % overdue, late rate, average days late, dispute resolution time, aged balance), and the 13-week
 * cash-in forecast, always per currency. It aggregates up to millions of invoices, so it computes in SQL: it reads the
 * ledger's tables ({@code ledger_*}) read-only, as the ledger's reporting schema, and never writes them; customers are
 * found through the ledger's public {@link io.arbiter.ledger.Exposures}. The formulas are pure functions in
 * {@code KpiFormulas}.
 */
package io.arbiter.insight;
