package io.arbiter.ledger.reporting;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The statements of a {@link ReceivablesQuestion}, one per pass ({@link Receivables#figures}): the invoices, the
 * allocations, the credit notes, the disputes, and the page's customers; insight's KPI report is built on them. A
 * period's beginning balances are those at the end of the day before its first day
 * ({@link ReceivablesQuestion#opening()}), so that the first day's sales count in the period. Dates and numbers are written into
 * the SQL as literals from typed values (never from text a client sent), so that the benchmark can EXPLAIN the very
 * statement the API runs; a drill-down's values, which a client sends, are bound as parameters.
 */
final class ReceivablesStatements {

    private ReceivablesStatements() {
    }

    /**
     * The page's customers, in account order: those with a row in any of the three passes. Each {@code exists} is
     * asked customer by customer ({@code offset 0} keeps PostgreSQL from hashing the whole ledger's answer first), so
     * a page costs its own customers' invoices, not the ledger's.
     */
    static String pageSql(ReceivablesQuestion q, ReceivablesQuestion.Page page) {
        String entity = q.filter().entityCondition();
        String customers = q.filter().customerConditions().stream().map(c -> " and " + c).collect(Collectors.joining());
        return """
                select c.id, c.account from ledger_customer c
                where %1$s%2$s
                  and (exists (select 1 from ledger_invoice i
                               where i.customer_id = c.id and %3$s%6$s offset 0)
                       or exists (select 1 from ledger_invoice i join ledger_allocation a on a.invoice_id = i.id
                                  where i.customer_id = c.id and %4$s%6$s offset 0)
                       or exists (select 1 from ledger_invoice i
                                  join ledger_dispute_invoice di on di.invoice_id = i.id
                                  join ledger_dispute d on d.id = di.dispute_id
                                  where i.customer_id = c.id and %5$s%6$s offset 0))
                order by c.account
                limit :limit""".formatted(page.after() == null ? "true" : "c.account > :after", customers,
                invoiceRows(q), allocationRows(q), disputeRows(q), entity);
    }

    /**
     * What {@link #pageSql} binds: the drill-down's {@code filter} values, one customer more than the page holds (to
     * know whether another page follows), and the account it starts after.
     */
    static Map<String, Object> pageParameters(ReceivablesQuestion.Page page, Map<String, ?> filter) {
        Map<String, Object> parameters = new HashMap<>(filter);
        parameters.put("limit", page.limit() + 1);
        if (page.after() != null) {
            parameters.put("after", page.after());
        }
        return parameters;
    }

    /**
     * The invoice pass, one scan of the ledger; package-private so that the benchmark explains exactly this statement.
     * A balance on a past day here is what is open today, plus, for an invoice settled after that day (a PAID or SETTLED
     * invoice whose {@code paid_on}, or without a payment day the day the ledger last changed it, is after that day),
     * the part of its amount that no allocation explains (amount − open − allocated: what an ERP file or a snapshot
     * brought to zero); {@link #allocationSql} adds back the allocations made after that day. A row's balance is summed
     * only in the one aged-balance bucket whose filter it passes (they do not overlap); receivables and overdue are the
     * buckets' sums.
     *
     * <p>Amounts are summed as cents ({@link #cents}); the unexplained part is computed only for invoices settled in
     * the period. What the allocations add up to is read on the invoice ({@code allocated}), so that the statement is
     * one scan, split between parallel workers, with no join but the customer's for the dimension.
     */
    static String invoiceSql(ReceivablesQuestion q) {
        String asOf = literal(q.asOf());
        String from = literal(q.opening());
        StringBuilder months = new StringBuilder();
        for (int m = 1; m <= q.countbackMonths(); m++) {
            months.append(",\n  coalesce(sum(i.amount) filter (where i.issue_date > %s and i.issue_date <= %s), 0) as s%d"
                    .formatted(literal(q.monthBoundary(m)), literal(q.monthBoundary(m - 1)), m));
        }
        String paid = "i.status = 'PAID' and i.paid_on > " + from + " and i.paid_on <= " + asOf;
        String settledOn = "coalesce(i.paid_on, i.updated_at::date)";
        String settledInPeriod = "i.status in ('PAID', 'SETTLED') and " + settledOn + " > " + from;
        String invoices = """
                from (select %1$s as key, i.currency, i.issue_date, i.due_date, i.status, i.paid_on, %5$s as amount,
                        %6$s as open_amount,
                        case when %9$s then %10$s end as settled_on,
                        case when %9$s then %11$s end as unexplained
                      from ledger_invoice i%4$s
                      where %7$s%8$s) i""".formatted(key(q), asOf, from, customerJoin(q), cents("i.amount"),
                cents("i.open_amount"), invoiceRows(q), q.conditions(), settledInPeriod, settledOn,
                cents("greatest(i.amount - i.open_amount - i.allocated, 0)"));
        return grouped(q, "i.key", """
                  coalesce(sum(case when i.settled_on is not null then i.open_amount + i.unexplained else i.open_amount end) filter (where i.issue_date <= %3$s), 0) as beginning,
                  coalesce(sum(i.amount) filter (where i.issue_date > %3$s), 0) as sales,
                  count(*) filter (where %1$s) as paid,
                  count(*) filter (where %1$s and i.paid_on > i.due_date) as paid_late,
                  coalesce(sum(i.amount * greatest(i.paid_on - i.due_date, 0)) filter (where %1$s), 0) as weighted,
                  coalesce(sum(i.amount) filter (where %1$s), 0) as paid_amount%4$s%5$s""".formatted(paid, asOf, from,
                months, buckets(q, "case when i.settled_on > " + asOf + " then i.open_amount + i.unexplained else i.open_amount end", "")),
                invoices);
    }

    /**
     * The invoices that matter for the period, on an invoice {@code i}: open ones, those settled after its start, those
     * issued within the countback months; never a cancelled one or one issued after the as-of day.
     */
    private static String invoiceRows(ReceivablesQuestion q) {
        String from = literal(q.opening());
        return """
                i.issue_date <= %s and i.status <> 'CANCELLED'
                        and (i.issue_date > %s or i.status = 'OPEN' or i.paid_on > %s
                             or (i.paid_on is null and i.updated_at::date > %s))""".formatted(literal(q.asOf()),
                literal(q.monthBoundary(q.countbackMonths())), from, from);
    }

    /**
     * The allocations of the period, each added back to its invoice's balance on the days before it was made: to the
     * beginning receivables (made after the period's start) and, when made after the as-of day, to the invoice's
     * aged-balance bucket. One row per allocation, found through the allocations' index by day, its invoice by key.
     */
    static String allocationSql(ReceivablesQuestion q) {
        String asOf = literal(q.asOf());
        String from = literal(q.opening());
        return grouped(q, key(q), """
                  coalesce(sum(%1$s) filter (where i.issue_date <= %2$s), 0) as beginning%3$s""".formatted(
                cents("a.amount"), from, buckets(q, cents("a.amount"), "a.allocated_on > " + asOf + " and ")), """
                from ledger_allocation a
                join ledger_invoice i on i.id = a.invoice_id%1$s
                where %2$s%3$s""".formatted(customerJoin(q), allocationRows(q), q.conditions()));
    }

    /**
     * The credit notes (avoirs) issued in the period and in each countback month, as {@code i} so that the dimension's
     * key and the drill-down's conditions read them as they read an invoice: DSO and CEI measure receivables against
     * net credit sales, what was invoiced less what was credited back.
     */
    static String creditNoteSql(ReceivablesQuestion q) {
        String asOf = literal(q.asOf());
        StringBuilder months = new StringBuilder();
        for (int m = 1; m <= q.countbackMonths(); m++) {
            months.append(",\n  coalesce(sum(%s) filter (where i.issued_on > %s and i.issued_on <= %s), 0) as s%d"
                    .formatted(cents("i.amount"), literal(q.monthBoundary(m)), literal(q.monthBoundary(m - 1)), m));
        }
        return grouped(q, key(q), """
                  coalesce(sum(%1$s) filter (where i.issued_on > %2$s), 0) as sales%3$s""".formatted(cents("i.amount"),
                literal(q.opening()), months), """
                from ledger_credit_note i%1$s
                where i.issued_on <= %2$s and i.issued_on > least(%3$s, %4$s)%5$s""".formatted(customerJoin(q), asOf,
                literal(q.opening()), literal(q.monthBoundary(q.countbackMonths())), q.conditions()));
    }

    /** The allocations made after the period's start to an invoice {@code i} of the period, as {@code a}. */
    private static String allocationRows(ReceivablesQuestion q) {
        return "a.allocated_on > %s and i.issue_date <= %s and i.status <> 'CANCELLED'".formatted(literal(q.opening()),
                literal(q.asOf()));
    }

    /**
     * An amount ({@code numeric(15,2)}) as whole cents ({@code bigint}), which the statements sum: PostgreSQL adds
     * bigints in a 128-bit integer, exactly and for less than numerics (by group, the invoice pass went from 1.0 to
     * 0.9 s on the benchmark's ledger). {@link Receivables} turns the sums back into amounts.
     */
    private static String cents(String amount) {
        return "(" + amount + " * 100)::bigint";
    }

    /** The dimension's value on an invoice {@code i}: by customer, its id (the account and name are joined to the sums). */
    private static String key(ReceivablesQuestion q) {
        return q.by() == ReceivablesQuestion.Grouping.CUSTOMER ? "i.customer_id" : q.by().key;
    }

    private static String customerJoin(ReceivablesQuestion q) {
        return q.by().needsCustomer && q.by() != ReceivablesQuestion.Grouping.CUSTOMER ? "\njoin ledger_customer c on c.id = i.customer_id" : "";
    }

    /**
     * A statement grouped by {@code key} and {@code i.currency}, with {@code aggregates} after them, over
     * {@code rows} (its FROM and WHERE). By customer, the rows are grouped by customer id and the account and name
     * joined to the sums (one row per customer), not to every invoice, which are not sorted by account either.
     */
    private static String grouped(ReceivablesQuestion q, String key, String aggregates, String rows) {
        if (q.by() == ReceivablesQuestion.Grouping.CUSTOMER) {
            return """
                    select c.account as key, c.name, x.*
                    from (select %s as customer_id, i.currency,
                    %s
                    %s
                    group by 1, 2) x
                    join ledger_customer c on c.id = x.customer_id
                    order by 1, x.currency""".formatted(key, aggregates, rows);
        }
        return """
                select %s as key, null::text as name, i.currency,
                %s
                %s
                group by 1, 3
                order by 1 nulls first, 3""".formatted(key, aggregates, rows);
    }

    /**
     * One column per aged-balance bucket, b0 (not due) to bN, summing {@code balance} over the bucket's rows that
     * pass {@code condition} (an SQL condition followed by {@code and}, or empty).
     */
    private static String buckets(ReceivablesQuestion q, String balance, String condition) {
        List<Integer> bounds = q.bounds();
        StringBuilder buckets = new StringBuilder(",\n  coalesce(sum(%s) filter (where %si.due_date >= %s), 0) as b0"
                .formatted(balance, condition, literal(q.asOf())));
        for (int b = 1; b < bounds.size(); b++) {
            buckets.append(",\n  coalesce(sum(%s) filter (where %si.due_date between %s and %s), 0) as b%d".formatted(
                    balance, condition, literal(q.asOf().minusDays(bounds.get(b))),
                    literal(q.asOf().minusDays(bounds.get(b - 1) + 1)), b));
        }
        buckets.append(",\n  coalesce(sum(%s) filter (where %si.due_date < %s), 0) as b%d".formatted(balance, condition,
                literal(q.asOf().minusDays(bounds.getLast())), bounds.size()));
        return buckets.toString();
    }

    static String disputeSql(ReceivablesQuestion q) {
        String asOf = literal(q.asOf());
        String from = literal(q.opening());
        return """
                select key, name, currency,
                  count(*) filter (where opened_on <= %1$s and (resolved_on is null or resolved_on > %1$s)) as open,
                  count(*) filter (where resolved_on > %2$s and resolved_on <= %1$s) as resolved,
                  avg(resolved_on - opened_on) filter (where resolved_on > %2$s and resolved_on <= %1$s) as average_days
                from (select distinct %3$s as key, %6$s as name, i.currency, d.id, d.opened_on, d.resolved_on
                      from ledger_dispute d
                      join ledger_dispute_invoice di on di.dispute_id = d.id
                      join ledger_invoice i on i.id = di.invoice_id
                      join ledger_customer c on c.id = i.customer_id
                      where %4$s%5$s) disputes
                group by key, name, currency""".formatted(asOf, from, q.by().key, disputeRows(q), q.conditions(),
                q.by() == ReceivablesQuestion.Grouping.CUSTOMER ? "c.name" : "null::text");
    }

    /** The disputes {@code d} open at some time in the period. */
    private static String disputeRows(ReceivablesQuestion q) {
        return "d.opened_on <= %s and (d.resolved_on is null or d.resolved_on > %s)".formatted(literal(q.asOf()),
                literal(q.opening()));
    }

    private static String literal(LocalDate day) {
        return "date '" + day + "'";
    }
}
