package io.arbiter.console.kpi;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import io.arbiter.insight.CashInForecast;
import io.arbiter.insight.KpiReport;
import io.arbiter.insight.KpiReports;
import io.arbiter.insight.KpiTrend;
import io.arbiter.security.PortfolioScope;
import io.arbiter.shared.CurrencyAmount;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the dashboard's panels show, from the KPI API's own answers ({@link KpiReports}): the trend is the overall
 * report's figures as of each month's end (asked together, {@link KpiReports#trend}), the aged balance and forecast are the report's and the forecast's figures per
 * currency. Each chart ({@link Chart}) is written as the ECharts option console.js draws; the same numbers are in the
 * panel's table, the chart's text alternative.
 */
@Component
public class KpiPanels {

    /** Months in the trend, the period's last month included. */
    static final int TREND_MONTHS = 12;

    /** A chart for console.js: {@code kind} line or bar, one value per category in each series (null: none). */
    public record Chart(String kind, String unit, List<String> categories, List<Series> series, boolean stacked) {
    }

    /** @param axis 0: the chart's unit; 1: percent, on a second axis (the CEI beside days of DSO) */
    public record Series(String name, List<@Nullable BigDecimal> data, int axis) {

        Series(String name, List<@Nullable BigDecimal> data) {
            this(name, data, 0);
        }
    }

    /** One month of the trend: the overall report's figures as of {@code asOf}, over a period as long as the page's. */
    public record TrendPoint(LocalDate asOf, LocalDate from, @Nullable BigDecimal dsoSimple, @Nullable BigDecimal dsoCountback,
            @Nullable BigDecimal cei) {
    }

    /** One currency's panel: its rows (trend points, buckets or weeks) and its chart as JSON. */
    public record Panel<T>(String currency, List<T> rows, String chart) {
    }

    /** One aged-balance bucket of a currency: its label (the API's figure name), amount and share of the balance. */
    public record Bucket(String label, CurrencyAmount amount, @Nullable BigDecimal share) {
    }

    private final KpiReports reports;
    private final JsonMapper json;

    KpiPanels(KpiReports reports, JsonMapper json) {
        this.reports = reports;
        this.json = json;
    }

    /** The report as of each of the last {@value #TREND_MONTHS} month ends (the last point: the period's end). */
    List<Panel<TrendPoint>> trend(PortfolioScope scope, KpiFilters filters, Labels labels) {
        long days = ChronoUnit.DAYS.between(filters.from(), filters.to());
        List<LocalDate> ends = new ArrayList<>();
        for (int back = TREND_MONTHS - 1; back >= 0; back--) {
            ends.add(back == 0 ? filters.to() : filters.to().minusMonths(back).with(TemporalAdjusters.lastDayOfMonth()));
        }
        KpiTrend trend = reports.trend(scope, filters.request(), ends);
        Map<String, List<TrendPoint>> byCurrency = new LinkedHashMap<>();
        List<String> months = new ArrayList<>();
        for (KpiTrend.Month month : trend.months()) {
            months.add(month.asOf().toString());
            int index = months.size() - 1;
            for (KpiTrend.Row row : month.rows()) {
                if (!filters.shows(row.currency())) {
                    continue;
                }
                List<TrendPoint> points = byCurrency.computeIfAbsent(row.currency(), c -> new ArrayList<>());
                while (points.size() < index) {
                    LocalDate missing = LocalDate.parse(months.get(points.size()));
                    points.add(new TrendPoint(missing, missing.minusDays(days), null, null, null));
                }
                points.add(new TrendPoint(month.asOf(), month.from(), row.dsoSimple(), row.dsoCountback(), row.cei()));
            }
        }
        DateTimeFormatter month = DateTimeFormatter.ofPattern("MMM yy", LocaleContextHolder.getLocale());
        List<String> monthNames = months.stream().map(m -> LocalDate.parse(m).format(month)).toList();
        List<Panel<TrendPoint>> panels = new ArrayList<>();
        byCurrency.forEach((currency, points) -> {
            while (points.size() < months.size()) {
                LocalDate missing = LocalDate.parse(months.get(points.size()));
                points.add(new TrendPoint(missing, missing.minusDays(days), null, null, null));
            }
            panels.add(new Panel<>(currency, points, write(new Chart("line", labels.days(), monthNames, List.of(
                    new Series(labels.dsoSimple(), points.stream().map(TrendPoint::dsoSimple).toList()),
                    new Series(labels.dsoCountback(), points.stream().map(TrendPoint::dsoCountback).toList()),
                    new Series(labels.cei() + " (%)", points.stream().map(TrendPoint::cei).toList(), 1)), false))));
        });
        return panels;
    }

    /** The aged balance of each currency the page shows, with each bucket's share of that currency's balance. */
    List<Panel<Bucket>> aged(KpiReport report, KpiFilters filters, String amountLabel, String notDue) {
        List<Panel<Bucket>> panels = new ArrayList<>();
        for (KpiReport.Row row : report.rows()) {
            if (!filters.shows(row.currency())) {
                continue;
            }
            List<Bucket> buckets = new ArrayList<>();
            for (int b = 0; b < report.buckets().size(); b++) {
                CurrencyAmount amount = row.agedBalance().get(b);
                buckets.add(new Bucket(report.buckets().get(b).label(), amount,
                        percent(amount.amount(), row.openReceivables().amount())));
            }
            panels.add(new Panel<>(row.currency(), buckets, write(new Chart("bar", row.currency(),
                    buckets.stream().map(b -> b.label().equals("not due") ? notDue : b.label()).toList(),
                    List.of(new Series(amountLabel, buckets.stream().map(b -> b.amount().amount()).toList())), false))));
        }
        return panels;
    }

    /** The 13 weeks of each currency, promised and expected stacked. */
    List<Panel<CashInForecast.Amount>> forecast(CashInForecast forecast, KpiFilters filters, String promised,
            String expected, String week) {
        Map<String, List<CashInForecast.Amount>> byCurrency = new LinkedHashMap<>();
        forecast.weeks().forEach(w -> w.amounts().forEach(a -> byCurrency.computeIfAbsent(a.currency(), c -> new ArrayList<>())));
        List<Panel<CashInForecast.Amount>> panels = new ArrayList<>();
        byCurrency.keySet().stream().filter(filters::shows).sorted().forEach(currency -> {
            List<CashInForecast.Amount> weeks = forecast.weeks().stream().map(w -> w.amounts().stream()
                    .filter(a -> a.currency().equals(currency)).findFirst()
                    .orElse(new CashInForecast.Amount(currency, new CurrencyAmount(BigDecimal.ZERO, currency),
                            new CurrencyAmount(BigDecimal.ZERO, currency), new CurrencyAmount(BigDecimal.ZERO, currency))))
                    .toList();
            panels.add(new Panel<>(currency, weeks, write(new Chart("bar", currency,
                    forecast.weeks().stream().map(w -> week + " " + w.week()).toList(), List.of(
                            new Series(promised, weeks.stream().map(a -> a.promised().amount()).toList()),
                            new Series(expected, weeks.stream().map(a -> a.expected().amount()).toList())), true))));
        });
        return panels;
    }

    /** The series' names in the reader's language. */
    public record Labels(String dsoSimple, String dsoCountback, String cei, String days) {
    }

    /** The chart as the ECharts option console.js draws (it formats the value axes in the page's language). */
    private String write(Chart chart) {
        boolean percentAxis = chart.series().stream().anyMatch(series -> series.axis() == 1);
        List<Map<String, Object>> yAxes = new ArrayList<>();
        yAxes.add(Map.of("type", "value", "name", chart.unit()));
        if (percentAxis) {
            yAxes.add(Map.of("type", "value", "name", "%", "splitLine", Map.of("show", false)));
        }
        Map<String, Object> option = new LinkedHashMap<>();
        option.put("animation", false);
        option.put("color", List.of("#1f5fbf", "#d97a00", "#1d7a3c"));
        option.put("grid", Map.of("left", 8, "right", 16, "top", 40, "bottom", 8, "containLabel", true));
        option.put("legend", Map.of("top", 0));
        option.put("tooltip", Map.of("trigger", "axis"));
        option.put("xAxis", Map.of("type", "category", "data", chart.categories(), "axisLabel", Map.of("hideOverlap", true)));
        option.put("yAxis", yAxes);
        option.put("series", chart.series().stream().map(series -> {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("name", series.name());
            one.put("type", chart.kind());
            one.put("data", series.data());
            one.put("yAxisIndex", series.axis());
            if (chart.stacked()) {
                one.put("stack", "total");
            }
            return one;
        }).toList());
        return json.writeValueAsString(option);
    }

    private static @Nullable BigDecimal percent(BigDecimal part, BigDecimal whole) {
        if (whole.signum() == 0) {
            return null;
        }
        return part.multiply(BigDecimal.valueOf(100)).divide(whole, java.math.MathContext.DECIMAL64)
                .setScale(1, java.math.RoundingMode.HALF_UP);
    }
}
