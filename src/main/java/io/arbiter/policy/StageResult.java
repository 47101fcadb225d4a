package io.arbiter.policy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What one stage of the pipeline collects while its rules fire. Each stage's tables reach their result through a global
 * ({@code segmentation}, {@code score}, {@code rating}, {@code limit}, {@code stops}) set afresh for every evaluation.
 */
public abstract sealed class StageResult
        permits SegmentationResult, ScoreCard, RatingResult, LimitResult, HardStopResult, EscalationResult,
        ApprovalResult {

    private final List<String> firedRules = new ArrayList<>();
    private final Set<String> conflicts = new LinkedHashSet<>();

    void fired(String ruleKey) {
        firedRules.add(ruleKey);
    }

    List<String> firedRules() {
        return firedRules;
    }

    /** Outputs that rows set to different values: single-hit tables must not depend on which row Drools ran last. */
    Set<String> conflicts() {
        return conflicts;
    }

    /** Keeps the first value given to a single-valued output and notes when another row disagrees. */
    <T> T assign(String output, T current, T value) {
        if (current != null && !current.equals(value)) {
            conflicts.add(output);
            return current;
        }
        return value;
    }
}
