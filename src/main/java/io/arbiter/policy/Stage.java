package io.arbiter.policy;

import java.util.function.Supplier;

/**
 * The pipeline's stages in evaluation order. A table or DRL file belongs to the stage its {@code RuleSet} (package)
 * names, and reaches the stage's result through the stage's global.
 */
public enum Stage {
    SEGMENTATION("arbiter.segmentation", "segmentation", SegmentationResult::new),
    SCORING("arbiter.scoring", "score", ScoreCard::new),
    RATING("arbiter.rating", "rating", RatingResult::new),
    CREDIT_LIMIT("arbiter.creditlimit", "limit", LimitResult::new),
    HARD_STOPS("arbiter.hardstops", "stops", HardStopResult::new),
    /** Not part of the credit pipeline: the dunning plans, evaluated on their own for a {@link DunningCase}. */
    ESCALATION("arbiter.escalation", "escalation", EscalationResult::new),
    /** Not part of the credit pipeline: who approves a requested credit limit, evaluated on its own for a {@link LimitApproval}. */
    APPROVAL("arbiter.approval", "approval", ApprovalResult::new);

    private final String ruleSet;
    private final String global;
    private final Supplier<? extends StageResult> newResult;

    Stage(String ruleSet, String global, Supplier<? extends StageResult> newResult) {
        this.ruleSet = ruleSet;
        this.global = global;
        this.newResult = newResult;
    }

    public String ruleSet() {
        return ruleSet;
    }

    public String global() {
        return global;
    }

    public StageResult newResult() {
        return newResult.get();
    }

    public static Stage ofRuleSet(String name) {
        for (Stage stage : values()) {
            if (stage.ruleSet.equals(name)) {
                return stage;
            }
        }
        return null;
    }

    public static String ruleSetNames() {
        return java.util.Arrays.stream(values()).map(Stage::ruleSet).collect(java.util.stream.Collectors.joining(", "));
    }
}
