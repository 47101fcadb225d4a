package io.arbiter.insight;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.arbiter.shared.CurrencyAmount;

/**
 * Receivables KPIs as of a day, one row per dimension value and currency (amounts in different currencies are never
 * added). Balances are as of {@code asOf}; flows (credit sales, payments, resolved disputes) cover the period from
 * {@code from} to {@code asOf}, both included ({@code periodDays} days); beginning balances are those of the day
 * before {@code from}.
 *
 * @param by {@code all}, {@code entity}, {@code group}, {@code activity}, {@code salesperson} or {@code customer}
 * @param filter the drill-down the rows are limited to, by name ({@code entity}, {@code group}, {@code activity},
 *               {@code salesperson}, {@code customer}); empty for the whole ledger
 * @param buckets the aged balance's buckets, in the order of each row's {@code agedBalance}
 * @param next by customer, the cursor of the next page of customers; null on the last page and for other reports
 * @param ceiForm the collection effectiveness index's form: {@code standard} (Credit Research Foundation: the
 *                period's credit sales divided by its {@code periodMonths}) or {@code period} (the whole period's)
 * @param periodMonths the period in months, which the standard CEI divides the credit sales by
 * @param countbackMonths the calendar months the countback DSO may count back through, the as-of day's month first
 */
public record KpiReport(LocalDate asOf, LocalDate from, int periodDays, String by, Map<String, String> filter,
        List<Bucket> buckets, List<Row> rows, @Nullable String next, String ceiForm, BigDecimal periodMonths,
        int countbackMonths) {

    /** Days past due from {@code fromDays} to {@code toDays}, both included; {@code toDays} null is open-ended. */
    public record Bucket(String label, @Nullable Integer fromDays, @Nullable Integer toDays) {
    }

    /**
     * @param key the dimension's value (entity code, group code, activity, salesperson, customer account; {@code all}
     *            for the whole ledger); null for customers that have none (no group, no salesperson...)
     * @param name the customer's name when {@code by=customer}
     * @param dsoSimple ending receivables / credit sales of the period × days of the period
     * @param dsoCountback receivables counted back through the calendar months' sales (the as-of day's month counts
     *                     its days up to the as-of day)
     * @param dsoAverage average receivables ((beginning + ending) / 2) / credit sales × days of the period
     * @param bestPossibleDso current (not yet due) receivables / credit sales × days of the period (Credit Research
     *                        Foundation): the DSO if every customer paid on its due date
     * @param daysBeyondTerms simple DSO − best possible DSO: how many days, on average, customers pay beyond terms
     * @param cei collection effectiveness index, percent, in the report's {@code ceiForm}
     * @param lateRatePercent share of the invoices paid in the period that were paid after their due date
     * @param averageDaysLate days late of those invoices, weighted by amount
     */
    public record Row(@Nullable String key, @Nullable String name, String currency, CurrencyAmount openReceivables,
            CurrencyAmount overdue, @Nullable BigDecimal overduePercent, CurrencyAmount beginningReceivables,
            CurrencyAmount creditSales, @Nullable BigDecimal dsoSimple, @Nullable BigDecimal dsoCountback,
            @Nullable BigDecimal cei, int invoicesPaid, int invoicesPaidLate, @Nullable BigDecimal lateRatePercent,
            @Nullable BigDecimal averageDaysLate, int openDisputes, int disputesResolved,
            @Nullable BigDecimal averageDisputeResolutionDays, List<CurrencyAmount> agedBalance,
            @Nullable BigDecimal dsoAverage, @Nullable BigDecimal bestPossibleDso, @Nullable BigDecimal daysBeyondTerms) {

        /** A row from the sums the statements give, every amount in the row's {@code currency}. */
        public Row(@Nullable String key, @Nullable String name, String currency, BigDecimal openReceivables, BigDecimal overdue,
                @Nullable BigDecimal overduePercent, BigDecimal beginningReceivables, BigDecimal creditSales,
                @Nullable BigDecimal dsoSimple, @Nullable BigDecimal dsoCountback, @Nullable BigDecimal cei,
                int invoicesPaid, int invoicesPaidLate, @Nullable BigDecimal lateRatePercent,
                @Nullable BigDecimal averageDaysLate, int openDisputes, int disputesResolved,
                @Nullable BigDecimal averageDisputeResolutionDays, List<BigDecimal> agedBalance,
                @Nullable BigDecimal dsoAverage, @Nullable BigDecimal bestPossibleDso, @Nullable BigDecimal daysBeyondTerms) {
            this(key, name, currency, new CurrencyAmount(openReceivables, currency), new CurrencyAmount(overdue, currency),
                    overduePercent, new CurrencyAmount(beginningReceivables, currency),
                    new CurrencyAmount(creditSales, currency), dsoSimple, dsoCountback, cei, invoicesPaid, invoicesPaidLate,
                    lateRatePercent, averageDaysLate, openDisputes, disputesResolved, averageDisputeResolutionDays,
                    agedBalance.stream().map(amount -> new CurrencyAmount(amount, currency)).toList(), dsoAverage,
                    bestPossibleDso, daysBeyondTerms);
        }
    }
}
