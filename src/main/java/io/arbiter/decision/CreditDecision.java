package io.arbiter.decision;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.arbiter.policy.LimitComposition;
import io.arbiter.policy.Outcome;
import io.arbiter.policy.Reason;
import io.arbiter.shared.Money;

/**
 * The answer to an order system, as stored: everything needed to explain it later.
 *
 * @param availableCredit granted limit minus current exposure, before this order
 * @param reasons every table row and rule that fired, in pipeline order
 */
public record CreditDecision(UUID decisionId, String requestId, Instant decidedAt, Outcome outcome,
        String registrationNumber, String segment, String dunningPlan, int score, Map<String, Integer> scorePoints,
        @Nullable String riskClass, Money grantedLimit, LimitComposition limitComposition, DecisionExposure exposure,
        Money availableCredit, List<Reason> reasons, String summary, String policyVersion, BureauData bureau,
        @Nullable PoolData pool) {

    /**
     * @param total open receivables + orders backlog + this order
     */
    public record DecisionExposure(Money openReceivables, Money overdue, Money ordersBacklog, Money order, Money total) {
    }

    /**
     * @param available whether any bureau report was used
     * @param stale the report is older than the configured maximum age, or is the last snapshot because no provider
     *              answered
     * @param source {@code CACHE}, {@code PROVIDER}, {@code SNAPSHOT} or {@code NONE}
     * @param unavailableProviders providers that could not answer for this decision
     */
    public record BureauData(boolean available, @Nullable String provider, @Nullable String reportId,
            @Nullable LocalDate reportDate, boolean stale, @Nullable Integer grade, @Nullable String band,
            @Nullable String status, String source, List<String> unavailableProviders) {
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
