package io.arbiter.law;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;

import io.arbiter.shared.Money;

/**
 * The fixed indemnity for recovery costs (indemnité forfaitaire pour frais de recouvrement), Code de commerce L441-10 II
 * and D441-5: owed by a business debtor for each invoice paid late, on top of the interest, whatever the length of the
 * delay. It exists since 1 January 2013 (loi 2012-387 of 22 March 2012, art. 121, and décret 2012-1115 of 2 October
 * 2012, in force that day): an invoice that fell due before owes none.
 */
public final class RecoveryIndemnity {

    /** The day the indemnity came into force. */
    public static final LocalDate IN_FORCE_FROM = LocalDate.of(2013, 1, 1);

    private static final Money PER_LATE_INVOICE = Money.of(new BigDecimal("40"), Currency.getInstance("EUR"));

    private RecoveryIndemnity() {
    }

    /** €40, per late invoice (D441-5). */
    public static Money perLateInvoice() {
        return PER_LATE_INVOICE;
    }

    /** Whether an invoice due on {@code dueDate}, once late, owes the indemnity: not when it fell due before 2013. */
    public static boolean owedFor(LocalDate dueDate) {
        return !dueDate.isBefore(IN_FORCE_FROM);
    }
}
