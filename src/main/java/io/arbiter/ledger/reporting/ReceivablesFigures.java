package io.arbiter.ledger.reporting;

import java.math.BigDecimal;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The answer to a {@link ReceivablesQuestion}: one row per group and currency, in the order of the group's key (none
 * first), then the currency.
 *
 * @param nextAfter when the question asked for a page and another follows, the page's last account, which the next
 *                  page starts after; null otherwise
 */
public record ReceivablesFigures(List<Row> rows, @Nullable String nextAfter) {

    /**
     * One group's figures in one currency. Balances at a past day are today's rewound by what was collected since.
     *
     * @param key the group's value (the customer's account by customer), null for invoices without one
     * @param name the customer's name by customer, else null
     * @param invoiced false for a row with disputes alone, none of the period's invoices: its amounts are all zero
     * @param beginning receivables at the end of the opening day
     * @param netSales the period's credit sales less its credit notes
     * @param netMonthSales each countback month's credit sales less its credit notes, the most recent month first
     * @param aged the receivables at the end of the as-of day by aged-balance bucket: not due, then each bucket of
     *             the question's bounds, then beyond the last bound; their sum is the receivables
     * @param paid the invoices paid in the period (status PAID, paid on a day of the period)
     * @param paidLate those of them paid after their due date
     * @param paidAmountTimesDaysLate Σ amount × days late of the invoices paid in the period
     * @param paidAmount Σ amount of the invoices paid in the period
     * @param openDisputes disputes on the group's invoices open at the end of the as-of day
     * @param resolvedDisputes those resolved in the period
     * @param averageResolutionDays the days from opening to resolution of those resolved in the period, on average
     */
    public record Row(@Nullable String key, @Nullable String name, String currency, boolean invoiced,
            BigDecimal beginning, BigDecimal netSales, List<BigDecimal> netMonthSales, List<BigDecimal> aged, int paid,
            int paidLate, BigDecimal paidAmountTimesDaysLate, BigDecimal paidAmount, int openDisputes,
            int resolvedDisputes, @Nullable BigDecimal averageResolutionDays) {

        public Row {
            netMonthSales = List.copyOf(netMonthSales);
            aged = List.copyOf(aged);
        }
    }
}
