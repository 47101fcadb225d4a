/**
 * The insight API: KPIs and the customers behind a figure ({@code /api/v1/kpis}), the cash-in forecast
 * ({@code /api/v1/forecast/cash-in}) and a customer's payment behaviour and history, in JSON, CSV or XLSX
 * ({@link io.arbiter.insight.web.InsightController}).
 */
package io.arbiter.insight.web;
