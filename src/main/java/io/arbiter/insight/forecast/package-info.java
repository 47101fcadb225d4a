/**
 * The 13-week cash-in forecast laid out from the ledger's sums by currency and week
 * ({@link io.arbiter.insight.forecast.CashInForecasts}). Internal to the insight module: other modules ask
 * {@link io.arbiter.insight.KpiReports}.
 */
package io.arbiter.insight.forecast;
