package io.arbiter.insight.forecast;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.arbiter.insight.CashInForecast;
import io.arbiter.insight.InsightProperties;
import io.arbiter.insight.kpi.AnalyticSettings;
import io.arbiter.ledger.reporting.CashInForecastSums;
import io.arbiter.shared.TableExport;

/** Lays out the {@link CashInForecast} from the ledger's sums by currency and week ({@link CashInForecastSums}). */
@Service
public class CashInForecasts {

    public static final int WEEKS = 13;
    private static final int LATER = WEEKS + 1;

    private final JdbcClient jdbc;
    private final CashInForecastSums sums;
    private final InsightProperties properties;

    public CashInForecasts(JdbcClient jdbc, CashInForecastSums sums, InsightProperties properties) {
        this.jdbc = jdbc;
        this.sums = sums;
        this.properties = properties;
    }

    /** @param salesperson only the customers of this salesperson; null for every customer */
    @Transactional(readOnly = true)
    public CashInForecast forecast(LocalDate asOf, @Nullable String salesperson) {
        AnalyticSettings.apply(jdbc, properties.workMem());
        // week -> currency -> {promised, expected}
        Map<Integer, Map<String, BigDecimal[]>> cells = new TreeMap<>();
        for (CashInForecastSums.Sum sum : sums.byWeek(asOf, salesperson, WEEKS)) {
            BigDecimal[] amounts = cells.computeIfAbsent(sum.week(), w -> new TreeMap<>())
                    .computeIfAbsent(sum.currency(), c -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
            int index = sum.promised() ? 0 : 1;
            amounts[index] = amounts[index].add(sum.amount());
        }
        List<CashInForecast.Week> weeks = new ArrayList<>();
        for (int week = 1; week <= WEEKS; week++) {
            LocalDate from = asOf.plusDays(7L * (week - 1));
            weeks.add(new CashInForecast.Week(week, from, from.plusDays(6), amounts(cells.get(week))));
        }
        return new CashInForecast(asOf, weeks, amounts(cells.get(LATER)), amounts(cells.get(CashInForecastSums.DISPUTED)));
    }

    private static List<CashInForecast.Amount> amounts(Map<String, BigDecimal[]> byCurrency) {
        if (byCurrency == null) {
            return List.of();
        }
        List<CashInForecast.Amount> amounts = new ArrayList<>();
        byCurrency.forEach((currency, a) -> amounts.add(new CashInForecast.Amount(currency, a[0], a[1])));
        return amounts;
    }

    /** The forecast as a table: one line per week and currency, then what comes later and what is disputed. */
    public static void export(CashInForecast forecast, TableExport out) {
        out.row("week", "from", "to", "currency", "promised", "expected", "total");
        forecast.weeks().forEach(week -> week.amounts().forEach(amount -> out.row(week.week(), week.from(), week.to(),
                amount.currency(), amount.promised(), amount.expected(), amount.total())));
        forecast.later().forEach(amount -> out.row("later", null, null, amount.currency(), amount.promised(),
                amount.expected(), amount.total()));
        forecast.disputed().forEach(amount -> out.row("disputed", null, null, amount.currency(), amount.promised(),
                amount.expected(), amount.total()));
    }
}
