/**
 * The KPIs computed from the ledger's sums: a report as of any day by dimension ({@link io.arbiter.insight.kpi.Kpis}),
 * the question it answers ({@link io.arbiter.insight.kpi.KpiQuery}), the DSO and CEI trend over many days
 * ({@link io.arbiter.insight.kpi.KpiTrends}) and the finance definitions of the figures as pure functions
 * ({@link io.arbiter.insight.kpi.KpiFormulas}). Internal to the insight module: other modules ask
 * {@link io.arbiter.insight.KpiReports}.
 */
package io.arbiter.insight.kpi;
