package io.arbiter.policy;

/**
 * What dunning needs from the credit pipeline for a customer: the dunning plan segmentation gives and the risk class
 * scoring and rating give (empty when no row rates it), from the same tables as a credit decision but without the
 * credit-limit and hard-stop stages, which dunning does not use.
 */
public record DunningProfile(String policyVersion, String dunningPlan, String riskClass) {
}
