package io.arbiter.limits.requests;

import java.util.List;

import org.jspecify.annotations.Nullable;

import io.arbiter.policy.Reason;
import io.arbiter.shared.Money;

/**
 * What the active policy proposes for the company as it stands (no order): what approvers weigh a request against.
 *
 * @param internalLimit the credit-limit table's limit for its segment and risk class
 * @param grantedLimit what the policy alone would grant: {@code min(internal, insurer cover, bureau × factor)}
 * @param basedOn {@code LATEST_DECISION} (the facts of the company's latest decision, with today's ledger exposure) or
 *                {@code BUREAU_AND_LEDGER} (no decision yet: the bureau report and the ledger)
 */
public record Proposal(String policyVersion, String segment, @Nullable String riskClass, int score, Money internalLimit,
        Money grantedLimit, String binding, List<Reason> reasons, String basedOn) {
}
