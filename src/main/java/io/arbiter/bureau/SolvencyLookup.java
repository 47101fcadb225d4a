package io.arbiter.bureau;

import java.util.List;
import java.util.Optional;

/**
 * What the bureaus could say about a company when a decision needed it.
 *
 * @param stale the report is older than {@code arbiter.bureau.max-report-age}, or it is the last snapshot because no
 *              provider answered; what that means for the decision is the policy's call
 * @param source where the report came from
 * @param unavailable providers that could not answer during this lookup
 */
public record SolvencyLookup(Optional<SolvencyReport> report, boolean stale, Source source, List<String> unavailable) {

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

    public SolvencyLookup {
        unavailable = List.copyOf(unavailable);
    }
}
