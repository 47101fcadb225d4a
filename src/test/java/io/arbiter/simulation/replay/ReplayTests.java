package io.arbiter.simulation.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Currency;

import org.junit.jupiter.api.Test;

import io.arbiter.policy.Outcome;
import io.arbiter.simulation.SimulationSummary;

class ReplayTests {

    private static final Currency EUR = Currency.getInstance("EUR");

    @Test
    void counts_each_outcome_transition_and_sums_limits_per_segment_whichever_worker_added_them() {
        Replay.Tally first = new Replay.Tally();
        first.add(answer(Outcome.APPROVED, "120000", "SME", "A"), answer(Outcome.REVIEW, "100000", "SME", "A"));
        first.add(answer(Outcome.APPROVED, "30000", "MICRO", "A"), answer(Outcome.APPROVED, "30000", "MICRO", "A"));
        Replay.Tally second = new Replay.Tally();
        second.add(answer(Outcome.APPROVED, "120000", "SME", "A"), answer(Outcome.REVIEW, "100000", "SME", "A"));
        second.add(answer(Outcome.REVIEW, "15000", "MICRO", "B"), answer(Outcome.REVIEW, "15000", "MICRO", "C"));

        first.merge(second);
        SimulationSummary summary = first.summary(EUR);

        assertThat(summary.replayed()).isEqualTo(4);
        assertThat(summary.changed()).isEqualTo(3); // the class change counts although outcome and limit stay
        assertThat(summary.unchanged()).isEqualTo(1);
        assertThat(summary.transitions()).containsExactly(java.util.Map.entry("APPROVED→REVIEW", 2L));
        assertThat(summary.grantedLimits().change().amount()).isEqualByComparingTo("-40000");
        assertThat(summary.bySegment()).extracting(SimulationSummary.SegmentChange::segment).containsExactly("MICRO", "SME");
        assertThat(summary.bySegment().get(1).before().amount()).isEqualByComparingTo("240000");
        assertThat(summary.bySegment().get(1).after().amount()).isEqualByComparingTo("200000");
        assertThat(summary.bySegment().get(0).change().amount()).isEqualByComparingTo("0");
        assertThat(summary.bySegment().get(0).changed()).isEqualTo(1);
    }

    @Test
    void a_limit_written_with_another_scale_is_the_same_limit() {
        assertThat(answer(Outcome.APPROVED, "120000", "SME", "A").differsFrom(answer(Outcome.APPROVED, "120000.00", "SME", "A")))
                .isFalse();
        assertThat(answer(Outcome.APPROVED, "120000", "SME", null).differsFrom(answer(Outcome.APPROVED, "120000", "SME", "A")))
                .isTrue();
    }

    private static Replay.Answer answer(Outcome outcome, String limit, String segment, String riskClass) {
        return new Replay.Answer(outcome, new BigDecimal(limit), segment, riskClass, null, "[]");
    }
}
