package io.arbiter.insight.kpi;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.arbiter.insight.InsightProperties;
import io.arbiter.insight.KpiTrend;
import io.arbiter.ledger.reporting.ReceivablesSeries;

/**
 * The overall report's DSO (simple and countback) and CEI as of many days at once ({@link KpiTrend}), with the very
 * formulas of {@link Kpis}, on the ledger's receivables of each day, which it sums for the whole series at once
 * ({@link ReceivablesSeries}) where asking the report day after day would read the ledger once per day.
 */
@Service
public class KpiTrends {

    private final JdbcClient jdbc;
    private final ReceivablesSeries series;
    private final InsightProperties properties;

    KpiTrends(JdbcClient jdbc, ReceivablesSeries series, InsightProperties properties) {
        this.jdbc = jdbc;
        this.series = series;
        this.properties = properties;
    }

    /** @param queries by {@code all}, with the same filter, no page: one per day of the trend, oldest first */
    @Transactional(readOnly = true)
    public KpiTrend trend(List<KpiQuery> queries) {
        AnalyticSettings.apply(jdbc, properties.workMem());
        List<List<ReceivablesSeries.Day>> days = series.figures(queries.stream().map(KpiQuery::receivables).toList());
        List<KpiTrend.Month> months = new ArrayList<>();
        for (int k = 0; k < queries.size(); k++) {
            KpiQuery q = queries.get(k);
            months.add(new KpiTrend.Month(q.asOf(), q.from(), days.get(k).stream().map(day -> row(q, day)).toList()));
        }
        return new KpiTrend(List.copyOf(months));
    }

    /** The figures as {@link Kpis} makes them. */
    private static KpiTrend.Row row(KpiQuery q, ReceivablesSeries.Day day) {
        List<KpiFormulas.MonthSales> months = new ArrayList<>();
        for (int m = 1; m <= q.countbackMonths(); m++) {
            months.add(new KpiFormulas.MonthSales(day.netMonthSales().get(m - 1), q.monthDays(m)));
        }
        BigDecimal beginning = day.beginning();
        BigDecimal sales = day.netSales();
        BigDecimal receivables = day.receivables();
        return new KpiTrend.Row(day.currency(), KpiFormulas.simpleDso(receivables, sales, q.periodDays()),
                KpiFormulas.countbackDso(receivables, months),
                q.ceiForm() == KpiQuery.CeiForm.STANDARD
                        ? KpiFormulas.standardCei(beginning, sales, q.months(), receivables, day.current())
                        : KpiFormulas.cei(beginning, sales, receivables, day.current()));
    }
}
