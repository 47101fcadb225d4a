/**
 * The KPI dashboard ({@code /kpis}): the filters, the panels (figures, trend, aged balance, forecast) loaded one by one,
 * the customers behind a figure, and every table as CSV or XLSX, all from the KPI API's answers.
 */
package io.arbiter.console.kpi;
