package io.arbiter.insight;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * How a customer has paid, as facts for the scoring table, over the invoices paid in the 12 months up to {@code asOf}
 * (all the customer's ledger accounts together).
 *
 * @param historyAvailable at least one invoice was paid in those 12 months
 * @param averageDaysLate days between due date and payment, weighted by invoice amount (paid early counts as 0)
 * @param latePaymentSharePercent share of the paid invoices paid after their due date
 * @param averageDaysLateLast3Months the same weighted average over the last 3 months (null: nothing paid then)
 * @param paymentTrend {@code IMPROVING}, {@code STABLE} or {@code WORSENING}: the last 3 months against the last 12;
 *                     {@code UNKNOWN} when either has no payment
 * @param brokenPromises promises to pay due in those 12 months and marked broken
 * @param openDisputes disputes opened by {@code asOf} and not resolved by then
 */
public record PaymentBehaviour(String registrationNumber, LocalDate asOf, List<String> accounts, boolean historyAvailable,
        int paidInvoices, int paidLate, @Nullable BigDecimal averageDaysLate, @Nullable BigDecimal latePaymentSharePercent,
        @Nullable BigDecimal averageDaysLateLast3Months, @Nullable BigDecimal averageDaysLateLast6Months,
        @Nullable BigDecimal averageDaysLateLast12Months, String paymentTrend, int brokenPromises, int openDisputes) {

    /** One month ({@code YYYY-MM}) of a customer's payment history: what was paid then, how late, and what happened to promises and disputes. */
    public record Month(YearMonth month, int paidInvoices, int paidLate, @Nullable BigDecimal latePaymentSharePercent,
            @Nullable BigDecimal averageDaysLate, int promisesBroken, int promisesKept, int disputesOpened,
            int disputesResolved) {
    }

    /** A customer's history from {@code from} to {@code to}, both included, month by month and for the whole period. */
    public record History(String registrationNumber, List<String> accounts, LocalDate from, LocalDate to, Month total,
            List<Month> months) {
    }
}
