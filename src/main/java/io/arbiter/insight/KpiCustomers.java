package io.arbiter.insight;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import io.swagger.v3.oas.annotations.media.Schema;

import io.arbiter.insight.kpi.KpiFormulas;
import io.arbiter.insight.kpi.KpiQuery;
import io.arbiter.shared.CurrencyAmount;
import io.arbiter.shared.TableExport;

/**
 * The customers behind one figure of a KPI report: those with a balance in it, largest first within each currency, so
 * that a credit manager goes from "31-60 days: 84,000 EUR" to the accounts that make it up.
 *
 * @param figure {@code open} (the open receivables), {@code overdue}, or an aged-balance bucket's label ({@code not due},
 *               {@code 1-30}, ..., {@code >180})
 * @param totals the figure per currency, over every customer (as the report's row for the same filters gives it)
 * @param customerCount how many customers have a balance in the figure; {@code rows} holds the first {@code limit}
 */
public record KpiCustomers(LocalDate asOf, LocalDate from, String figure, Map<String, String> filter,
        List<KpiReport.Bucket> buckets, List<CurrencyAmount> totals, int customerCount, List<Customer> rows) {

    /** @param share the customer's part of the figure in its currency, percent */
    @Schema(name = "KpiCustomer") // another API class has this simple name (SchemaNamesTests)
    public record Customer(String account, @Nullable String name, CurrencyAmount amount, @Nullable BigDecimal share) {
    }

    public static final int MAX_LIMIT = 10_000;

    static KpiCustomers of(KpiReport report, String figure, @Nullable Integer limit) {
        int column = column(report, figure);
        if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
            throw KpiQuery.invalid("limit", "limit must be a whole number of customers from 1 to " + MAX_LIMIT
                    + " (was " + limit + ")");
        }
        Map<String, BigDecimal> totals = new TreeMap<>();
        List<Customer> customers = new ArrayList<>();
        for (KpiReport.Row row : report.rows()) {
            CurrencyAmount amount = switch (column) {
                case -2 -> row.openReceivables();
                case -1 -> row.overdue();
                default -> row.agedBalance().get(column);
            };
            if (amount.amount().signum() == 0) {
                continue;
            }
            totals.merge(row.currency(), amount.amount(), BigDecimal::add);
            customers.add(new Customer(row.key(), row.name(), amount, null));
        }
        List<Customer> rows = customers.stream()
                .sorted(Comparator.comparing((Customer c) -> c.amount().currency())
                        .thenComparing(c -> c.amount().amount(), Comparator.reverseOrder())
                        .thenComparing(Customer::account))
                .limit(limit == null ? Long.MAX_VALUE : limit)
                .map(c -> new Customer(c.account(), c.name(), c.amount(),
                        KpiFormulas.percent(c.amount().amount(), totals.get(c.amount().currency()))))
                .toList();
        return new KpiCustomers(report.asOf(), report.from(), figure, report.filter(), report.buckets(),
                totals.entrySet().stream().map(e -> new CurrencyAmount(e.getValue(), e.getKey())).toList(),
                customers.size(), rows);
    }

    /** -2 for the open receivables, -1 for overdue, else the bucket's index. */
    private static int column(KpiReport report, String figure) {
        String wanted = figure.strip();
        if (wanted.equalsIgnoreCase("open")) {
            return -2;
        }
        if (wanted.equalsIgnoreCase("overdue")) {
            return -1;
        }
        List<KpiReport.Bucket> buckets = report.buckets();
        for (int b = 0; b < buckets.size(); b++) {
            if (buckets.get(b).label().equalsIgnoreCase(wanted)) {
                return b;
            }
        }
        throw KpiQuery.invalid("figure", "figure must be open, overdue or one of the aged balance's buckets ("
                + String.join(", ", buckets.stream().map(KpiReport.Bucket::label).toList()) + "); was '" + figure + "'");
    }

    static void export(KpiCustomers customers, TableExport out) {
        out.row("account", "name", "currency", customers.figure(), "sharePercent");
        customers.rows().forEach(c -> out.row(c.account(), c.name(), c.amount().currency(), c.amount(), c.share()));
    }
}
