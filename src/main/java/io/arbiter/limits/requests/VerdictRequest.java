package io.arbiter.limits.requests;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * An approver's verdict on a limit request.
 *
 * @param verdict {@code APPROVE}, {@code REDUCE} (approve a lower amount) or {@code REFUSE}
 * @param amount for {@code REDUCE}: the lower limit, {@code {amount, currency}}
 * @param comment why, for the requester; required
 */
@Schema(name = "LimitVerdictRequest") // another API class has this simple name (SchemaNamesTests)
public record VerdictRequest(@Nullable String verdict, NewLimitRequest.@Nullable Amount amount, @Nullable String comment) {

    @Nullable BigDecimal value() {
        return amount == null ? null : amount.amount();
    }
}
