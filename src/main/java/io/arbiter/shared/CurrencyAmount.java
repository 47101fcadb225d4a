package io.arbiter.shared;

import java.math.BigDecimal;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Money as the ledger holds it, {@code {amount, currency}} on the wire like {@link Money}: the currency is the code
 * the ERP exported (three letters, not always an ISO 4217 code a {@link java.util.Currency} knows), and the amount is
 * kept as summed, never rounded to a minor unit it may not have.
 */
public record CurrencyAmount(BigDecimal amount, String currency) {

    public CurrencyAmount {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
    }

    /** Null when the amount is: a figure that could not be computed stays absent rather than zero. */
    public static @Nullable CurrencyAmount of(@Nullable BigDecimal amount, String currency) {
        return amount == null ? null : new CurrencyAmount(amount, currency);
    }
}
