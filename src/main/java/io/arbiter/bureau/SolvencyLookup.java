package io.arbiter.bureau;

import java.util.List;
import java.util.Optional;

/**
 * What the bureaus could say about a company when a decision needed it.
 *
 * @param stale the report is older than {@code arbiter.bureau.max-report-age}, or it is the last report kept because
 *              no provider answered; what that means for the decision is the policy's call
 * @param source where the report came from
 * @param unavailable providers that could not answer during this lookup, or were not asked for a local reason (rate
 *                    limit, open circuit, a pause the provider asked for, the decision's time budget)
 * @param status what the policy reads as {@code bureauLookup}
 */
public record SolvencyLookup(Optional<SolvencyReport> report, boolean stale, Source source, List<String> unavailable,
        Status status) {

    public enum Source {
        /** A report fetched earlier and still in the cache. */
        CACHE,
        /** Fetched from a provider for this lookup. */
        PROVIDER,
        /** No provider answered: the last report stored in PostgreSQL. */
        SNAPSHOT,
        /** No report anywhere. */
        NONE
    }

    /** What the bureaus said, told apart so that a policy never takes an outage for an unknown company. */
    public enum Status {
        /** A report within the maximum age. */
        FRESH,
        /** A report, but older than the maximum age, or the last one kept because no provider answered. */
        STALE,
        /** Every provider asked answered that it does not know the company. */
        NOT_FOUND,
        /** No report, and at least one provider could not answer or was not asked: nothing is known either way. */
        UNAVAILABLE,
        /** No provider is configured for the company's country. */
        NONE
    }

    public SolvencyLookup {
        unavailable = List.copyOf(unavailable);
    }

    /** The status follows from the rest when every provider that should have been asked was. */
    public SolvencyLookup(Optional<SolvencyReport> report, boolean stale, Source source, List<String> unavailable) {
        this(report, stale, source, unavailable, report.isPresent() ? (stale ? Status.STALE : Status.FRESH)
                : unavailable.isEmpty() ? Status.NOT_FOUND : Status.UNAVAILABLE);
    }
}
