package io.arbiter.bureau;

import java.util.Optional;

/**
 * A source of solvency reports: a credit bureau's API, or the quickstart's sandbox. Implementations translate the
 * provider's shapes and scale into a {@link SolvencyReport}; retries, circuit breaking, rate limiting, caching and
 * snapshots are applied around every provider by {@link SolvencyService}, configured by the provider's {@link #name()}.
 */
public interface SolvencyProvider {

    /** The provider's name in configuration, metrics and decisions, e.g. {@code creditsafe}. */
    String name();

    /**
     * The current report on a company.
     *
     * @return empty when the provider does not know the company
     * @throws BureauUnavailableException when the provider cannot answer now
     */
    Optional<SolvencyReport> report(String registrationNumber, String country);
}
