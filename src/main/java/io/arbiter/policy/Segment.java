package io.arbiter.policy;

/** The segmentation stage's answer, a fact for the later stages ({@code Segment(name == "SME")}). */
public record Segment(String name, String dunningPlan) {
}
