package io.arbiter.ledger.reporting;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The overall receivables ({@link ReceivablesQuestion.Grouping#ALL}) as of many days at once, which insight's DSO and
 * CEI trend is built on: for each day the figures {@link Receivables#figures} gives, with its very rules, in three
 * statements for the whole series (invoices, allocations, credit notes; {@link SeriesStatements}) where asking day
 * after day would read the ledger once per day.
 */
@Service
public class ReceivablesSeries {

    /**
     * One day's receivables in one currency, as {@link ReceivablesFigures.Row} has them.
     *
     * @param receivables at the end of the as-of day
     * @param current the part of the receivables not yet due
     * @param netMonthSales each countback month's credit sales less its credit notes, the most recent first
     */
    public record Day(String currency, BigDecimal beginning, BigDecimal netSales, BigDecimal receivables,
            BigDecimal current, List<BigDecimal> netMonthSales) {

        public Day {
            netMonthSales = List.copyOf(netMonthSales);
        }
    }

    private final JdbcClient jdbc;

    public ReceivablesSeries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param days grouped by {@code ALL}, with the same filter and countback, no page, oldest first
     * @return for each of {@code days}, in their order, a row per currency with invoices in that day's figures
     */
    @Transactional(readOnly = true)
    public List<List<Day>> figures(List<ReceivablesQuestion> days) {
        // The planner cannot know that the clamped dates collapse the invoices into a few thousand sums: it prices
        // each parallel worker's sums as if they were the invoices themselves (0.1 a row) and reads the allocations
        // on one core; at 0.01 a row it shares them between workers (1.5 s down to 1.0 s on the benchmark's ledger).
        jdbc.sql("select set_config('parallel_tuple_cost', '0.01', true)").query().listOfRows();
        int countback = days.getFirst().countbackMonths();
        Map<String, Object> params = new HashMap<>(days.getFirst().filter().parameters());
        Map<Integer, Map<String, long[]>> invoices = sums(SeriesStatements.invoiceSql(days), params, 5 + countback);
        Map<Integer, Map<String, long[]>> allocations = sums(SeriesStatements.allocationSql(days), params, 3);
        Map<Integer, Map<String, long[]>> credits = sums(SeriesStatements.creditNoteSql(days), params, 1 + countback);
        List<List<Day>> series = new ArrayList<>();
        for (int k = 0; k < days.size(); k++) {
            List<Day> rows = new ArrayList<>();
            for (Map.Entry<String, long[]> invoice : invoices.getOrDefault(k, Map.of()).entrySet()) {
                if (invoice.getValue()[0] == 0) {
                    continue; // no invoice of this currency in this day's figures
                }
                rows.add(day(countback, invoice.getKey(), invoice.getValue(),
                        allocations.getOrDefault(k, Map.of()).getOrDefault(invoice.getKey(), new long[3]),
                        credits.getOrDefault(k, Map.of()).getOrDefault(invoice.getKey(), new long[1 + countback])));
            }
            series.add(List.copyOf(rows));
        }
        return List.copyOf(series);
    }

    /**
     * The figures as {@link Receivables} makes them from its passes' sums.
     *
     * @param invoice invoices, beginning, sales, receivables, current, then each countback month's sales
     * @param allocation beginning, receivables, current
     * @param credit sales, then each countback month's
     */
    private static Day day(int countback, String currency, long[] invoice, long[] allocation, long[] credit) {
        List<BigDecimal> months = new ArrayList<>();
        for (int m = 1; m <= countback; m++) {
            months.add(money(invoice[4 + m] - credit[m]));
        }
        return new Day(currency, money(invoice[1] + allocation[0]), money(invoice[2] - credit[0]),
                money(invoice[3] + allocation[1]), money(invoice[4] + allocation[2]), months);
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

    private static BigDecimal money(long cents) {
        return BigDecimal.valueOf(cents).movePointLeft(2);
    }
}
