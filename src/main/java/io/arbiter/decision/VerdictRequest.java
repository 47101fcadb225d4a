package io.arbiter.decision;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A verdict as a reviewer sends it.
 *
 * @param verdict {@code APPROVE}, {@code REJECT} or {@code APPROVE_UP_TO}
 * @param amount for {@code APPROVE_UP_TO}: how much of the order is approved, in the order's currency
 */
@Schema(name = "DecisionVerdictRequest") // another API class has this simple name (SchemaNamesTests)
public record VerdictRequest(@Nullable String verdict, @Nullable AmountValue amount, @Nullable String comment) {

    public record AmountValue(@Nullable BigDecimal amount, @Nullable String currency) {
    }
}
