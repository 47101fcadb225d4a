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

    /**
     * Typed arguments make Java's compiler reject a cell such as "150 000 €" when the policy is loaded, at its cell,
     * rather than when a customer happens to reach that row. Limits are whole currency units.
     */
    public void internal(long amount) {
        internal = assign("internal limit", internal, nonNegative("internal limit", BigDecimal.valueOf(amount)));
    }

    /** A share of the bureau's recommended limit: 1 trusts it fully, 0.5 half, 0 not at all. */
    public void bureauFactor(double factor) {
        bureauFactor = assign("bureau factor", bureauFactor, nonNegative("bureau factor", BigDecimal.valueOf(factor)));
    }

    public void reviewTolerancePercent(double percent) {
        reviewTolerancePercent = assign("review tolerance", reviewTolerancePercent,
                nonNegative("review tolerance", BigDecimal.valueOf(percent)));
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

    private static BigDecimal nonNegative(String what, BigDecimal value) {
        if (value.signum() < 0) {
            throw new IllegalArgumentException(what + " " + value + " is negative");
        }
        return value;
    }
}
