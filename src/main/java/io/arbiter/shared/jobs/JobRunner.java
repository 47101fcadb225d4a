package io.arbiter.shared.jobs;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs the jobs of one kind. A job is a row the module has already inserted, in one of its live states, and work that
 * brings it to a finished state. The work runs on the runner's threads; while this instance has the job (queued behind
 * others or running), {@link #heartbeat()} marks it alive, and any instance's heartbeat fails the live jobs nobody
 * marked for four heartbeats: the instance that had them stopped (a crash, a redeploy), and without this they would
 * show as running for ever.
 *
 * <p>Spring's task executors would run the work but know nothing of the rows, and Spring Modulith's event publication
 * registry resubmits what an instance left unfinished, where a job must instead end FAILED with a message saying what
 * to do: neither keeps a job's liveness in the module's table, which is what other instances and clients read.
 */
public final class JobRunner {

    private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

    private final JobKind kind;
    private final JdbcClient jdbc;
    private final TransactionTemplate apart;
    private final Clock clock;
    private final ExecutorService threads;
    /** The jobs this instance has queued or running, which its heartbeat keeps alive. */
    private final Set<UUID> active = ConcurrentHashMap.newKeySet();

    JobRunner(JobKind kind, JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock) {
        this.kind = kind;
        this.jdbc = jdbc;
        this.clock = clock;
        this.apart = new TransactionTemplate(transactions);
        this.apart.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        ThreadFactory factory = kind.concurrentJobs() == 1
                ? Thread.ofPlatform().name(kind.name()).daemon().factory()
                : Thread.ofPlatform().name(kind.name() + "-", 1).daemon().factory();
        this.threads = Executors.newFixedThreadPool(kind.concurrentJobs(), factory);
    }

    /**
     * Runs {@code work} for the job {@code id}, already stored in a live state, once a thread is free; this instance's
     * heartbeat keeps the job alive from now until the work returns. The work must bring the job to a finished state
     * itself, failures included.
     */
    public Future<?> submit(UUID id, Runnable work) {
        active.add(id);
        return threads.submit(() -> {
            try {
                work.run();
            } finally {
                active.remove(id);
            }
        });
    }

    /**
     * Commits a write about a job (its start, progress or end) in a transaction of its own, so that clients and other
     * instances see it at once while the job's own work is still open, and so that it stays when that work rolls back.
     */
    public <T> T apart(Supplier<T> write) {
        return apart.execute(status -> write.get());
    }

    public void apart(Runnable write) {
        apart.executeWithoutResult(status -> write.run());
    }

    /** Marks this instance's jobs alive and fails those an instance that stopped left behind; answers the failed ones. */
    public List<UUID> heartbeat() {
        if (!active.isEmpty()) {
            apart(() -> jdbc.sql("update " + kind.table() + " set heartbeat_at = now() where id = any(:ids)")
                    .param("ids", Set.copyOf(active).toArray(UUID[]::new)).update());
        }
        List<UUID> abandoned = apart(() -> jdbc.sql("update " + kind.table() + " set state = 'FAILED', "
                + kind.abandoned() + " where state in (" + kind.liveStatesSql() + ")"
                + " and heartbeat_at < now() - make_interval(secs => :silence) returning id")
                .param("silence", kind.silence().toMillis() / 1000.0).param("at", Timestamp.from(clock.instant()))
                .query(UUID.class).list());
        for (UUID id : abandoned) {
            log.warn("{} {} was left unfinished by an instance that stopped: marked FAILED", kind.label(), id);
        }
        return abandoned;
    }

    /** Deletes the finished jobs beyond the {@code kept} newest (live ones count among those but are never deleted). */
    public void prune(int kept) {
        apart(() -> jdbc.sql("delete from " + kind.table() + " where state not in (" + kind.liveStatesSql() + ")"
                + " and id not in (select id from " + kind.table() + " order by " + kind.newestFirst()
                + " desc limit :kept)").param("kept", kept).update());
    }

    void stop() {
        threads.shutdownNow();
    }
}
