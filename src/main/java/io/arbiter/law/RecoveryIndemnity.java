package io.arbiter.law;

import java.math.BigDecimal;
import java.util.Currency;

import io.arbiter.shared.Money;

/**
 * The fixed indemnity for recovery costs (indemnité forfaitaire pour frais de recouvrement), Code de commerce L441-10 II
 * and D441-5: owed by a business debtor for each invoice paid late, on top of the interest, whatever the length of the
 * delay.
 */
public final class RecoveryIndemnity {

    private static final Money PER_LATE_INVOICE = Money.of(new BigDecimal("40"), Currency.getInstance("EUR"));

    private RecoveryIndemnity() {
    }

    /** €40, per late invoice (D441-5). */
    public static Money perLateInvoice() {
        return PER_LATE_INVOICE;
    }
}
