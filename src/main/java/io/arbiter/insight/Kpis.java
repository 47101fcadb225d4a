package io.arbiter.insight;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.arbiter.shared.BusinessDates;
import io.arbiter.shared.ProblemException;

/**
 * Computes {@link KpiReport}s in PostgreSQL: one pass over the invoices that matter for the period (open ones, those
 * settled after its start, those issued within the countback months) grouped by dimension and currency, one over the
 * allocations of the period (corrections to the balances), one over the credit notes (which net the credit sales) and
 * one over the disputes. The pure formulas then run on the sums ({@link KpiFormulas}).
 *
 * <p>A past day's open balance: today's open amount, rewound by what came in after that day: the allocations
 * (payments and credit notes, by {@code allocated_on}) made after it, and for an invoice settled after it the part of
 * its amount no allocation explains (settled outside Arbiter: open until its {@code paid_on} or, with no payment day,
 * until the day the ledger last changed it). An invoice counts only from its issue date;
 * cancelled invoices never count. Dates and numbers are written into the SQL as literals from typed values (never from
 * text a client sent), so that the benchmark can EXPLAIN the very statement the API runs; a drill-down's values
 * ({@link Filter}), which a client sends, are bound as parameters.
 */
@Service
class Kpis {

    enum Dimension {
        ALL("'all'", false), ENTITY("i.entity_code", false), GROUP("c.group_code", true), ACTIVITY("c.activity", true),
        SALESPERSON("c.salesperson", true), CUSTOMER("c.account", true);

        final String key;
        final boolean needsCustomer;

        Dimension(String key, boolean needsCustomer) {
            this.key = key;
            this.needsCustomer = needsCustomer;
        }

        static Dimension parse(String by) {
            return Arrays.stream(values()).filter(d -> d.name().equalsIgnoreCase(by)).findFirst()
                    .orElseThrow(() -> invalid("by", "by must be one of all, entity, group, activity, salesperson, customer (was '" + by + "')"));
        }

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A drill-down: only the invoices of one entity, and of the customers with the given group, activity, salesperson
     * or account; a null field does not filter. The values come from a client, so the statements bind them.
     */
    record Filter(@Nullable String entity, @Nullable String group, @Nullable String activity,
            @Nullable String salesperson, @Nullable String customer) {

        static final Filter NONE = new Filter(null, null, null, null, null);

        /** The {@code ledger_customer} column each customer filter compares. */
        private static final Map<String, String> CUSTOMER_COLUMNS = Map.of("group", "group_code", "activity", "activity",
                "salesperson", "salesperson", "customer", "account");

        Filter {
            given(entity, group, activity, salesperson, customer).forEach((field, value) -> {
                if (value.isBlank()) {
                    throw invalid(field, field + " must not be blank: leave it out to include every " + field);
                }
            });
        }

        /** The filter's values by name, as the report shows them and the statements bind them. */
        Map<String, String> values() {
            return given(entity, group, activity, salesperson, customer);
        }

        private static Map<String, String> given(@Nullable String entity, @Nullable String group,
                @Nullable String activity, @Nullable String salesperson, @Nullable String customer) {
            Map<String, @Nullable String> all = new LinkedHashMap<>();
            all.put("entity", entity);
            all.put("group", group);
            all.put("activity", activity);
            all.put("salesperson", salesperson);
            all.put("customer", customer);
            Map<String, String> given = new LinkedHashMap<>();
            all.forEach((name, value) -> {
                if (value != null) {
                    given.put(name, value);
                }
            });
            return given;
        }

        /** Conditions on an invoice {@code i}, each starting with {@code and}; empty when nothing filters. */
        String conditions() {
            List<String> customers = customerConditions();
            return entityCondition() + (customers.isEmpty() ? "" : " and i.customer_id in (select c.id from ledger_customer c where "
                    + String.join(" and ", customers) + ")");
        }

        /** The entity's condition on an invoice {@code i}, starting with {@code and}; empty without one. */
        String entityCondition() {
            return entity == null ? "" : " and i.entity_code = :entity";
        }

        /** The conditions on a customer {@code c}. */
        List<String> customerConditions() {
            return values().keySet().stream().filter(CUSTOMER_COLUMNS::containsKey)
                    .map(name -> "c." + CUSTOMER_COLUMNS.get(name) + " = :" + name).toList();
        }
    }

    /**
     * A page of the report by customer: the first {@code limit} customers with something to report whose account
     * comes after {@code after} (null: from the first), in account order. A customer with invoices in two currencies
     * has two rows on its page.
     */
    record Page(int limit, @Nullable String after) {

        Page {
            if (limit < 1) {
                throw invalid("limit", "limit must be at least 1 (was " + limit + ")");
            }
        }
    }

    /**
     * One KPI question; {@code bounds} are the aged balance's upper bounds in days past due, the first being 0;
     * {@code page} null for the whole report.
     */
    record Query(LocalDate asOf, LocalDate from, Dimension by, List<Integer> bounds, int countbackMonths, Filter filter,
            @Nullable Page page) {

        /** A century of days: an aged-balance bound beyond it reaches before any ledger and out of PostgreSQL's dates. */
        static final int MAX_BUCKET_DAYS = 36_500;

        Query {
            BusinessDates.within("asOf", asOf);
            BusinessDates.within("from", from);
            if (!from.isBefore(asOf)) {
                throw invalid("from", "from (" + from + ") must be before asOf (" + asOf + ")");
            }
            if (ChronoUnit.DAYS.between(from, asOf) > 3660) {
                throw invalid("from", "the period from " + from + " to " + asOf + " is longer than 10 years");
            }
            List<Integer> sorted = new ArrayList<>(bounds);
            if (sorted.isEmpty() || sorted.getFirst() != 0) {
                sorted.addFirst(0);
            }
            for (int i = 1; i < sorted.size(); i++) {
                if (sorted.get(i) <= sorted.get(i - 1)) {
                    throw invalid("buckets", "buckets must be increasing whole days past due, e.g. 0,30,60,90,180 (was " + bounds + ")");
                }
            }
            if (sorted.size() > 20) {
                throw invalid("buckets", "at most 20 buckets");
            }
            if (sorted.getLast() > MAX_BUCKET_DAYS) {
                throw invalid("buckets", "buckets must be at most " + MAX_BUCKET_DAYS + " days past due (was " + bounds + ")");
            }
            bounds = List.copyOf(sorted);
        }

        int periodDays() {
            return (int) ChronoUnit.DAYS.between(from, asOf);
        }

        LocalDate monthStart(int monthsBack) {
            return asOf.minusMonths(monthsBack);
        }

        /** The drill-down's and the page's conditions on an invoice {@code i}, each starting with {@code and}. */
        String conditions() {
            return filter.conditions() + (page == null ? "" : " and i.customer_id = any(:page)");
        }
    }

    /** A row's disputes; {@code name} is the customer's by customer (a row with disputes alone shows it too). */
    private record Disputes(@Nullable String name, int open, int resolved, @Nullable BigDecimal averageDays) {
    }

    private final JdbcClient jdbc;
    private final InsightProperties properties;

    Kpis(JdbcClient jdbc, InsightProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    @Transactional(readOnly = true)
    KpiReport report(Query query) {
        AnalyticSettings.apply(jdbc, properties.workMem());
        Map<List<String>, Disputes> disputes = new HashMap<>();
        Map<String, String> filter = query.filter().values();
        Map<String, Object> params = new HashMap<>(filter);
        String next = query.page() == null ? null : page(query, query.page(), params);
        jdbc.sql(disputeSql(query)).params(params).query(rs -> {
            disputes.put(Arrays.asList(rs.getString("key"), rs.getString("currency").strip()), new Disputes(
                    rs.getString("name"), rs.getInt("open"), rs.getInt("resolved"), scaled(rs.getBigDecimal("average_days"))));
        });
        int columns = query.bounds().size() + 2;
        Map<List<String>, BigDecimal[]> corrections = new HashMap<>();
        jdbc.sql(allocationSql(query)).params(params).query(rs -> {
            BigDecimal[] correction = new BigDecimal[columns];
            correction[0] = money(rs, "beginning");
            for (int b = 0; b < columns - 1; b++) {
                correction[b + 1] = money(rs, "b" + b);
            }
            corrections.put(Arrays.asList(rs.getString("key"), rs.getString("currency").strip()), correction);
        });
        Map<List<String>, BigDecimal[]> credits = new HashMap<>();
        jdbc.sql(creditNoteSql(query)).params(params).query(rs -> {
            BigDecimal[] credit = new BigDecimal[query.countbackMonths() + 1];
            credit[0] = money(rs, "sales");
            for (int m = 1; m <= query.countbackMonths(); m++) {
                credit[m] = money(rs, "s" + m);
            }
            credits.put(Arrays.asList(rs.getString("key"), rs.getString("currency").strip()), credit);
        });
        BigDecimal[] none = new BigDecimal[columns];
        Arrays.fill(none, BigDecimal.ZERO);
        BigDecimal[] noCredit = new BigDecimal[query.countbackMonths() + 1];
        Arrays.fill(noCredit, BigDecimal.ZERO);
        Map<List<String>, KpiReport.Row> rows = new LinkedHashMap<>();
        jdbc.sql(invoiceSql(query)).params(params).query(rs -> {
            String key = rs.getString("key");
            String currency = rs.getString("currency").strip();
            List<String> id = Arrays.asList(key, currency);
            rows.put(id, row(query, rs, key, currency, corrections.getOrDefault(id, none), credits.getOrDefault(id, noCredit),
                    disputes.getOrDefault(id, new Disputes(null, 0, 0, null))));
        });
        List<BigDecimal> noBalance = query.bounds().stream().map(b -> BigDecimal.ZERO).collect(Collectors.toList());
        noBalance.add(BigDecimal.ZERO);
        int withInvoices = rows.size();
        disputes.forEach((key, d) -> rows.computeIfAbsent(key, k -> new KpiReport.Row(k.get(0), d.name(), k.get(1),
                BigDecimal.ZERO, BigDecimal.ZERO, null, BigDecimal.ZERO, BigDecimal.ZERO, null, null, null, 0, 0, null,
                null, d.open(), d.resolved(), d.averageDays(), noBalance)));
        List<KpiReport.Row> sorted = new ArrayList<>(rows.values());
        if (sorted.size() > withInvoices) {
            // Rows with disputes alone were added last; put them in the statements' order (by key, then currency).
            sorted.sort(Comparator.comparing(KpiReport.Row::key, Comparator.nullsFirst(Comparator.<String>naturalOrder()))
                    .thenComparing(KpiReport.Row::currency));
        }
        return new KpiReport(query.asOf(), query.from(), query.periodDays(), query.by().label(), filter,
                buckets(query.bounds()), List.copyOf(sorted), next);
    }

    /**
     * Finds the page's customers and binds their ids ({@code page}) for the passes, which then read only their
     * invoices through the invoices' index by customer; returns the next page's cursor, null after the last customer.
     */
    private @Nullable String page(Query query, Page page, Map<String, Object> params) {
        List<Long> ids = new ArrayList<>();
        List<String> accounts = new ArrayList<>();
        jdbc.sql(pageSql(query, page)).params(pageParameters(page, params)).query(rs -> {
            ids.add(rs.getLong("id"));
            accounts.add(rs.getString("account"));
        });
        boolean more = ids.size() > page.limit();
        params.put("page", ids.subList(0, Math.min(ids.size(), page.limit())).toArray(Long[]::new));
        return more ? cursor(accounts.get(page.limit() - 1)) : null;
    }

    /**
     * The page's customers, in account order: those with a row in any of the three passes. Each {@code exists} is
     * asked customer by customer ({@code offset 0} keeps PostgreSQL from hashing the whole ledger's answer first), so
     * a page costs its own customers' invoices, not the ledger's.
     */
    static String pageSql(Query q, Page page) {
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
    static Map<String, Object> pageParameters(Page page, Map<String, ?> filter) {
        Map<String, Object> parameters = new HashMap<>(filter);
        parameters.put("limit", page.limit() + 1);
        if (page.after() != null) {
            parameters.put("after", page.after());
        }
        return parameters;
    }

    /** A page's cursor: the last account of the page, encoded so that a client passes it back as it was. */
    static String cursor(String account) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(account.getBytes(StandardCharsets.UTF_8));
    }

    /** The account a {@link #cursor} was made of. */
    static String account(String cursor) {
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid("cursor", "cursor '" + cursor + "' is not one this API gave; pass the 'next' of the previous page as it was");
        }
    }

    /**
     * @param correction the allocations' corrections: beginning receivables, then each aged-balance bucket
     * @param credit the credit notes issued in the period, then in each countback month, which net the credit sales
     */
    private static KpiReport.Row row(Query query, ResultSet rs, String key, String currency, BigDecimal[] correction,
            BigDecimal[] credit, Disputes disputes) throws SQLException {
        BigDecimal beginning = money(rs, "beginning").add(correction[0]);
        BigDecimal sales = money(rs, "sales").subtract(credit[0]);
        List<KpiFormulas.MonthSales> months = new ArrayList<>();
        for (int m = 1; m <= query.countbackMonths(); m++) {
            months.add(new KpiFormulas.MonthSales(money(rs, "s" + m).subtract(credit[m]),
                    (int) ChronoUnit.DAYS.between(query.monthStart(m), query.monthStart(m - 1))));
        }
        List<BigDecimal> aged = new ArrayList<>();
        for (int b = 0; b <= query.bounds().size(); b++) {
            aged.add(money(rs, "b" + b).add(correction[b + 1]));
        }
        BigDecimal receivables = aged.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal overdue = receivables.subtract(aged.getFirst());
        int paid = rs.getInt("paid");
        int paidLate = rs.getInt("paid_late");
        return new KpiReport.Row(key, rs.getString("name"), currency, receivables, overdue,
                KpiFormulas.percent(overdue, receivables), beginning, sales,
                KpiFormulas.simpleDso(receivables, sales, query.periodDays()),
                KpiFormulas.countbackDso(receivables, months),
                KpiFormulas.cei(beginning, sales, receivables, aged.getFirst()), paid, paidLate,
                KpiFormulas.percent(BigDecimal.valueOf(paidLate), BigDecimal.valueOf(paid)),
                KpiFormulas.weightedAverage(money(rs, "weighted"), money(rs, "paid_amount")),
                disputes.open(), disputes.resolved(), disputes.averageDays(), aged);
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
    static String invoiceSql(Query q) {
        String asOf = literal(q.asOf());
        String from = literal(q.from());
        StringBuilder months = new StringBuilder();
        for (int m = 1; m <= q.countbackMonths(); m++) {
            months.append(",\n  coalesce(sum(i.amount) filter (where i.issue_date > %s and i.issue_date <= %s), 0) as s%d"
                    .formatted(literal(q.monthStart(m)), literal(q.monthStart(m - 1)), m));
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
    private static String invoiceRows(Query q) {
        String from = literal(q.from());
        return """
                i.issue_date <= %s and i.status <> 'CANCELLED'
                        and (i.issue_date > %s or i.status = 'OPEN' or i.paid_on > %s
                             or (i.paid_on is null and i.updated_at::date > %s))""".formatted(literal(q.asOf()),
                literal(q.monthStart(q.countbackMonths())), from, from);
    }

    /**
     * The allocations of the period, each added back to its invoice's balance on the days before it was made: to the
     * beginning receivables (made after the period's start) and, when made after the as-of day, to the invoice's
     * aged-balance bucket. One row per allocation, found through the allocations' index by day, its invoice by key.
     */
    static String allocationSql(Query q) {
        String asOf = literal(q.asOf());
        String from = literal(q.from());
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
    static String creditNoteSql(Query q) {
        String asOf = literal(q.asOf());
        StringBuilder months = new StringBuilder();
        for (int m = 1; m <= q.countbackMonths(); m++) {
            months.append(",\n  coalesce(sum(%s) filter (where i.issued_on > %s and i.issued_on <= %s), 0) as s%d"
                    .formatted(cents("i.amount"), literal(q.monthStart(m)), literal(q.monthStart(m - 1)), m));
        }
        return grouped(q, key(q), """
                  coalesce(sum(%1$s) filter (where i.issued_on > %2$s), 0) as sales%3$s""".formatted(cents("i.amount"),
                literal(q.from()), months), """
                from ledger_credit_note i%1$s
                where i.issued_on <= %2$s and i.issued_on > least(%3$s, %4$s)%5$s""".formatted(customerJoin(q), asOf,
                literal(q.from()), literal(q.monthStart(q.countbackMonths())), q.conditions()));
    }

    /** The allocations made after the period's start to an invoice {@code i} of the period, as {@code a}. */
    private static String allocationRows(Query q) {
        return "a.allocated_on > %s and i.issue_date <= %s and i.status <> 'CANCELLED'".formatted(literal(q.from()),
                literal(q.asOf()));
    }

    /**
     * An amount ({@code numeric(15,2)}) as whole cents ({@code bigint}), which the statements sum: PostgreSQL adds
     * bigints in a 128-bit integer, exactly and for less than numerics (by group, the invoice pass went from 1.0 to
     * 0.9 s on the benchmark's ledger). {@link #money} turns the sums back into amounts.
     */
    private static String cents(String amount) {
        return "(" + amount + " * 100)::bigint";
    }

    /** A sum of cents read back as an amount with two decimals. */
    private static BigDecimal money(ResultSet rs, String column) throws SQLException {
        return rs.getBigDecimal(column).movePointLeft(2);
    }

    /** The dimension's value on an invoice {@code i}: by customer, its id (the account and name are joined to the sums). */
    private static String key(Query q) {
        return q.by() == Dimension.CUSTOMER ? "i.customer_id" : q.by().key;
    }

    private static String customerJoin(Query q) {
        return q.by().needsCustomer && q.by() != Dimension.CUSTOMER ? "\njoin ledger_customer c on c.id = i.customer_id" : "";
    }

    /**
     * A statement grouped by {@code key} and {@code i.currency}, with {@code aggregates} after them, over
     * {@code rows} (its FROM and WHERE). By customer, the rows are grouped by customer id and the account and name
     * joined to the sums (one row per customer), not to every invoice, which are not sorted by account either.
     */
    private static String grouped(Query q, String key, String aggregates, String rows) {
        if (q.by() == Dimension.CUSTOMER) {
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
    private static String buckets(Query q, String balance, String condition) {
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

    static String disputeSql(Query q) {
        String asOf = literal(q.asOf());
        String from = literal(q.from());
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
                q.by() == Dimension.CUSTOMER ? "c.name" : "null::text");
    }

    /** The disputes {@code d} open at some time in the period. */
    private static String disputeRows(Query q) {
        return "d.opened_on <= %s and (d.resolved_on is null or d.resolved_on > %s)".formatted(literal(q.asOf()),
                literal(q.from()));
    }

    private static String literal(LocalDate day) {
        return "date '" + day + "'";
    }

    private static @Nullable BigDecimal scaled(@Nullable BigDecimal value) {
        return value == null ? null : value.setScale(1, RoundingMode.HALF_UP);
    }

    static List<Integer> parseBuckets(@Nullable String buckets, List<Integer> defaults) {
        if (buckets == null || buckets.isBlank()) {
            return defaults;
        }
        try {
            return Arrays.stream(buckets.split(",")).map(String::strip).map(Integer::valueOf).toList();
        } catch (NumberFormatException e) {
            throw invalid("buckets", "buckets must be whole days past due separated by commas, e.g. 0,30,60,90,180 (was '" + buckets + "')");
        }
    }

    static ProblemException invalid(String field, String message) {
        return ProblemException.invalidField(field, message, message);
    }

    /** The CSV's columns: a row's fields, then one column per aged-balance bucket. */
    static List<String> csvHeader(KpiReport report) {
        List<String> header = new ArrayList<>(List.of("key", "name", "currency", "openReceivables", "overdue",
                "overduePercent", "beginningReceivables", "creditSales", "dsoSimple", "dsoCountback", "cei",
                "invoicesPaid", "invoicesPaidLate", "lateRatePercent", "averageDaysLate", "openDisputes",
                "disputesResolved", "averageDisputeResolutionDays"));
        report.buckets().forEach(b -> header.add("aged " + b.label()));
        return header;
    }

    /**
     * The report as CSV, starting with a byte-order mark: without it, Excel reads the UTF-8 file in the machine's
     * code page and garbles accented names (Hélène).
     */
    static String csv(KpiReport report) {
        StringBuilder out = new StringBuilder("\uFEFF");
        out.append(String.join(",", csvHeader(report))).append("\r\n");
        for (KpiReport.Row r : report.rows()) {
            List<Object> cells = new ArrayList<>(Arrays.asList(r.key(), r.name(), r.currency(), r.openReceivables(),
                    r.overdue(), r.overduePercent(), r.beginningReceivables(), r.creditSales(), r.dsoSimple(),
                    r.dsoCountback(), r.cei(), r.invoicesPaid(), r.invoicesPaidLate(), r.lateRatePercent(),
                    r.averageDaysLate(), r.openDisputes(), r.disputesResolved(), r.averageDisputeResolutionDays()));
            cells.addAll(r.agedBalance());
            out.append(cells.stream().map(Kpis::cell).collect(Collectors.joining(","))).append("\r\n");
        }
        return out.toString();
    }

    private static String cell(@Nullable Object value) {
        if (value == null) {
            return "";
        }
        String text = value instanceof BigDecimal number ? number.toPlainString() : value.toString();
        // A cell starting with = + - @ would be a formula when the CSV is opened in a spreadsheet, and so would one
        // starting with a tab or a carriage return, which spreadsheets skip before reading the formula (OWASP, "CSV
        // Injection").
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 && !(value instanceof Number)) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            text = "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
