package io.arbiter.simulation.replay;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.arbiter.policy.Outcome;
import io.arbiter.policy.PolicyEvaluation;
import io.arbiter.policy.Reason;
import io.arbiter.shared.Money;
import io.arbiter.simulation.SimulationSummary;
import tools.jackson.databind.json.JsonMapper;

/** What a replay compares and adds up; plain values, no I/O. */
final class Replay {

    private Replay() {
    }

    /**
     * One version's answer for one subject. Reasons are kept as the evaluation gave them, or as stored JSON, and
     * turned into JSON only for the few answers that changed.
     */
    record Answer(Outcome outcome, BigDecimal limit, String segment, @Nullable String riskClass,
            @Nullable List<Reason> reasons, @Nullable String reasonsJson) {

        static Answer of(PolicyEvaluation evaluation) {
            return new Answer(evaluation.outcome(), evaluation.limit().granted().amount(), evaluation.segment().name(),
                    evaluation.riskClass(), evaluation.reasons(), null);
        }

        String reasonsJson(JsonMapper json) {
            return reasonsJson != null ? reasonsJson : json.writeValueAsString(reasons);
        }

        boolean differsFrom(Answer other) {
            return outcome != other.outcome || limit.compareTo(other.limit) != 0 || !segment.equals(other.segment)
                    || !Objects.equals(riskClass, other.riskClass);
        }
    }

    /**
     * A subject whose answer changes.
     *
     * @param decisionId null for a portfolio customer
     * @param decidedWith the version a stored decision was made with; null for a portfolio customer
     */
    record Change(@Nullable UUID decisionId, String registrationNumber, @Nullable String decidedWith, Answer before,
            Answer after) {
    }

    /** The counts and sums of a part of the population; parts are merged in any order. */
    static final class Tally {
        private long subjects;
        private long changed;
        private final Map<String, Long> transitions = new TreeMap<>();
        private final Map<String, SegmentSums> segments = new TreeMap<>();

        private static final class SegmentSums {
            long subjects;
            long changed;
            BigDecimal before = BigDecimal.ZERO;
            BigDecimal after = BigDecimal.ZERO;
        }

        /** Counts one subject; its limits go to the segment the active version puts it in. */
        void add(Answer before, Answer after) {
            subjects++;
            boolean change = after.differsFrom(before);
            if (change) {
                changed++;
            }
            if (before.outcome() != after.outcome()) {
                transitions.merge(before.outcome() + "→" + after.outcome(), 1L, Long::sum);
            }
            SegmentSums sums = segments.computeIfAbsent(before.segment(), s -> new SegmentSums());
            sums.subjects++;
            sums.changed += change ? 1 : 0;
            sums.before = sums.before.add(before.limit());
            sums.after = sums.after.add(after.limit());
        }

        void merge(Tally other) {
            subjects += other.subjects;
            changed += other.changed;
            other.transitions.forEach((key, count) -> transitions.merge(key, count, Long::sum));
            other.segments.forEach((segment, theirs) -> {
                SegmentSums ours = segments.computeIfAbsent(segment, s -> new SegmentSums());
                ours.subjects += theirs.subjects;
                ours.changed += theirs.changed;
                ours.before = ours.before.add(theirs.before);
                ours.after = ours.after.add(theirs.after);
            });
        }

        long subjects() {
            return subjects;
        }

        long changed() {
            return changed;
        }

        SimulationSummary summary(Currency currency) {
            BigDecimal before = BigDecimal.ZERO;
            BigDecimal after = BigDecimal.ZERO;
            List<SimulationSummary.SegmentChange> bySegment = new ArrayList<>();
            for (var entry : segments.entrySet()) {
                SegmentSums sums = entry.getValue();
                before = before.add(sums.before);
                after = after.add(sums.after);
                bySegment.add(new SimulationSummary.SegmentChange(entry.getKey(), sums.subjects, sums.changed,
                        Money.of(sums.before, currency), Money.of(sums.after, currency),
                        Money.of(sums.after.subtract(sums.before), currency)));
            }
            return new SimulationSummary(subjects, changed, subjects - changed, new LinkedHashMap<>(transitions),
                    new SimulationSummary.LimitChange(Money.of(before, currency), Money.of(after, currency),
                            Money.of(after.subtract(before), currency)),
                    bySegment);
        }
    }
}
