package io.arbiter.policy.lifecycle;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.arbiter.policy.PolicyEngine;
import io.arbiter.policy.PolicyProperties;

/**
 * Keeps this replica on the version the database says is published. Whoever publishes sends
 * {@code NOTIFY arbiter_policy, '<versionId>'} in the same transaction; every replica LISTENs on a connection of its
 * own and, on any notification, loads the published version from the database. A scheduled version is published by
 * whichever replica first sees its effective date come (a timer armed at that instant, and the periodic check); the
 * periodic check ({@code arbiter.policy.refresh-interval}) also catches up on a notification missed while the
 * listening connection was down. The swap is the engine's atomic one: readiness stays up throughout.
 * <p>
 * Nothing is compiled here, nor while the lock is held: the approved and scheduled versions are compiled in advance on
 * {@link PolicyCompilations}' thread, and a published version not compiled yet is activated once its compilation is
 * done, the previous one serving until then. A publish through this replica, or a notification, never waits for a
 * compilation of another version.
 */
@Component
class PolicySync implements SmartLifecycle {

    static final String CHANNEL = "arbiter_policy";
    private static final Logger log = LoggerFactory.getLogger(PolicySync.class);
    private static final int POLL_MILLIS = 500;

    private final PolicyEngine engine;
    private final PolicyVersions versions;
    private final PolicyCompilations compilations;
    private final TransactionTemplate transactions;
    private final DataSource dataSource;
    private final Clock clock;
    private final Duration refreshInterval;
    private final int compiledInAdvance;
    private final ReentrantLock lock = new ReentrantLock();

    private volatile boolean running;
    private @Nullable ScheduledExecutorService timer;
    private @Nullable Thread listener;
    /** The timer armed for the scheduled version, and which version at which instant it is armed for. */
    private @Nullable ScheduledFuture<?> armed;
    private @Nullable UUID armedId;
    private @Nullable Instant armedAt;

    PolicySync(PolicyEngine engine, PolicyVersions versions, PolicyCompilations compilations,
            TransactionTemplate transactions, DataSource dataSource, Clock clock, PolicyProperties properties) {
        this.engine = engine;
        this.versions = versions;
        this.compilations = compilations;
        this.transactions = transactions;
        this.dataSource = dataSource;
        this.clock = clock;
        this.refreshInterval = properties.refreshInterval();
        this.compiledInAdvance = properties.compiledInAdvance();
    }

    @Override
    public void start() {
        running = true;
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("policy-sync").factory());
        timer = scheduler;
        long interval = Math.max(refreshInterval.toMillis(), 100);
        scheduler.scheduleWithFixedDelay(this::syncQuietly, 0, interval, TimeUnit.MILLISECONDS);
        listener = Thread.ofPlatform().daemon().name("policy-listener").start(this::listen);
    }

    @Override
    public void stop() {
        running = false; // the listener notices within POLL_MILLIS and gives its connection back
        if (timer != null) {
            timer.shutdownNow();
        }
        if (listener != null) {
            listener.interrupt();
            try {
                listener.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Called by the publishing replica once its transaction committed, with the version it compiled. */
    void published(UUID id, PolicyEngine.Loaded loaded) {
        lock.lock();
        try {
            UUID current = versions.findPublished().map(PolicyVersion::id).orElse(null);
            if (id.equals(current)) {
                if (!id.equals(engine.active().id())) {
                    engine.activate(id, loaded);
                }
            } else {
                sync(); // published again elsewhere meanwhile: the database has the last word
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Publishes the scheduled version if its date has come, arms the timer for it, activates what is published once it
     * is compiled, and has the scheduled version and the {@code arbiter.policy.compiled-in-advance} last approved ones
     * compiled in advance, with the version published before the current one, letting go of any other compilation kept.
     */
    void sync() {
        lock.lock();
        try {
            publishDue();
            Optional<PolicyVersion> scheduled = versions.findScheduled();
            arm(scheduled);
            List<UUID> inAdvance = new ArrayList<>(versions.lastApproved(compiledInAdvance));
            inAdvance.addAll(versions.lastSuperseded(1)); // a rollback to the previous version is a swap too
            scheduled.ifPresent(version -> inAdvance.add(version.id()));
            Optional<PolicyVersion> published = versions.findPublished();
            if (published.isPresent() && !published.get().id().equals(engine.active().id())) {
                inAdvance.add(published.get().id());
            }
            compilations.retainOnly(inAdvance);
            inAdvance.forEach(compilations::keep);
            published.ifPresent(this::activateWhenCompiled);
        } finally {
            lock.unlock();
        }
    }

    private void activateWhenCompiled(PolicyVersion published) {
        UUID id = published.id();
        if (id.equals(engine.active().id())) {
            return;
        }
        Optional<PolicyEngine.Loaded> loaded = compilations.ready(id);
        if (loaded.isPresent()) {
            engine.activate(id, loaded.get());
            log.info("Policy version {} ({}) published by {} at {} now serves on this replica", id, published.version(),
                    published.publishedBy(), published.publishedAt());
            return;
        }
        log.info("Policy version {} ({}) is published: compiling it, {} serves until then", id, published.version(),
                engine.active().version());
        compilations.keep(id).whenComplete((compiled, failure) -> {
            if (failure != null) {
                log.warn("Policy version {} could not be compiled; retrying in {}: {}", id, refreshInterval, failure.toString());
            } else if (running && timer != null) {
                timer.execute(this::syncQuietly);
            }
        });
    }

    private void publishDue() {
        Instant now = clock.instant();
        transactions.executeWithoutResult(status -> versions.lockDueScheduled(now).ifPresent(due -> {
            versions.publish(due.id(), due.scheduledBy(), due.effectiveFrom());
            versions.notifyReplicas(due.id());
            log.info("Policy version {} ({}) scheduled by {} is published: its effective date {} has come", due.id(),
                    due.version(), due.scheduledBy(), due.effectiveFrom());
        }));
    }

    private void arm(Optional<PolicyVersion> scheduled) {
        UUID id = scheduled.map(PolicyVersion::id).orElse(null);
        Instant at = scheduled.map(PolicyVersion::effectiveFrom).orElse(null);
        if (id != null && id.equals(armedId) && at != null && at.equals(armedAt)) {
            return;
        }
        if (armed != null) {
            armed.cancel(false);
        }
        armed = null;
        armedId = id;
        armedAt = at;
        if (id == null || at == null || timer == null || !running) {
            return;
        }
        // Rounded up: a delay cut to whole milliseconds fired just before the date, found nothing due yet, and the
        // version waited for the periodic check (6.4 s late in a test run).
        long delay = Math.max(0, Duration.between(clock.instant(), at).plusNanos(999_999).toMillis());
        armed = timer.schedule(this::fire, delay, TimeUnit.MILLISECONDS);
        log.info("Policy version {} ({}) is scheduled for {}: armed in {} ms", id, scheduled.get().version(), at, delay);
    }

    /**
     * The armed timer's task: it forgets what it was armed for before it syncs, so that a timer that still fired early
     * (the timer counts elapsed time, the date is the wall clock's) is armed again for what remains.
     */
    private void fire() {
        lock.lock();
        try {
            armed = null;
            armedId = null;
            armedAt = null;
        } finally {
            lock.unlock();
        }
        syncQuietly();
    }

    private void syncQuietly() {
        if (!running) {
            return;
        }
        try {
            sync();
        } catch (RuntimeException e) {
            log.warn("Could not compare this replica's policy with the database's; retrying in {}", refreshInterval, e);
        }
    }

    /** Holds one connection LISTENing; reconnects after a failure, then catches up on what it may have missed. */
    private void listen() {
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                PGConnection postgres = connection.unwrap(PGConnection.class);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                log.debug("Listening for policy publications on {}", CHANNEL);
                syncQuietly();
                while (running) {
                    PGNotification[] notifications = postgres.getNotifications(POLL_MILLIS);
                    if (notifications != null && notifications.length > 0) {
                        log.debug("Notified of policy version {}", notifications[notifications.length - 1].getParameter());
                        syncQuietly();
                    }
                }
                try (Statement statement = connection.createStatement()) {
                    statement.execute("UNLISTEN *"); // the connection goes back to the pool
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    log.warn("Lost the connection listening for policy publications; reconnecting in 1 s: {}", e.toString());
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }
}
