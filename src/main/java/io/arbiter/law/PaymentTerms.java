package io.arbiter.law;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Objects;

/**
 * Maximum payment terms. Between businesses (Code de commerce L441-10 I, "LME"): 60 days from the invoice date, or 45
 * days end of month if the contract says so expressly. For public bodies: 30 days (Code de la commande publique R2192-10).
 *
 * <p>"45 jours fin de mois" is read two ways in practice and both are accepted: invoice date + 45 days, then the end of
 * that month; or the end of the invoice's month, then + 45 days. A due date is compliant when it is within any of the
 * allowed limits, so the latest compliant due date is the latest of them.
 */
public final class PaymentTerms {

    private static final int DAYS_FROM_INVOICE = 60;
    private static final int DAYS_END_OF_MONTH = 45;
    private static final int PUBLIC_BODY_DAYS = 30;

    private PaymentTerms() {
    }

    /**
     * Checks a due date against the legal maximum.
     *
     * @param invoiceDate the invoice's issue date (for a public body, the date its payment period starts, normally when
     *                    it receives the invoice)
     */
    public static PaymentTermCheck check(LocalDate invoiceDate, LocalDate dueDate, Debtor debtor) {
        Objects.requireNonNull(dueDate, "dueDate");
        LocalDate latest = latestDueDate(invoiceDate, debtor);
        return new PaymentTermCheck(!dueDate.isAfter(latest), latest);
    }

    /** The latest due date the law allows for an invoice issued on {@code invoiceDate}. */
    public static LocalDate latestDueDate(LocalDate invoiceDate, Debtor debtor) {
        Objects.requireNonNull(invoiceDate, "invoiceDate");
        Objects.requireNonNull(debtor, "debtor");
        if (debtor == Debtor.PUBLIC_BODY) {
            return invoiceDate.plusDays(PUBLIC_BODY_DAYS);
        }
        LocalDate sixtyDays = invoiceDate.plusDays(DAYS_FROM_INVOICE);
        LocalDate plus45ThenEndOfMonth = endOfMonth(invoiceDate.plusDays(DAYS_END_OF_MONTH));
        LocalDate endOfMonthThenPlus45 = endOfMonth(invoiceDate).plusDays(DAYS_END_OF_MONTH);
        return latest(sixtyDays, latest(plus45ThenEndOfMonth, endOfMonthThenPlus45));
    }

    /**
     * The due date that terms give: {@code days} net from the invoice date, or, "end of month", the invoice date +
     * {@code days} then the end of that month (the reading of "45 jours fin de mois" the DGCCRF gives first; the other
     * reading, end of month then + days, is accepted by {@link #check} too).
     */
    public static LocalDate dueDate(LocalDate invoiceDate, int days, boolean endOfMonth) {
        Objects.requireNonNull(invoiceDate, "invoiceDate");
        LocalDate net = invoiceDate.plusDays(days);
        return endOfMonth ? endOfMonth(net) : net;
    }

    private static LocalDate endOfMonth(LocalDate date) {
        return YearMonth.from(date).atEndOfMonth();
    }

    private static LocalDate latest(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }
}
