package io.arbiter.policy;

import java.util.Set;

import org.jspecify.annotations.Nullable;

/** Global {@code rating} of the risk-class table: {@code rating.riskClass("B")}. */
public final class RatingResult extends StageResult {

    public static final Set<String> RISK_CLASSES = Set.of("A", "B", "C", "D", "E");

    private @Nullable String riskClass;

    public void riskClass(String value) {
        if (!RISK_CLASSES.contains(value)) {
            throw new IllegalArgumentException("risk class '" + value + "' is not one of A, B, C, D, E");
        }
        riskClass = assign("risk class", riskClass, value);
    }

    @Nullable String riskClass() {
        return riskClass;
    }
}
