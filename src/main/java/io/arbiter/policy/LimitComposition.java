package io.arbiter.policy;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

import io.arbiter.shared.Money;

/**
 * How the granted limit was reached: {@code min(internal, insurer cover, bureau limit × bureau factor)} over the terms
 * that exist, and which of them binds; or, when a standing limit is in force, {@code min(standing limit, insurer
 * cover)}: people approved that limit knowing the bureau's, so the bureau term is shown but not applied.
 *
 * @param binding {@code INTERNAL}, {@code INSURER}, {@code BUREAU} or {@code STANDING}
 * @param standing the standing limit in force that replaced the policy's computed one; null when none is
 */
public record LimitComposition(Money internal, @Nullable Money insurerCover, @Nullable Money bureauLimit,
        @Nullable BigDecimal bureauFactor, @Nullable Money bureauTerm, Money granted, String binding,
        BigDecimal reviewTolerancePercent, @Nullable StandingLimit standing) {
}
