package io.arbiter.simulation;

import java.util.List;
import java.util.Map;

import io.arbiter.shared.Money;

/**
 * What the candidate would change over the whole population replayed (or, for a cancelled simulation, the part
 * replayed before it stopped).
 *
 * @param transitions outcome transitions with their counts, e.g. {@code "APPROVED→REVIEW": 12}; unchanged outcomes
 *        are not listed
 * @param grantedLimits the sum of the granted limits under the active version and under the candidate
 * @param bySegment the same per segment, the segment being the one the active version gives
 */
public record SimulationSummary(long replayed, long changed, long unchanged, Map<String, Long> transitions,
        LimitChange grantedLimits, List<SegmentChange> bySegment) {

    public record LimitChange(Money before, Money after, Money change) {
    }

    public record SegmentChange(String segment, long replayed, long changed, Money before, Money after, Money change) {
    }
}
