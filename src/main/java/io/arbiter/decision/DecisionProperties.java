package io.arbiter.decision;

import java.time.Duration;
import java.time.Period;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Credit decisions.
 *
 * @param outsideBudget the longest a decision waits on anything outside Arbiter, bureaus (authentication and data) and
 *                      the community pool together, which are asked at the same time; what has not answered by then is
 *                      a fact for the policy ({@code bureauLookup UNAVAILABLE}, no pool data), never a failed decision
 * @param retention how long a decision record is kept, e.g. {@code P10Y}; none (the default) keeps every decision.
 *                  Records are kept one month per partition, and a month whose last day is older than the retention
 *                  leaves the table whole, never row by row
 * @param expired what happens to an expired month: {@code ARCHIVE} detaches its partition, which stays in the database
 *                as a table of its own ({@code credit_decision_YYYY_MM}) to be dumped and dropped by the operator;
 *                {@code DROP} deletes it
 * @param monthsAhead months whose partitions are created in advance, so that no decision waits for one
 */
@ConfigurationProperties("arbiter.decision")
public record DecisionProperties(@DefaultValue("700ms") Duration outsideBudget, @Nullable Period retention,
        @DefaultValue("ARCHIVE") Expired expired, @DefaultValue("3") int monthsAhead) {

    public enum Expired {
        ARCHIVE, DROP
    }
}
