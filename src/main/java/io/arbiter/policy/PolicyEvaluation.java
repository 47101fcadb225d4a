package io.arbiter.policy;

import java.util.List;

import org.jspecify.annotations.Nullable;

import io.arbiter.shared.Money;

/**
 * The policy's answer for one applicant, with every rule that led to it.
 *
 * @param exposure open receivables + orders backlog + this order
 * @param availableCredit granted limit minus open receivables and backlog, before this order (negative when over)
 * @param summary one sentence a credit analyst can read back to a salesperson
 */
public record PolicyEvaluation(String policyVersion, Outcome outcome, Segment segment, Score score,
        @Nullable String riskClass, LimitComposition limit, Money exposure, Money availableCredit,
        List<Reason> reasons, String summary) {
}
