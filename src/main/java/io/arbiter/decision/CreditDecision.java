package io.arbiter.decision;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.arbiter.policy.LimitComposition;
import io.arbiter.policy.Outcome;
import io.arbiter.policy.Reason;
import io.arbiter.shared.Money;

/**
 * The answer to an order system, as stored: everything needed to explain it later.
 *
 * @param availableCredit granted limit minus current exposure, before this order
 * @param reasons every table row and rule that fired, in pipeline order
 * @param review for a {@code REVIEW} decision, the verdict a person gave on it, once given
 */
public record CreditDecision(UUID decisionId, String requestId, Instant decidedAt, Outcome outcome,
        String registrationNumber, String segment, String dunningPlan, int score, Map<String, Integer> scorePoints,
        @Nullable String riskClass, Money grantedLimit, LimitComposition limitComposition, DecisionExposure exposure,
        Money availableCredit, List<Reason> reasons, String summary, String policyVersion, BureauData bureau,
        @Nullable PoolData pool, @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable ReviewVerdict review) {

    /** This decision with the verdict given on it (kept beside the stored decision, which never changes). */
    CreditDecision withReview(@Nullable ReviewVerdict verdict) {
        return new CreditDecision(decisionId, requestId, decidedAt, outcome, registrationNumber, segment, dunningPlan, score,
                scorePoints, riskClass, grantedLimit, limitComposition, exposure, availableCredit, reasons, summary,
                policyVersion, bureau, pool, verdict);
    }

    /**
     * @param total open receivables + orders backlog + this order
     * @param source where the exposure came from: {@code REQUEST} (the caller sent it), {@code LEDGER} (Arbiter's
     *               ledger, because the request carried none) or {@code NONE} (neither: no exposure before this order)
     * @param ledger which ledger accounts and groups it was read from, when {@code source} is {@code LEDGER}
     */
    public record DecisionExposure(Money openReceivables, Money overdue, Money ordersBacklog, Money order, Money total,
            @Nullable String source, @Nullable LedgerSource ledger) {
    }

    /**
     * @param groups when the customer is in a group, the exposure is the whole group's: its customers share one limit
     * @param notCounted exposure the ledger holds in other currencies than the order's, which the decision could not
     *                   add (amounts in different currencies are never added; convert them in the ERP to count them)
     * @param paymentHistoryFromLedger the payment history facts came from the ledger (the request carried none)
     */
    public record LedgerSource(List<String> accounts, List<String> groups, List<Money> notCounted,
            boolean paymentHistoryFromLedger) {
    }

    /**
     * @param available whether any bureau report was used
     * @param stale the report is older than the configured maximum age, or is the last snapshot because no provider
     *              answered
     * @param source {@code CACHE}, {@code PROVIDER}, {@code SNAPSHOT} or {@code NONE}
     * @param unavailableProviders providers that could not answer for this decision, or were not asked for a local
     *                             reason (rate limit, open circuit, a pause the provider asked for, the time budget)
     * @param lookup what the policy read as {@code bureauLookup}: {@code FRESH}, {@code STALE}, {@code NOT_FOUND}
     *               (the bureaus do not know the company), {@code UNAVAILABLE} (no bureau answered and no report was
     *               kept) or {@code NONE} (no bureau configured); null on decisions made before it was recorded
     */
    public record BureauData(boolean available, @Nullable String provider, @Nullable String reportId,
            @Nullable LocalDate reportDate, boolean stale, @Nullable Integer grade, @Nullable String band,
            @Nullable String status, String source, List<String> unavailableProviders, @Nullable String lookup) {
    }

    /**
     * What the supplier community pool said (null on decisions made before the pool existed).
     *
     * @param status {@code AVAILABLE}, {@code INSUFFICIENT_DATA}, {@code CONTRIBUTE_FIRST} or {@code NO_POOL_DATA}
     * @param signal the signal when available
     * @param contributorsBand how many other suppliers reported, as a band ({@code 3-5}, {@code 6-10},
     *                         {@code MORE_THAN_10}); never an exact count
     * @param detail in words, e.g. "no pool data: the pool did not answer in time..."
     */
    public record PoolData(String status, @Nullable PoolSignalData signal, @Nullable String contributorsBand, String detail) {
    }

    public record PoolSignalData(int lateSharePercent, @Nullable String medianDaysBeyondTermsBand,
            @Nullable String trend3Months, @Nullable String trend12Months) {
    }
}
