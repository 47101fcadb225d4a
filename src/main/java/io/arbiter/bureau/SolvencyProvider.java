package io.arbiter.bureau;

import java.util.Optional;

/** A source of solvency reports: a credit bureau's API, or the quickstart's sandbox. */
public interface SolvencyProvider {

    /** The provider's name as it appears in decisions, e.g. {@code creditsafe}. */
    String name();

    /** The current report on a company, empty when the provider does not know it. */
    Optional<SolvencyReport> report(String registrationNumber, String country);
}
