package io.arbiter.law;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Which late-payment rate applies to an invoice.
 *
 * @param debtor                 who owes the invoice
 * @param contractualRatePercent the rate the contract or the general terms of sale set, in percent, or {@code null}
 *                               for the statutory rate
 */
public record InterestTerms(Debtor debtor, BigDecimal contractualRatePercent) {

    public InterestTerms {
        Objects.requireNonNull(debtor, "debtor");
        if (contractualRatePercent != null && debtor == Debtor.PUBLIC_BODY) {
            // Public-procurement late-payment interest (intérêts moratoires) is set by decree, not by the contract.
            throw new IllegalArgumentException("a public body owes the statutory rate, not a contractual one");
        }
        if (contractualRatePercent != null && contractualRatePercent.signum() < 0) {
            throw new IllegalArgumentException("contractual rate must not be negative: " + contractualRatePercent);
        }
    }

    /** Business debtor, no rate in the contract: ECB rate + 10 points. */
    public static InterestTerms statutoryBusiness() {
        return new InterestTerms(Debtor.BUSINESS, null);
    }

    /** Public-body debtor: ECB rate + 8 points. */
    public static InterestTerms publicBody() {
        return new InterestTerms(Debtor.PUBLIC_BODY, null);
    }

    /** Business debtor with a contractual rate, raised to 3 × the legal interest rate where it is lower. */
    public static InterestTerms contractual(BigDecimal ratePercent) {
        return new InterestTerms(Debtor.BUSINESS, Objects.requireNonNull(ratePercent, "ratePercent"));
    }
}
