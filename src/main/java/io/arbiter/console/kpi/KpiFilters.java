package io.arbiter.console.kpi;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;

import io.arbiter.insight.KpiReports;

/**
 * The dashboard's filter form, as the KPI API's parameters: the period ({@code from}, {@code to}), entity, group,
 * activity, salesperson; {@code currency} only picks which of the report's currencies the page shows (amounts in
 * different currencies are never added). A blank field does not filter.
 */
public record KpiFilters(@DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to, @Nullable String entity,
        @Nullable String group, @Nullable String activity, @Nullable String salesperson, @Nullable String currency) {

    public KpiFilters {
        entity = blankToNull(entity);
        group = blankToNull(group);
        activity = blankToNull(activity);
        salesperson = blankToNull(salesperson);
        currency = blankToNull(currency) == null ? null : currency.strip().toUpperCase(Locale.ROOT);
    }

    /** The same filters with the period's defaults filled in, as the form shows them. */
    KpiFilters resolved(KpiReports reports) {
        LocalDate end = to == null ? reports.today() : to;
        return new KpiFilters(from == null ? reports.defaultFrom(end) : from, end, entity, group, activity, salesperson,
                currency);
    }

    /** The overall report's question for these filters, ending on {@code asOf} over {@code from}. */
    KpiReports.Request request(LocalDate asOf, LocalDate from) {
        return KpiReports.Request.overall(asOf, from, entity, group, activity, salesperson);
    }

    KpiReports.Request request() {
        return KpiReports.Request.overall(to, from, entity, group, activity, salesperson);
    }

    /** Whether the report's row in {@code rowCurrency} is one the page shows. */
    public boolean shows(String rowCurrency) {
        return currency == null || currency.equals(rowCurrency);
    }

    /** Whether a filter the cash-in forecast cannot apply (it is by salesperson only) is given. */
    public boolean beyondForecast() {
        return entity != null || group != null || activity != null;
    }

    /** The filters as a query string (without {@code ?}), for the panels', drill-down's and exports' links. */
    public String query() {
        Map<String, @Nullable Object> fields = new LinkedHashMap<>();
        fields.put("from", from);
        fields.put("to", to);
        fields.put("entity", entity);
        fields.put("group", group);
        fields.put("activity", activity);
        fields.put("salesperson", salesperson);
        fields.put("currency", currency);
        return fields.entrySet().stream().filter(e -> e.getValue() != null)
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue().toString(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static @Nullable String blankToNull(@Nullable String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
