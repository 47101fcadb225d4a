package io.arbiter.policy;

/** The risk class ({@code A} best to {@code E} worst) given to a score, a fact for the credit-limit stage. */
public record Rating(String riskClass) {
}
