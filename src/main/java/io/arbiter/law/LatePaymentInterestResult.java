package io.arbiter.law;

import java.util.List;

import io.arbiter.shared.Money;

/**
 * Late-payment interest owed on one invoice.
 *
 * @param total    the interest, summed over the segments and rounded to the cent (half up) once, at the end
 * @param segments one per half-year the delay touches, oldest first; empty when the invoice is not late
 */
public record LatePaymentInterestResult(Money total, List<InterestSegment> segments) {

    public LatePaymentInterestResult {
        segments = List.copyOf(segments);
    }

    /** Days late in all. */
    public long daysLate() {
        return segments.stream().mapToLong(InterestSegment::days).sum();
    }

    /** True when some rate is the last known one because the rate files end before the half-year it was needed for. */
    public boolean beyondLastDataPoint() {
        return segments.stream().anyMatch(InterestSegment::beyondLastDataPoint);
    }
}
