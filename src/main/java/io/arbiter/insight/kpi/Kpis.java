package io.arbiter.insight.kpi;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.arbiter.insight.InsightProperties;
import io.arbiter.insight.KpiReport;
import io.arbiter.ledger.reporting.Receivables;
import io.arbiter.ledger.reporting.ReceivablesFigures;

/**
 * Computes {@link KpiReport}s: the ledger sums the receivables of the period by dimension and currency
 * ({@link Receivables}: beginning and ending balances rewound to each day, net credit sales, payments, disputes), and
 * the pure formulas then run on the sums ({@link KpiFormulas}).
 */
@Service
public class Kpis {

    private final JdbcClient jdbc;
    private final Receivables receivables;
    private final InsightProperties properties;

    public Kpis(JdbcClient jdbc, Receivables receivables, InsightProperties properties) {
        this.jdbc = jdbc;
        this.receivables = receivables;
        this.properties = properties;
    }

    @Transactional(readOnly = true)
    public KpiReport report(KpiQuery query) {
        AnalyticSettings.apply(jdbc, properties.workMem());
        ReceivablesFigures figures = receivables.figures(query.receivables());
        List<KpiReport.Row> rows = figures.rows().stream().map(row -> row.invoiced() ? row(query, row) : disputesAlone(row))
                .toList();
        return new KpiReport(query.asOf(), query.from(), query.periodDays(), query.by().label(), query.filter().values(),
                buckets(query.bounds()), rows, figures.nextAfter() == null ? null : cursor(figures.nextAfter()),
                query.ceiForm().label(), query.months().setScale(2, RoundingMode.HALF_UP), query.countbackMonths());
    }

    /** A page's cursor: the last account of the page, encoded so that a client passes it back as it was. */
    static String cursor(String account) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(account.getBytes(StandardCharsets.UTF_8));
    }

    /** The account a {@link #cursor} was made of. */
    public static String account(String cursor) {
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw KpiQuery.invalid("cursor", "cursor '" + cursor + "' is not one this API gave; pass the 'next' of the previous page as it was");
        }
    }

    private static KpiReport.Row row(KpiQuery query, ReceivablesFigures.Row sums) {
        BigDecimal beginning = sums.beginning();
        BigDecimal sales = sums.netSales();
        List<KpiFormulas.MonthSales> months = new ArrayList<>();
        for (int m = 1; m <= query.countbackMonths(); m++) {
            months.add(new KpiFormulas.MonthSales(sums.netMonthSales().get(m - 1), query.monthDays(m)));
        }
        List<BigDecimal> aged = sums.aged();
        BigDecimal receivables = aged.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal overdue = receivables.subtract(aged.getFirst());
        return new KpiReport.Row(sums.key(), sums.name(), sums.currency(), receivables, overdue,
                KpiFormulas.percent(overdue, receivables), beginning, sales,
                KpiFormulas.simpleDso(receivables, sales, query.periodDays()),
                KpiFormulas.countbackDso(receivables, months),
                query.ceiForm() == KpiQuery.CeiForm.STANDARD
                        ? KpiFormulas.standardCei(beginning, sales, query.months(), receivables, aged.getFirst())
                        : KpiFormulas.cei(beginning, sales, receivables, aged.getFirst()), sums.paid(), sums.paidLate(),
                KpiFormulas.percent(BigDecimal.valueOf(sums.paidLate()), BigDecimal.valueOf(sums.paid())),
                KpiFormulas.weightedAverage(sums.paidAmountTimesDaysLate(), sums.paidAmount()),
                sums.openDisputes(), sums.resolvedDisputes(), scaled(sums.averageResolutionDays()), aged,
                KpiFormulas.averageDso(beginning, receivables, sales, query.periodDays()),
                KpiFormulas.simpleDso(aged.getFirst(), sales, query.periodDays()),
                KpiFormulas.daysBeyondTerms(receivables, aged.getFirst(), sales, query.periodDays()));
    }

    /** A row with disputes alone: no invoice of the period, so no balance and no ratio, only its disputes. */
    private static KpiReport.Row disputesAlone(ReceivablesFigures.Row sums) {
        return new KpiReport.Row(sums.key(), sums.name(), sums.currency(), BigDecimal.ZERO, BigDecimal.ZERO, null,
                BigDecimal.ZERO, BigDecimal.ZERO, null, null, null, 0, 0, null, null, sums.openDisputes(),
                sums.resolvedDisputes(), scaled(sums.averageResolutionDays()), sums.aged(), null, null, null);
    }

    static List<KpiReport.Bucket> buckets(List<Integer> bounds) {
        List<KpiReport.Bucket> buckets = new ArrayList<>();
        buckets.add(new KpiReport.Bucket("not due", null, 0));
        for (int i = 1; i < bounds.size(); i++) {
            buckets.add(new KpiReport.Bucket((bounds.get(i - 1) + 1) + "-" + bounds.get(i), bounds.get(i - 1) + 1, bounds.get(i)));
        }
        buckets.add(new KpiReport.Bucket(">" + bounds.getLast(), bounds.getLast() + 1, null));
        return buckets;
    }

    private static @Nullable BigDecimal scaled(@Nullable BigDecimal value) {
        return value == null ? null : value.setScale(1, RoundingMode.HALF_UP);
    }
}
