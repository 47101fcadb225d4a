package io.arbiter.shared.database;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Part of readiness when Arbiter runs its own PostgreSQL: watches its postmaster twice a second; when it has died,
 * readiness is DOWN at once (not after a connection timeout) and the server is started again on the same port and
 * data directory, where PostgreSQL recovers every answered commit from its write-ahead log. UP, and idle, with a
 * configured database.
 */
@Component
class EmbeddedDatabaseHealthIndicator implements HealthIndicator, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseHealthIndicator.class);
    private static final Duration CHECK_EVERY = Duration.ofMillis(500);

    private volatile boolean running;
    private volatile @Nullable Instant downSince;
    private volatile int restarts;
    private volatile @Nullable String lastFailure;

    @Override
    public Health health() {
        return EmbeddedDatabase.running().map(database -> {
            Instant down = downSince;
            if (down != null || !database.alive()) {
                return Health.down().withDetail("embedded", true).withDetail("downSince", String.valueOf(down))
                        .withDetail("restarting", true).withDetail("lastFailure", String.valueOf(lastFailure)).build();
            }
            return Health.up().withDetail("embedded", true).withDetail("restarts", restarts).build();
        }).orElseGet(() -> Health.up().withDetail("embedded", false).build());
    }

    @Override
    public void start() {
        if (EmbeddedDatabase.running().isEmpty()) {
            return;
        }
        running = true;
        Thread.ofVirtual().name("embedded-database-watchdog").start(this::watch);
    }

    private void watch() {
        EmbeddedDatabase database = EmbeddedDatabase.running().orElseThrow();
        while (running) {
            if (!database.alive()) {
                if (downSince == null) {
                    downSince = Instant.now();
                    log.error("The embedded PostgreSQL (port {}, data in {}) has stopped; starting it again",
                            database.port(), database.dataDirectory());
                }
                try {
                    database.restart();
                    restarts++;
                    log.warn("The embedded PostgreSQL is running again after {} (restart {})",
                            Duration.between(downSince, Instant.now()), restarts);
                    downSince = null;
                    lastFailure = null;
                } catch (Exception e) {
                    // e.g. processes of the dead server still hold its shared memory: they exit shortly
                    lastFailure = e.toString();
                }
            }
            try {
                Thread.sleep(CHECK_EVERY);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
