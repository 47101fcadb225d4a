package io.arbiter.simulation;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * The population to re-decide: the stored decisions decided from {@code from} to {@code to} (ISO dates, both
 * included, either open), or the {@code last} N stored decisions, or {@code portfolio: true}, every ledger customer
 * assessed with no order.
 */
public record SimulationRequest(@Nullable LocalDate from, @Nullable LocalDate to, @Nullable Integer last,
        @Nullable Boolean portfolio) {

    boolean isPortfolio() {
        return Boolean.TRUE.equals(portfolio);
    }
}
