package io.arbiter.policy;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

import io.arbiter.shared.Money;

/**
 * How the granted limit was reached: {@code min(internal, insurer cover, bureau limit × bureau factor)} over the terms
 * that exist, and which of them binds.
 *
 * @param binding {@code INTERNAL}, {@code INSURER} or {@code BUREAU}
 */
public record LimitComposition(Money internal, @Nullable Money insurerCover, @Nullable Money bureauLimit,
        @Nullable BigDecimal bureauFactor, @Nullable Money bureauTerm, Money granted, String binding,
        BigDecimal reviewTolerancePercent) {
}
