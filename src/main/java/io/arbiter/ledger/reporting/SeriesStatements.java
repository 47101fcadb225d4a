package io.arbiter.ledger.reporting;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The statements of {@link ReceivablesSeries}: {@link ReceivablesStatements}' passes for many days at once.
 *
 * <p>Every condition of those passes compares an invoice's dates with a few days of its question: the as-of day, the
 * day before it, the opening day and the countback months' boundaries. Each statement therefore first sums the
 * invoices by currency, status and each date moved forward to the nearest such day of the series (the
 * {@link #clamp}: a date is before or on one of those days exactly when its clamped date is), a few thousand sums
 * instead of a million rows; then it asks each day's conditions of those sums, joined to the days' list.
 */
final class SeriesStatements {

    private SeriesStatements() {
    }

    /**
     * The invoice pass ({@link ReceivablesStatements#invoiceSql}): an invoice counts in a day's report when issued by then, and
     * open, or settled after the period's start, or issued within the countback months; its balance on a day is its open
     * amount plus, when settled after that day, the part no allocation explains.
     */
    static String invoiceSql(List<ReceivablesQuestion> queries) {
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
                literal(queries.stream().map(ReceivablesQuestion::opening).min(LocalDate::compareTo).orElseThrow()),
                queries.getFirst().conditions(), days(queries));
    }

    /** The allocation pass ({@link ReceivablesStatements#allocationSql}): an allocation made after a day adds back to it. */
    static String allocationSql(List<ReceivablesQuestion> queries) {
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
                literal(queries.stream().map(ReceivablesQuestion::opening).min(LocalDate::compareTo).orElseThrow()),
                literal(last(queries)), queries.getFirst().conditions(), days(queries));
    }

    /** The credit notes ({@link ReceivablesStatements#creditNoteSql}), which net each day's period and countback months. */
    static String creditNoteSql(List<ReceivablesQuestion> queries) {
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
    private static String days(List<ReceivablesQuestion> queries) {
        int countback = countback(queries);
        List<String> rows = new ArrayList<>();
        for (int k = 0; k < queries.size(); k++) {
            ReceivablesQuestion q = queries.get(k);
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
    private static String clamp(List<ReceivablesQuestion> queries, String date) {
        TreeSet<LocalDate> days = new TreeSet<>();
        for (ReceivablesQuestion q : queries) {
            days.add(q.asOf());
            days.add(q.asOf().minusDays(1));
            days.add(q.opening());
            for (int m = 0; m <= q.countbackMonths(); m++) {
                days.add(q.monthBoundary(m));
            }
        }
        String points = days.stream().map(SeriesStatements::literal).collect(Collectors.joining(", "));
        String after = days.stream().map(day -> literal(day.plusDays(1))).collect(Collectors.joining(", "));
        return "(array[%s, date 'infinity'])[width_bucket(%s, array[%s]) + 1]".formatted(points, date, after);
    }

    private static int countback(List<ReceivablesQuestion> queries) {
        return queries.getFirst().countbackMonths();
    }

    private static LocalDate last(List<ReceivablesQuestion> queries) {
        return queries.stream().map(ReceivablesQuestion::asOf).max(LocalDate::compareTo).orElseThrow();
    }

    private static String cents(String amount) {
        return "(" + amount + " * 100)::bigint";
    }

    private static String literal(LocalDate day) {
        return "date '" + day + "'";
    }
}
