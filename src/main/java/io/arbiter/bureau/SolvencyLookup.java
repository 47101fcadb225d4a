package io.arbiter.bureau;

import java.util.Optional;

/**
 * What the bureaus could say about a company when a decision needed it.
 *
 * @param stale the report is older than {@code arbiter.bureau.max-report-age}; what that means is the policy's call
 */
public record SolvencyLookup(Optional<SolvencyReport> report, boolean stale) {

    public static SolvencyLookup none() {
        return new SolvencyLookup(Optional.empty(), false);
    }
}
