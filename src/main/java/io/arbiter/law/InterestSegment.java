package io.arbiter.law;

import java.math.BigDecimal;
import java.time.LocalDate;

import io.arbiter.shared.Money;

/**
 * The part of a delay that falls in one half-year, with the rate used for it, as a dunning letter shows it.
 *
 * @param from                first day late in this half-year
 * @param to                  last day late in this half-year (inclusive)
 * @param days                number of days late in this half-year
 * @param ratePercent         annual rate applied, in percent
 * @param basis               where the rate comes from
 * @param referenceRatePercent the ECB rate (statutory) or the legal interest rate (contractual floor) it was derived from,
 *                            or the contractual rate itself when that was above the floor
 * @param beyondLastDataPoint true when the reference rate is the last known one, not one published for this half-year
 * @param amount              interest for this segment, rounded to the cent for display; the total is rounded once from
 *                            the unrounded sum, so the segments may differ from it by a cent
 */
public record InterestSegment(
        LocalDate from,
        LocalDate to,
        long days,
        BigDecimal ratePercent,
        RateBasis basis,
        BigDecimal referenceRatePercent,
        boolean beyondLastDataPoint,
        Money amount) {

    /** Where a segment's rate comes from. */
    public enum RateBasis {
        /** ECB main refinancing rate on 1 January or 1 July + 10 points (L441-10 II). */
        ECB_PLUS_10,
        /**
         * ECB main refinancing rate on the first day (1 January or 1 July) of the half-year the interest started to run
         * in + 8 points, for the whole delay (public bodies, R2192-31).
         */
        ECB_PLUS_8,
        /** The contractual rate, at or above 3 × the legal interest rate. */
        CONTRACTUAL,
        /** The contractual rate was below 3 × the legal interest rate of the half-year, so that floor applies. */
        CONTRACTUAL_RAISED_TO_FLOOR
    }
}
