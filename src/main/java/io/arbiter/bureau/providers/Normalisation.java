package io.arbiter.bureau.providers;

import java.util.List;
import java.util.Optional;
import java.util.function.IntUnaryOperator;

import org.springframework.stereotype.Component;

import io.arbiter.bureau.BureauUnavailableException;

/**
 * Turns a provider's own score into the common 0–100 grade with the provider's table in
 * {@code arbiter.bureau.normalisation.tables}, so that re-calibrating a provider is a configuration change.
 */
@Component
class Normalisation {

    private final NormalisationProperties properties;

    Normalisation(NormalisationProperties properties) {
        this.properties = properties;
    }

    /** A provider's table as a function, when one is configured for it. */
    Optional<IntUnaryOperator> table(String provider) {
        return properties.tables().containsKey(provider) ? Optional.of(score -> grade(provider, score)) : Optional.empty();
    }

    /** Fails at start-up rather than at the first report when a provider has no table. */
    void requireTable(String provider) {
        if (!properties.tables().containsKey(provider)) {
            throw new IllegalStateException("arbiter.bureau.normalisation.tables." + provider
                    + " is missing: provider " + provider + " needs a table to turn its scores into common grades");
        }
    }

    /**
     * @throws BureauUnavailableException, not retryable, when no row covers the score: asking again would give the
     *                                     same score, and guessing a grade would mislead the policy
     */
    int grade(String provider, int score) {
        List<NormalisationProperties.Row> rows = properties.tables().getOrDefault(provider, List.of());
        return rows.stream().filter(row -> row.covers(score)).findFirst()
                .map(NormalisationProperties.Row::grade)
                .orElseThrow(() -> new BureauUnavailableException(provider + " gave score " + score
                        + ", which no row of arbiter.bureau.normalisation.tables." + provider + " covers: " + rows,
                        false, null, null));
    }
}
