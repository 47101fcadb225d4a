package io.arbiter.policy;

import org.jspecify.annotations.Nullable;

/** Global {@code segmentation} of the segmentation tables: {@code segmentation.segment("SME")}. */
public final class SegmentationResult extends StageResult {

    private @Nullable String segment;
    private @Nullable String dunningPlan;

    public void segment(String name) {
        segment = assign("segment", segment, name);
    }

    public void dunningPlan(String plan) {
        dunningPlan = assign("dunning plan", dunningPlan, plan);
    }

    @Nullable String segment() {
        return segment;
    }

    @Nullable String dunningPlan() {
        return dunningPlan;
    }
}
