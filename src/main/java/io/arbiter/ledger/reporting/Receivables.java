package io.arbiter.ledger.reporting;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The receivables of a period grouped by a dimension and currency ({@link ReceivablesQuestion}), which insight's KPI
 * report (DSO, CEI, overdue, aged balance, late payments, disputes) is built on; {@link ReceivablesSeries} asks the
 * same of many days at once. Computed in PostgreSQL: one pass over the invoices that matter for the period (open ones,
 * those settled after its start, those issued within the countback months), one over the allocations of the period
 * (corrections to the balances), one over the credit notes (which net the credit sales) and one over the disputes
 * ({@link ReceivablesStatements}).
 *
 * <p>A past day's open balance: today's open amount, rewound by what came in after that day: the allocations
 * (payments and credit notes, by {@code allocated_on}) made after it, and for an invoice settled after it the part of
 * its amount no allocation explains (settled outside Arbiter: open until its {@code paid_on} or, with no payment day,
 * until the day the ledger last changed it). An invoice counts only from its issue date; cancelled invoices never
 * count.
 */
@Service
public class Receivables {

    private record Disputes(@Nullable String name, int open, int resolved, @Nullable BigDecimal averageDays) {
    }

    private final JdbcClient jdbc;

    public Receivables(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public ReceivablesFigures figures(ReceivablesQuestion query) {
        Map<String, Object> params = new HashMap<>(query.filter().parameters());
        String next = query.page() == null ? null : page(query, query.page(), params);
        Map<List<String>, Disputes> disputes = new HashMap<>();
        jdbc.sql(ReceivablesStatements.disputeSql(query)).params(params).query(rs -> {
            disputes.put(Arrays.asList(rs.getString("key"), rs.getString("currency").strip()), new Disputes(
                    rs.getString("name"), rs.getInt("open"), rs.getInt("resolved"), rs.getBigDecimal("average_days")));
        });
        int columns = query.bounds().size() + 2;
        Map<List<String>, BigDecimal[]> corrections = new HashMap<>();
        jdbc.sql(ReceivablesStatements.allocationSql(query)).params(params).query(rs -> {
            BigDecimal[] correction = new BigDecimal[columns];
            correction[0] = money(rs, "beginning");
            for (int b = 0; b < columns - 1; b++) {
                correction[b + 1] = money(rs, "b" + b);
            }
            corrections.put(Arrays.asList(rs.getString("key"), rs.getString("currency").strip()), correction);
        });
        Map<List<String>, BigDecimal[]> credits = new HashMap<>();
        jdbc.sql(ReceivablesStatements.creditNoteSql(query)).params(params).query(rs -> {
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
        Map<List<String>, ReceivablesFigures.Row> rows = new LinkedHashMap<>();
        jdbc.sql(ReceivablesStatements.invoiceSql(query)).params(params).query(rs -> {
            String key = rs.getString("key");
            String currency = rs.getString("currency").strip();
            List<String> id = Arrays.asList(key, currency);
            rows.put(id, row(query, rs, key, currency, corrections.getOrDefault(id, none),
                    credits.getOrDefault(id, noCredit), disputes.getOrDefault(id, new Disputes(null, 0, 0, null))));
        });
        List<BigDecimal> noBalance = Collections.nCopies(columns - 1, BigDecimal.ZERO);
        List<BigDecimal> noSales = Collections.nCopies(query.countbackMonths(), BigDecimal.ZERO);
        int withInvoices = rows.size();
        disputes.forEach((key, d) -> rows.computeIfAbsent(key, k -> new ReceivablesFigures.Row(k.get(0), d.name(),
                k.get(1), false, BigDecimal.ZERO, BigDecimal.ZERO, noSales, noBalance, 0, 0, BigDecimal.ZERO,
                BigDecimal.ZERO, d.open(), d.resolved(), d.averageDays())));
        List<ReceivablesFigures.Row> sorted = new ArrayList<>(rows.values());
        if (sorted.size() > withInvoices) {
            // Rows with disputes alone were added last; put them in the statements' order (by key, then currency).
            sorted.sort(Comparator.comparing(ReceivablesFigures.Row::key, Comparator.nullsFirst(Comparator.<String>naturalOrder()))
                    .thenComparing(ReceivablesFigures.Row::currency));
        }
        return new ReceivablesFigures(List.copyOf(sorted), next);
    }

    /**
     * Finds the page's customers and binds their ids ({@code page}) for the passes, which then read only their
     * invoices through the invoices' index by customer; returns the page's last account when another page follows.
     */
    private @Nullable String page(ReceivablesQuestion query, ReceivablesQuestion.Page page, Map<String, Object> params) {
        List<Long> ids = new ArrayList<>();
        List<String> accounts = new ArrayList<>();
        jdbc.sql(ReceivablesStatements.pageSql(query, page)).params(ReceivablesStatements.pageParameters(page, params))
                .query(rs -> {
                    ids.add(rs.getLong("id"));
                    accounts.add(rs.getString("account"));
                });
        boolean more = ids.size() > page.limit();
        params.put("page", ids.subList(0, Math.min(ids.size(), page.limit())).toArray(Long[]::new));
        return more ? accounts.get(page.limit() - 1) : null;
    }

    /**
     * @param correction the allocations' corrections: beginning receivables, then each aged-balance bucket
     * @param credit the credit notes issued in the period, then in each countback month, which net the credit sales
     */
    private static ReceivablesFigures.Row row(ReceivablesQuestion query, ResultSet rs, String key, String currency,
            BigDecimal[] correction, BigDecimal[] credit, Disputes disputes) throws SQLException {
        List<BigDecimal> months = new ArrayList<>();
        for (int m = 1; m <= query.countbackMonths(); m++) {
            months.add(money(rs, "s" + m).subtract(credit[m]));
        }
        List<BigDecimal> aged = new ArrayList<>();
        for (int b = 0; b <= query.bounds().size(); b++) {
            aged.add(money(rs, "b" + b).add(correction[b + 1]));
        }
        return new ReceivablesFigures.Row(key, rs.getString("name"), currency, true,
                money(rs, "beginning").add(correction[0]), money(rs, "sales").subtract(credit[0]), months, aged,
                rs.getInt("paid"), rs.getInt("paid_late"), money(rs, "weighted"), money(rs, "paid_amount"),
                disputes.open(), disputes.resolved(), disputes.averageDays());
    }

    /** A sum of cents read back as an amount with two decimals. */
    static BigDecimal money(ResultSet rs, String column) throws SQLException {
        return rs.getBigDecimal(column).movePointLeft(2);
    }
}
