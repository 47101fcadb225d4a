package io.arbiter.pool.protocol;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A member's experiences of one month, exactly as they travel to the pool: these keys and no other. Sending a month
 * again replaces everything the member sent for it.
 *
 * @param experiences one per customer pseudonym and band pair
 */
public record Contribution(List<Experience> experiences) {

    /**
     * @param subject the customer's pseudonym: hex HMAC-SHA256 of its country and company number under the members'
     *                shared key
     * @param amountBand one of {@link Bands#AMOUNT}
     * @param daysBeyondTermsBand one of {@link Bands#DAYS_BEYOND_TERMS}
     * @param invoices how many invoices fell in these bands
     */
    public record Experience(String subject, String amountBand, String daysBeyondTermsBand, int invoices) {
    }

    /** @param experiences how many experience rows the pool now holds for this member and month */
    public record Receipt(String month, int experiences) {
    }

    /**
     * What the pool says about one customer pseudonym.
     *
     * @param status {@code AVAILABLE}; {@code INSUFFICIENT_DATA} when fewer than k other members reported on it in the
     *               last 12 months; {@code CONTRIBUTE_FIRST} when the asking member shared nothing lately (give-to-get)
     * @param lateSharePercent share of the others' experiences paid beyond terms, whole percent
     * @param medianDaysBeyondTermsBand the band holding the median experience
     * @param trend3Months late share of the last 3 months against the 3 before: {@code IMPROVING}, {@code STABLE},
     *                     {@code WORSENING}, or {@code UNKNOWN} when either period has fewer than k of the members
     *                     counted in the status
     * @param trend12Months the same for the last 12 months against the 12 before, from those members only
     * @param contributorsBand how many other members reported, as a band only: {@code 3-5}, {@code 6-10},
     *                         {@code MORE_THAN_10}
     */
    public record Signal(String status, @Nullable Integer lateSharePercent, @Nullable String medianDaysBeyondTermsBand,
            @Nullable String trend3Months, @Nullable String trend12Months, @Nullable String contributorsBand) {

        public static Signal without(String status) {
            return new Signal(status, null, null, null, null, null);
        }
    }
}
