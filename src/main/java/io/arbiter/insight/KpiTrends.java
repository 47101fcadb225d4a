package io.arbiter.insight;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The overall report's DSO (simple and countback) and CEI as of many days at once ({@link KpiTrend}), with the very
 * rules of {@link Kpis} and {@link KpiStatements}, in three statements for the whole series (invoices, allocations,
 * credit notes) where asking the report day after day would read the ledger once per day.
 *
 * <p>Every condition of the report's statements compares an invoice's dates with a few days of its question: the
 * as-of day, the day before it, the opening day and the countback months' boundaries. Each statement therefore first
 * sums the invoices by currency, status and each date moved forward to the nearest such day of the series (the
 * {@link #clamp}: a date is before or on one of those days exactly when its clamped date is), a few thousand sums
 * instead of a million rows; then it asks each day's conditions of those sums, joined to the days' list.
 */
@Service
class KpiTrends {

    private final JdbcClient jdbc;
    private final InsightProperties properties;

    KpiTrends(JdbcClient jdbc, InsightProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /** @param queries by {@code all}, with the same filter, no page: one per day of the trend, oldest first */
    @Transactional(readOnly = true)
    KpiTrend trend(List<KpiQuery> queries) {
        AnalyticSettings.apply(jdbc, properties.workMem());
        // The planner cannot know that the clamped dates collapse the invoices into a few thousand sums: it prices
        // each parallel worker's sums as if they were the invoices themselves (0.1 a row) and reads the allocations
        // on one core; at 0.01 a row it shares them between workers (1.5 s down to 1.0 s on the benchmark's ledger).
        jdbc.sql("select set_config('parallel_tuple_cost', '0.01', true)").query().listOfRows();
        Map<String, Object> params = new HashMap<>(queries.getFirst().filter().values());
        Map<Integer, Map<String, long[]>> invoices = sums(invoiceSql(queries), params, 5 + countback(queries));
        Map<Integer, Map<String, long[]>> allocations = sums(allocationSql(queries), params, 3);
        Map<Integer, Map<String, long[]>> credits = sums(creditNoteSql(queries), params, 1 + countback(queries));
        List<KpiTrend.Month> months = new ArrayList<>();
        for (int k = 0; k < queries.size(); k++) {
            KpiQuery q = queries.get(k);
            List<KpiTrend.Row> rows = new ArrayList<>();
            for (Map.Entry<String, long[]> invoice : invoices.getOrDefault(k, Map.of()).entrySet()) {
                if (invoice.getValue()[0] == 0) {
                    continue; // no invoice of this currency in this day's report
                }
                rows.add(row(q, invoice.getKey(), invoice.getValue(),
                        allocations.getOrDefault(k, Map.of()).getOrDefault(invoice.getKey(), new long[3]),
                        credits.getOrDefault(k, Map.of()).getOrDefault(invoice.getKey(), new long[1 + countback(queries)])));
            }
            months.add(new KpiTrend.Month(q.asOf(), q.from(), List.copyOf(rows)));
        }
        return new KpiTrend(List.copyOf(months));
    }

    /**
     * The figures as {@link Kpis} makes them from its passes' sums.
     *
     * @param invoice invoices, beginning, sales, receivables, current, then each countback month's sales
     * @param allocation beginning, receivables, current
     * @param credit sales, then each countback month's
     */
    private static KpiTrend.Row row(KpiQuery q, String currency, long[] invoice, long[] allocation, long[] credit) {
        BigDecimal beginning = money(invoice[1] + allocation[0]);
        BigDecimal sales = money(invoice[2] - credit[0]);
        BigDecimal receivables = money(invoice[3] + allocation[1]);
        BigDecimal current = money(invoice[4] + allocation[2]);
        List<KpiFormulas.MonthSales> months = new ArrayList<>();
        for (int m = 1; m <= q.countbackMonths(); m++) {
            months.add(new KpiFormulas.MonthSales(money(invoice[4 + m] - credit[m]), q.monthDays(m)));
        }
        return new KpiTrend.Row(currency, KpiFormulas.simpleDso(receivables, sales, q.periodDays()),
                KpiFormulas.countbackDso(receivables, months),
                q.ceiForm() == KpiQuery.CeiForm.STANDARD
                        ? KpiFormulas.standardCei(beginning, sales, q.months(), receivables, current)
                        : KpiFormulas.cei(beginning, sales, receivables, current));
    }

    /** A statement's sums by day (its index) and currency, read as cents from its columns after k and currency. */
    private Map<Integer, Map<String, long[]>> sums(String sql, Map<String, Object> params, int columns) {
        Map<Integer, Map<String, long[]>> sums = new HashMap<>();
        jdbc.sql(sql).params(params).query(rs -> {
            long[] values = new long[columns];
            for (int c = 0; c < columns; c++) {
                values[c] = rs.getLong(c + 3);
            }
            sums.computeIfAbsent(rs.getInt("k"), k -> new TreeMap<>()).put(rs.getString("currency").strip(), values);
        });
        return sums;
    }

    /**
     * The invoice pass ({@link KpiStatements#invoiceSql}): an invoice counts in a day's report when issued by then, and
     * open, or settled after the period's start, or issued within the countback months; its balance on a day is its open
     * amount plus, when settled after that day, the part no allocation explains.
     */
    static String invoiceSql(List<KpiQuery> queries) {
        int countback = countback(queries);
        StringBuilder months = new StringBuilder();
        for (int m = 1; m <= countback; m++) {
            months.append(",\n  coalesce(sum(g.amount) filter (where f.included and g.issue_date > m.mb%d and g.issue_date <= m.mb%d), 0) as s%d"
                    .formatted(m, m - 1, m));
        }
        String balance = "g.open_amount + case when f.settled and g.settled_on > m.as_of then g.unexplained else 0 end";
        return """
                select m.k, g.currency,
                  coalesce(sum(g.invoices) filter (where f.included), 0) as invoices,
                  coalesce(sum(g.open_amount + case when f.settled then g.unexplained else 0 end) filter (where f.included and g.issue_date <= m.opening), 0) as beginning,
                  coalesce(sum(g.amount) filter (where f.included and g.issue_date > m.opening), 0) as sales,
                  coalesce(sum(%1$s) filter (where f.included), 0) as receivables,
                  coalesce(sum(%1$s) filter (where f.included and g.due_date >= m.as_of), 0) as current%2$s
                from (select i.currency, i.status, %3$s as issue_date, %4$s as due_date, %5$s as settled_on,
                        count(*) as invoices, sum(%6$s) as amount, sum(%7$s) as open_amount, sum(%8$s) as unexplained
                      from ledger_invoice i
                      where i.issue_date <= %9$s and i.status <> 'CANCELLED'
                        and (i.issue_date > %10$s or i.status = 'OPEN' or coalesce(i.paid_on, i.updated_at::date) > %11$s)%12$s
                      group by 1, 2, 3, 4, 5) g
                cross join %13$s
                cross join lateral (select g.issue_date <= m.as_of
                                             and (g.issue_date > m.countback or g.status = 'OPEN' or g.settled_on > m.opening) as included,
                                           g.status in ('PAID', 'SETTLED') and g.settled_on > m.opening as settled) f
                group by 1, 2
                order by 1, 2""".formatted(balance, months, clamp(queries, "i.issue_date"), clamp(queries, "i.due_date"),
                clamp(queries, "coalesce(i.paid_on, i.updated_at::date)"), cents("i.amount"), cents("i.open_amount"),
                cents("greatest(i.amount - i.open_amount - i.allocated, 0)"), literal(last(queries)),
                literal(queries.stream().map(q -> q.monthBoundary(q.countbackMonths())).min(LocalDate::compareTo).orElseThrow()),
                literal(queries.stream().map(KpiQuery::opening).min(LocalDate::compareTo).orElseThrow()),
                queries.getFirst().conditions(), days(queries));
    }

    /** The allocation pass ({@link KpiStatements#allocationSql}): an allocation made after a day adds back to it. */
    static String allocationSql(List<KpiQuery> queries) {
        String made = "g.allocated_on > m.opening and g.issue_date <= m.as_of";
        return """
                select m.k, g.currency,
                  coalesce(sum(g.amount) filter (where %1$s and g.issue_date <= m.opening), 0) as beginning,
                  coalesce(sum(g.amount) filter (where %1$s and g.allocated_on > m.as_of), 0) as receivables,
                  coalesce(sum(g.amount) filter (where %1$s and g.allocated_on > m.as_of and g.due_date >= m.as_of), 0) as current
                from (select i.currency, %2$s as issue_date, %3$s as due_date, %4$s as allocated_on, sum(%5$s) as amount
                      from ledger_allocation a
                      join ledger_invoice i on i.id = a.invoice_id
                      where a.allocated_on > %6$s and i.issue_date <= %7$s and i.status <> 'CANCELLED'%8$s
                      group by 1, 2, 3, 4) g
                cross join %9$s
                group by 1, 2
                order by 1, 2""".formatted(made, clamp(queries, "i.issue_date"), clamp(queries, "i.due_date"),
                clamp(queries, "a.allocated_on"), cents("a.amount"),
                literal(queries.stream().map(KpiQuery::opening).min(LocalDate::compareTo).orElseThrow()),
                literal(last(queries)), queries.getFirst().conditions(), days(queries));
    }

    /** The credit notes ({@link KpiStatements#creditNoteSql}), which net each day's period and countback months. */
    static String creditNoteSql(List<KpiQuery> queries) {
        int countback = countback(queries);
        StringBuilder months = new StringBuilder();
        for (int m = 1; m <= countback; m++) {
            months.append(",\n  coalesce(sum(g.amount) filter (where g.issued_on > m.mb%d and g.issued_on <= m.mb%d), 0) as s%d"
                    .formatted(m, m - 1, m));
        }
        return """
                select m.k, g.currency,
                  coalesce(sum(g.amount) filter (where g.issued_on > m.opening and g.issued_on <= m.as_of), 0) as sales%1$s
                from (select i.currency, %2$s as issued_on, sum(%3$s) as amount
                      from ledger_credit_note i
                      where i.issued_on <= %4$s and i.issued_on > %5$s%6$s
                      group by 1, 2) g
                cross join %7$s
                group by 1, 2
                order by 1, 2""".formatted(months, clamp(queries, "i.issued_on"), cents("i.amount"), literal(last(queries)),
                literal(queries.stream().map(q -> q.opening().isBefore(q.monthBoundary(q.countbackMonths())) ? q.opening()
                        : q.monthBoundary(q.countbackMonths())).min(LocalDate::compareTo).orElseThrow()),
                queries.getFirst().conditions(), days(queries));
    }

    /**
     * The days of the series as a table {@code m}: its index {@code k}, as-of day, opening day (the day before the
     * period), countback start, and the countback months' boundaries {@code mb0} (the as-of day) to {@code mbN}.
     */
    private static String days(List<KpiQuery> queries) {
        int countback = countback(queries);
        List<String> rows = new ArrayList<>();
        for (int k = 0; k < queries.size(); k++) {
            KpiQuery q = queries.get(k);
            StringBuilder row = new StringBuilder("(%d, %s, %s, %s".formatted(k, literal(q.asOf()), literal(q.opening()),
                    literal(q.monthBoundary(countback))));
            for (int m = 0; m <= countback; m++) {
                row.append(", ").append(literal(q.monthBoundary(m)));
            }
            rows.add(row.append(")").toString());
        }
        StringBuilder columns = new StringBuilder("k, as_of, opening, countback");
        for (int m = 0; m <= countback; m++) {
            columns.append(", mb").append(m);
        }
        return "(values " + String.join(",\n  ", rows) + ") m(" + columns + ")";
    }

    /**
     * A date moved forward to the first of the series' days on or after it (infinity after the last): compared with
     * any of those days ({@code <=}, {@code >}), it answers as the date itself does. {@code >=} a day is {@code >} the
     * day before, which is among them. {@code width_bucket} counts the days before the date.
     */
    private static String clamp(List<KpiQuery> queries, String date) {
        TreeSet<LocalDate> days = new TreeSet<>();
        for (KpiQuery q : queries) {
            days.add(q.asOf());
            days.add(q.asOf().minusDays(1));
            days.add(q.opening());
            for (int m = 0; m <= q.countbackMonths(); m++) {
                days.add(q.monthBoundary(m));
            }
        }
        String points = days.stream().map(KpiTrends::literal).collect(Collectors.joining(", "));
        String after = days.stream().map(day -> literal(day.plusDays(1))).collect(Collectors.joining(", "));
        return "(array[%s, date 'infinity'])[width_bucket(%s, array[%s]) + 1]".formatted(points, date, after);
    }

    private static int countback(List<KpiQuery> queries) {
        return queries.getFirst().countbackMonths();
    }

    private static LocalDate last(List<KpiQuery> queries) {
        return queries.stream().map(KpiQuery::asOf).max(LocalDate::compareTo).orElseThrow();
    }

    private static String cents(String amount) {
        return "(" + amount + " * 100)::bigint";
    }

    private static BigDecimal money(long cents) {
        return BigDecimal.valueOf(cents).movePointLeft(2);
    }

    private static String literal(LocalDate day) {
        return "date '" + day + "'";
    }
}
