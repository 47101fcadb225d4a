package io.arbiter.policy;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

/**
 * Global {@code limit} of the credit-limit tables: the internal limit, the share of the bureau's recommended limit the
 * policy trusts, and how far above the limit an order still goes to a person rather than being rejected.
 */
public final class LimitResult extends StageResult {

    private @Nullable BigDecimal internal;
    private @Nullable BigDecimal bureauFactor;
    private @Nullable BigDecimal reviewTolerancePercent;

    public void internal(String amount) {
        internal = assign("internal limit", internal, nonNegative("internal limit", amount));
    }

    public void bureauFactor(String factor) {
        bureauFactor = assign("bureau factor", bureauFactor, nonNegative("bureau factor", factor));
    }

    public void reviewTolerancePercent(String percent) {
        reviewTolerancePercent = assign("review tolerance", reviewTolerancePercent, nonNegative("review tolerance", percent));
    }

    @Nullable BigDecimal internal() {
        return internal;
    }

    @Nullable BigDecimal bureauFactor() {
        return bureauFactor;
    }

    BigDecimal reviewTolerancePercent() {
        return reviewTolerancePercent == null ? BigDecimal.ZERO : reviewTolerancePercent;
    }

    private static BigDecimal nonNegative(String what, String text) {
        BigDecimal value;
        try {
            value = new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " '" + text + "' is not a number");
        }
        if (value.signum() < 0) {
            throw new IllegalArgumentException(what + " " + text + " is negative");
        }
        return value.stripTrailingZeros();
    }
}
