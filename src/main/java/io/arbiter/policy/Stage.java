package io.arbiter.policy;

import java.util.function.Supplier;

/**
 * The pipeline's stages in evaluation order. A table or DRL file belongs to the stage its {@code RuleSet} (package)
 * names, and reaches the stage's result through the stage's global.
 */
enum Stage {
    SEGMENTATION("arbiter.segmentation", "segmentation", SegmentationResult.class, SegmentationResult::new),
    SCORING("arbiter.scoring", "score", ScoreCard.class, ScoreCard::new),
    RATING("arbiter.rating", "rating", RatingResult.class, RatingResult::new),
    CREDIT_LIMIT("arbiter.creditlimit", "limit", LimitResult.class, LimitResult::new),
    HARD_STOPS("arbiter.hardstops", "stops", HardStopResult.class, HardStopResult::new);

    private final String ruleSet;
    private final String global;
    private final Class<? extends StageResult> resultType;
    private final Supplier<? extends StageResult> newResult;

    Stage(String ruleSet, String global, Class<? extends StageResult> resultType, Supplier<? extends StageResult> newResult) {
        this.ruleSet = ruleSet;
        this.global = global;
        this.resultType = resultType;
        this.newResult = newResult;
    }

    String ruleSet() {
        return ruleSet;
    }

    String global() {
        return global;
    }

    Class<? extends StageResult> resultType() {
        return resultType;
    }

    StageResult newResult() {
        return newResult.get();
    }

    static Stage ofRuleSet(String name) {
        for (Stage stage : values()) {
            if (stage.ruleSet.equals(name)) {
                return stage;
            }
        }
        return null;
    }

    static String ruleSetNames() {
        return java.util.Arrays.stream(values()).map(Stage::ruleSet).collect(java.util.stream.Collectors.joining(", "));
    }
}
