package io.arbiter.simulation.replay;

import java.util.List;
import java.util.function.Consumer;

/**
 * The subjects one simulation goes through, and how both versions answer for a batch of them: the stored decisions
 * ({@link StoredDecisionReplay}) or the portfolio ({@link PortfolioAssessment}).
 *
 * @param <T> one subject, as read from PostgreSQL
 */
interface SimulatedPopulation<T> {

    /** How many subjects there are, for the progress shown while the simulation runs. */
    long count();

    /** Streams the subjects, {@code fetchSize} rows at a time. */
    void forEach(int fetchSize, Consumer<T> each);

    /** Both versions' answers for a batch of subjects; runs on a worker, so it reads nothing shared and mutable. */
    SimulationRun.Batch answer(List<T> subjects);
}
