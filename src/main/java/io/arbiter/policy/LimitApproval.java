package io.arbiter.policy;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The fact the approval matrix reads: a requested credit limit, in the policy's currency, with the segment and risk
 * class the policy gives the company. Matrix rows constrain it by name: {@code requestedAmount > 20000},
 * {@code riskClass in ("A", "B", "C")}, {@code segment == "NEW_CUSTOMER"}.
 *
 * @param riskClass "" when the policy could not rate the company
 */
public record LimitApproval(BigDecimal requestedAmount, String segment, String riskClass) {

    public LimitApproval {
        Objects.requireNonNull(requestedAmount, "requestedAmount");
        segment = segment == null ? "" : segment;
        riskClass = riskClass == null ? "" : riskClass;
    }
}
