package io.arbiter.simulation.replay;

import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;

import org.springframework.stereotype.Component;

import io.arbiter.decision.DecisionHistory;
import io.arbiter.decision.DecisionHistory.StoredDecision;
import io.arbiter.policy.PolicyCandidates.Candidate;
import io.arbiter.simulation.SimulationRequest;

/**
 * Replays stored decisions: each is re-decided by the candidate on the facts it was decided on. A decision made with
 * the active version is its own baseline (the pipeline is deterministic), so only the candidate runs on it; decisions
 * made with older versions are re-decided by the active one too, so that a change is against what decides today and
 * not every earlier policy change.
 */
@Component
class StoredDecisionReplay {

    private final DecisionHistory decisions;
    private final Clock clock;

    StoredDecisionReplay(DecisionHistory decisions, Clock clock) {
        this.decisions = decisions;
        this.clock = clock;
    }

    /** The stored decisions a request asks for (a period, or the last N), judged by both versions. */
    SimulatedPopulation<StoredDecision> population(SimulationRequest request, Candidate candidate,
            Candidate baseline) {
        DecisionHistory.Selection selection = selection(request);
        return new SimulatedPopulation<>() {
            @Override
            public long count() {
                return decisions.count(selection);
            }

            @Override
            public void forEach(int fetchSize, Consumer<StoredDecision> each) {
                decisions.forEach(selection, fetchSize, each);
            }

            @Override
            public SimulationRun.Batch answer(List<StoredDecision> subjects) {
                return redecide(subjects, candidate, baseline);
            }
        };
    }

    private static SimulationRun.Batch redecide(List<StoredDecision> subjects, Candidate candidate,
            Candidate baseline) {
        SimulationRun.Batch batch = new SimulationRun.Batch();
        for (StoredDecision decision : subjects) {
            Replay.Answer after = Replay.Answer.of(candidate.evaluate(decision.facts()));
            Replay.Answer before = decision.policyVersion().equals(baseline.version())
                    ? new Replay.Answer(decision.outcome(), decision.grantedLimit(), decision.segment(),
                            decision.riskClass(), null, decision.reasonsJson())
                    : Replay.Answer.of(baseline.evaluate(decision.facts()));
            batch.add(new Replay.Change(decision.decisionId(), decision.registrationNumber(), decision.policyVersion(),
                    before, after));
        }
        return batch;
    }

    /** The days of a period are the clock's zone's, {@code to} included. */
    private DecisionHistory.Selection selection(SimulationRequest request) {
        if (request.last() != null) {
            return new DecisionHistory.Selection(null, null, request.last());
        }
        return new DecisionHistory.Selection(
                request.from() == null ? null : request.from().atStartOfDay(clock.getZone()).toInstant(),
                request.to() == null ? null : request.to().plusDays(1).atStartOfDay(clock.getZone()).toInstant(), null);
    }
}
