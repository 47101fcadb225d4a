package io.arbiter.limits.requests;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.swagger.v3.oas.annotations.media.Schema;

import io.arbiter.limits.Company;
import io.arbiter.policy.Reason;
import io.arbiter.shared.Money;

/**
 * A request for a company's standing limit with one legal entity of the supplier, as the requester and the approvers
 * see it.
 *
 * @param entity the supplier's legal entity (its ledger code) whose limit is asked for
 * @param status {@code PENDING}, {@code APPROVED}, {@code REDUCED} (approved at a lower amount), {@code REFUSED} or
 *               {@code EXPIRED} (nobody decided within the configured time)
 * @param granted the limit granted when approved or reduced
 * @param currentLimit the entity's standing limit when the request was made, if any
 * @param insuredCover the insurer's cover in force when the request was made, if any
 */
public record LimitRequest(UUID id, Company company, String entity, Money requested, LocalDate validUntil, String justification,
        String requestedBy, String requesterRole, @Nullable UUID decisionId, String status, Instant createdAt,
        Instant expiresAt, @Nullable Instant closedAt, @Nullable Money granted, Approval approval, Proposal proposal,
        @Nullable Exposure exposure, @Nullable Money insuredCover, @Nullable Money currentLimit, List<Verdict> verdicts) {

    /**
     * Who must approve, by the approval matrix.
     *
     * @param role the lowest role that may approve: {@code CREDIT_ANALYST} or {@code CREDIT_MANAGER}
     * @param approvers how many different people (never the requester)
     * @param rule the matrix row that says so; null when no row matched and a credit manager approves by default
     */
    public record Approval(String role, int approvers, int approvedSoFar, @Nullable Reason rule, String policyVersion,
            List<Reason> problems) {
    }

    /** The ledger's exposure on the company when the request was made (its group's when it is in a group). */
    @Schema(name = "LimitRequestExposure") // another API class has this simple name (SchemaNamesTests)
    public record Exposure(Money openReceivables, Money overdue, Money ordersBacklog, Money total) {
    }

    /** @param verdict {@code APPROVE}, {@code REDUCE} or {@code REFUSE} */
    public record Verdict(String approver, String role, String verdict, @Nullable Money amount, String comment,
            Instant decidedAt) {
    }
}
