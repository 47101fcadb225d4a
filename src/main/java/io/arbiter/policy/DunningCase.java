package io.arbiter.policy;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The fact the escalation tables read: which dunning plan the customer follows (from segmentation), its risk class and
 * how much it owes past due, in the policy's currency. Escalation rows constrain it by name: {@code dunningPlan ==
 * "SME"}, {@code riskClass >= "D"}, {@code overdueAmount >= 500}.
 */
public record DunningCase(String dunningPlan, String riskClass, BigDecimal overdueAmount) {

    public DunningCase {
        Objects.requireNonNull(dunningPlan, "dunningPlan");
        riskClass = riskClass == null ? "" : riskClass;
        overdueAmount = Objects.requireNonNullElse(overdueAmount, BigDecimal.ZERO);
    }
}
