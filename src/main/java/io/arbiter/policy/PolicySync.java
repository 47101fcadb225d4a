package io.arbiter.policy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
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

/**
 * Keeps this replica on the version the database says is published. Whoever publishes sends
 * {@code NOTIFY arbiter_policy, '<versionId>'} in the same transaction; every replica LISTENs on a connection of its
 * own and, on any notification, loads the published version from the database. A scheduled version is published by
 * whichever replica first sees its effective date come (a timer armed at that instant, and the periodic check); the
 * periodic check ({@code arbiter.policy.refresh-interval}) also catches up on a notification missed while the
 * listening connection was down. The swap is the engine's atomic one: readiness stays up throughout.
 */
@Component
class PolicySync implements SmartLifecycle {

    static final String CHANNEL = "arbiter_policy";
    private static final Logger log = LoggerFactory.getLogger(PolicySync.class);
    private static final int POLL_MILLIS = 500;

    private final PolicyEngine engine;
    private final PolicyVersions versions;
    private final TransactionTemplate transactions;
    private final DataSource dataSource;
    private final Clock clock;
    private final Duration refreshInterval;
    private final ReentrantLock lock = new ReentrantLock();

    private volatile boolean running;
    private @Nullable ScheduledExecutorService timer;
    private @Nullable Thread listener;
    /** The timer armed for the scheduled version, and which version at which instant it is armed for. */
    private @Nullable ScheduledFuture<?> armed;
    private @Nullable UUID armedId;
    private @Nullable Instant armedAt;
    /**
     * The scheduled version and the last approved one, compiled in advance, so that this replica switches to them
     * when they are published without compiling then.
     */
    private final Map<UUID, PolicyEngine.Loaded> precompiled = new HashMap<>();

    PolicySync(PolicyEngine engine, PolicyVersions versions, TransactionTemplate transactions, DataSource dataSource,
            Clock clock, PolicyProperties properties) {
        this.engine = engine;
        this.versions = versions;
        this.transactions = transactions;
        this.dataSource = dataSource;
        this.clock = clock;
        this.refreshInterval = properties.refreshInterval();
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
     * A version compiled, by this replica's approval listener when it already did (waiting for it while it does) or now:
     * publishing then does not compile a second copy beside the one compiled in advance, which doubled the CPU taken
     * from decisions during a swap.
     */
    PolicyEngine.Loaded compiled(UUID id) {
        lock.lock();
        try {
            PolicyEngine.Loaded loaded = precompiled.get(id);
            if (loaded == null) {
                loaded = PolicyEngine.compile(versions.files(id), engine.currency());
                precompiled.put(id, loaded); // so that the listener, told of the approval meanwhile, does not compile it again
            }
            return loaded;
        } finally {
            lock.unlock();
        }
    }

    /** Publishes the scheduled version if its date has come, arms the timer for it, and loads what is published. */
    void sync() {
        lock.lock();
        try {
            publishDue();
            arm(versions.findScheduled());
            Optional<PolicyVersion> published = versions.findPublished();
            if (published.isPresent() && !published.get().id().equals(engine.active().id())) {
                UUID id = published.get().id();
                PolicyEngine.Loaded loaded = precompiled.get(id);
                if (loaded == null) {
                    loaded = PolicyEngine.compile(versions.files(id), engine.currency());
                }
                engine.activate(id, loaded);
                log.info("Policy version {} ({}) published by {} at {} now serves on this replica", id,
                        published.get().version(), published.get().publishedBy(), published.get().publishedAt());
            }
            UUID approved = versions.lastApproved().orElse(null);
            precompiled.keySet().removeIf(id -> !id.equals(armedId) && !id.equals(approved));
            if (approved != null) {
                precompile(approved);
            }
        } finally {
            lock.unlock();
        }
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
        precompile(id);
        long delay = Math.max(0, Duration.between(clock.instant(), at).toMillis());
        armed = timer.schedule(this::syncQuietly, delay, TimeUnit.MILLISECONDS);
        log.info("Policy version {} ({}) is scheduled for {}: armed in {} ms", id, scheduled.get().version(), at, delay);
    }

    private void precompile(UUID id) {
        if (!precompiled.containsKey(id)) {
            try {
                precompiled.put(id, PolicyEngine.compile(versions.files(id), engine.currency()));
            } catch (RuntimeException e) {
                log.warn("Policy version {} could not be compiled in advance: {}", id, e.toString());
            }
        }
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
