package io.arbiter.insight;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Computes {@link KpiReport}s in PostgreSQL: one pass over the invoices that matter for the period (open ones, those
 * settled after its start, those issued within the countback months) grouped by dimension and currency, one over the
 * allocations of the period (corrections to the balances), one over the credit notes (which net the credit sales) and
 * one over the disputes ({@link KpiStatements}). The pure formulas then run on the sums ({@link KpiFormulas}).
 *
 * <p>A past day's open balance: today's open amount, rewound by what came in after that day: the allocations
 * (payments and credit notes, by {@code allocated_on}) made after it, and for an invoice settled after it the part of
 * its amount no allocation explains (settled outside Arbiter: open until its {@code paid_on} or, with no payment day,
 * until the day the ledger last changed it). An invoice counts only from its issue date; cancelled invoices never
 * count.
 */
@Service
class Kpis {

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
    KpiReport report(KpiQuery query) {
        AnalyticSettings.apply(jdbc, properties.workMem());
        Map<List<String>, Disputes> disputes = new HashMap<>();
        Map<String, String> filter = query.filter().values();
        Map<String, Object> params = new HashMap<>(filter);
        String next = query.page() == null ? null : page(query, query.page(), params);
        jdbc.sql(KpiStatements.disputeSql(query)).params(params).query(rs -> {
            disputes.put(Arrays.asList(rs.getString("key"), rs.getString("currency").strip()), new Disputes(
                    rs.getString("name"), rs.getInt("open"), rs.getInt("resolved"), scaled(rs.getBigDecimal("average_days"))));
        });
        int columns = query.bounds().size() + 2;
        Map<List<String>, BigDecimal[]> corrections = new HashMap<>();
        jdbc.sql(KpiStatements.allocationSql(query)).params(params).query(rs -> {
            BigDecimal[] correction = new BigDecimal[columns];
            correction[0] = money(rs, "beginning");
            for (int b = 0; b < columns - 1; b++) {
                correction[b + 1] = money(rs, "b" + b);
            }
            corrections.put(Arrays.asList(rs.getString("key"), rs.getString("currency").strip()), correction);
        });
        Map<List<String>, BigDecimal[]> credits = new HashMap<>();
        jdbc.sql(KpiStatements.creditNoteSql(query)).params(params).query(rs -> {
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
        jdbc.sql(KpiStatements.invoiceSql(query)).params(params).query(rs -> {
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
                null, d.open(), d.resolved(), d.averageDays(), noBalance, null, null, null)));
        List<KpiReport.Row> sorted = new ArrayList<>(rows.values());
        if (sorted.size() > withInvoices) {
            // Rows with disputes alone were added last; put them in the statements' order (by key, then currency).
            sorted.sort(Comparator.comparing(KpiReport.Row::key, Comparator.nullsFirst(Comparator.<String>naturalOrder()))
                    .thenComparing(KpiReport.Row::currency));
        }
        return new KpiReport(query.asOf(), query.from(), query.periodDays(), query.by().label(), filter,
                buckets(query.bounds()), List.copyOf(sorted), next, query.ceiForm().label(),
                query.months().setScale(2, RoundingMode.HALF_UP), query.countbackMonths());
    }

    /**
     * Finds the page's customers and binds their ids ({@code page}) for the passes, which then read only their
     * invoices through the invoices' index by customer; returns the next page's cursor, null after the last customer.
     */
    private @Nullable String page(KpiQuery query, KpiQuery.Page page, Map<String, Object> params) {
        List<Long> ids = new ArrayList<>();
        List<String> accounts = new ArrayList<>();
        jdbc.sql(KpiStatements.pageSql(query, page)).params(KpiStatements.pageParameters(page, params)).query(rs -> {
            ids.add(rs.getLong("id"));
            accounts.add(rs.getString("account"));
        });
        boolean more = ids.size() > page.limit();
        params.put("page", ids.subList(0, Math.min(ids.size(), page.limit())).toArray(Long[]::new));
        return more ? cursor(accounts.get(page.limit() - 1)) : null;
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
            throw KpiQuery.invalid("cursor", "cursor '" + cursor + "' is not one this API gave; pass the 'next' of the previous page as it was");
        }
    }

    /**
     * @param correction the allocations' corrections: beginning receivables, then each aged-balance bucket
     * @param credit the credit notes issued in the period, then in each countback month, which net the credit sales
     */
    private static KpiReport.Row row(KpiQuery query, ResultSet rs, String key, String currency, BigDecimal[] correction,
            BigDecimal[] credit, Disputes disputes) throws SQLException {
        BigDecimal beginning = money(rs, "beginning").add(correction[0]);
        BigDecimal sales = money(rs, "sales").subtract(credit[0]);
        List<KpiFormulas.MonthSales> months = new ArrayList<>();
        for (int m = 1; m <= query.countbackMonths(); m++) {
            months.add(new KpiFormulas.MonthSales(money(rs, "s" + m).subtract(credit[m]),
                    query.monthDays(m)));
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
                query.ceiForm() == KpiQuery.CeiForm.STANDARD
                        ? KpiFormulas.standardCei(beginning, sales, query.months(), receivables, aged.getFirst())
                        : KpiFormulas.cei(beginning, sales, receivables, aged.getFirst()), paid, paidLate,
                KpiFormulas.percent(BigDecimal.valueOf(paidLate), BigDecimal.valueOf(paid)),
                KpiFormulas.weightedAverage(money(rs, "weighted"), money(rs, "paid_amount")),
                disputes.open(), disputes.resolved(), disputes.averageDays(), aged,
                KpiFormulas.averageDso(beginning, receivables, sales, query.periodDays()),
                KpiFormulas.simpleDso(aged.getFirst(), sales, query.periodDays()),
                KpiFormulas.daysBeyondTerms(receivables, aged.getFirst(), sales, query.periodDays()));
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

    /** A sum of cents read back as an amount with two decimals. */
    private static BigDecimal money(ResultSet rs, String column) throws SQLException {
        return rs.getBigDecimal(column).movePointLeft(2);
    }

    private static @Nullable BigDecimal scaled(@Nullable BigDecimal value) {
        return value == null ? null : value.setScale(1, RoundingMode.HALF_UP);
    }
}
