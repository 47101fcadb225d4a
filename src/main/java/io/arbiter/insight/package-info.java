/**
 * What finance staff judge their receivables by, computed from the ledger: payment behaviour per customer (the facts
 * the scoring table reads), KPIs as of any date by entity, group, activity, salesperson or customer (DSO simple and
 * countback, CEI, % overdue, late rate, average days late, dispute resolution time, aged balance), and the 13-week
 * cash-in forecast, always per currency. It aggregates up to millions of invoices, so the sums are computed in SQL by
 * the ledger, which owns the tables, through its reporting interface ({@link io.arbiter.ledger.reporting}: balances
 * rewound to a day, net credit sales, payments, promises and disputes counted); customers are found through the
 * ledger's public {@link io.arbiter.ledger.Exposures}. The formulas, the finance definitions of the figures, are pure
 * functions in {@code KpiFormulas}, run here on those sums.
 * <p>
 * This package is the module's API: {@link io.arbiter.insight.KpiReports}, {@link io.arbiter.insight.PaymentBehaviours}
 * and the reports they return. Its parts: {@code kpi} (the KPIs and their formulas), {@code forecast} (the cash-in
 * forecast) and {@code web} (the API's controller).
 */
package io.arbiter.insight;
