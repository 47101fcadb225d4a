package io.arbiter.simulation.replay;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Function;

import io.arbiter.simulation.SimulationProperties;

/**
 * One simulation's streaming side: rows are gathered into batches handed to the workers, at most two per worker in
 * flight so that reading never runs ahead of evaluating, and results are taken back in order. Changes and progress
 * are written at most every {@link #FLUSH_EVERY}, which is also how often a cancel is seen.
 *
 * @param <T> a subject of the population: a stored decision or a portfolio customer
 */
final class SimulationRun<T> {

    private static final Duration FLUSH_EVERY = Duration.ofMillis(250);
    private static final int FLUSH_CHANGES = 1000;

    /** Thrown on the streaming thread when the requester cancelled: it unwinds the database cursor. */
    static final class Cancelled extends RuntimeException {
        Cancelled() {
            super(null, null, false, false);
        }
    }

    /** What a worker found in one batch. */
    static final class Batch {
        final Replay.Tally tally = new Replay.Tally();
        final List<Replay.Change> changes = new ArrayList<>();

        void add(Replay.Change change) {
            tally.add(change.before(), change.after());
            if (change.after().differsFrom(change.before())) {
                changes.add(change);
            }
        }
    }

    private final UUID id;
    private final Function<List<T>, Batch> evaluate;
    private final ExecutorService workers;
    private final Simulations simulations;
    private final SimulationProperties properties;
    private final Clock clock;
    private final Deque<Future<Batch>> pending = new ArrayDeque<>();
    private final Replay.Tally tally = new Replay.Tally();
    private final List<Replay.Change> unwritten = new ArrayList<>();
    private List<T> batch;
    private long written;
    private long flushedNanos;

    SimulationRun(UUID id, Function<List<T>, Batch> evaluate, ExecutorService workers, Simulations simulations,
            SimulationProperties properties, Clock clock) {
        this.id = id;
        this.evaluate = evaluate;
        this.workers = workers;
        this.simulations = simulations;
        this.properties = properties;
        this.clock = clock;
        this.batch = new ArrayList<>(properties.batchSize());
        this.flushedNanos = System.nanoTime();
    }

    void accept(T subject) {
        batch.add(subject);
        if (batch.size() >= properties.batchSize()) {
            dispatch();
        }
    }

    void finish() {
        dispatch();
        while (!pending.isEmpty()) {
            collect();
        }
        flush();
    }

    void abandon() {
        pending.forEach(future -> future.cancel(true));
        pending.clear();
    }

    Replay.Tally tally() {
        return tally;
    }

    private void dispatch() {
        if (batch.isEmpty()) {
            return;
        }
        List<T> full = batch;
        batch = new ArrayList<>(properties.batchSize());
        pending.add(workers.submit(() -> evaluate.apply(full)));
        while (pending.size() > 2 * properties.workers()) {
            collect();
        }
    }

    private void collect() {
        Batch done;
        try {
            done = pending.poll().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Cancelled();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
        tally.merge(done.tally);
        unwritten.addAll(done.changes);
        if (unwritten.size() >= FLUSH_CHANGES || System.nanoTime() - flushedNanos >= FLUSH_EVERY.toNanos()) {
            flush();
        }
    }

    private void flush() {
        Instant now = clock.instant();
        boolean cancelRequested = simulations.progress(id, tally.subjects(), tally.changed(), written, unwritten, now);
        written += unwritten.size();
        unwritten.clear();
        flushedNanos = System.nanoTime();
        if (cancelRequested) {
            throw new Cancelled();
        }
    }
}
