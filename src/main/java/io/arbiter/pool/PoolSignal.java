package io.arbiter.pool;

import org.jspecify.annotations.Nullable;

/**
 * What the pool says about a customer, as a decision uses it.
 *
 * @param status {@code AVAILABLE}; {@code INSUFFICIENT_DATA} (fewer than k other suppliers reported on it);
 *               {@code CONTRIBUTE_FIRST} (this supplier shared nothing lately, so receives nothing); {@code NO_POOL_DATA}
 *               (no pool configured, or it did not answer in time or answered nonsense)
 * @param detail a sentence for people reading the decision
 */
public record PoolSignal(String status, @Nullable Integer lateSharePercent, @Nullable String medianDaysBeyondTermsBand,
        @Nullable String trend3Months, @Nullable String trend12Months, @Nullable String contributorsBand, String detail) {

    public boolean available() {
        return "AVAILABLE".equals(status);
    }

    public static PoolSignal noPoolData(String why) {
        return new PoolSignal("NO_POOL_DATA", null, null, null, null, null, "no pool data: " + why);
    }
}
