package io.arbiter.shared.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The PostgreSQL Arbiter starts itself when no database is configured: real PostgreSQL binaries from Maven Central,
 * with durable commits (the library's defaults, {@code -F} and no synchronous commit, lost commits already answered on
 * a crash), always on the same port and data directory so that it can be started again after it died and recover
 * from its write-ahead log. One per JVM.
 */
public final class EmbeddedDatabase {

    private static @Nullable EmbeddedDatabase instance;

    private final Path dataDirectory;
    private final boolean throwAway;
    private volatile EmbeddedPostgres postgres;
    private final int port;

    private EmbeddedDatabase(Path dataDirectory, boolean throwAway) throws IOException {
        this.dataDirectory = dataDirectory;
        this.throwAway = throwAway;
        this.postgres = start(dataDirectory, 0);
        this.port = postgres.getPort();
    }

    /** Starts it, once per JVM; later calls return the running one. */
    public static synchronized EmbeddedDatabase start(@Nullable Path configuredDirectory) {
        if (instance == null) {
            try {
                Path directory = configuredDirectory != null ? configuredDirectory
                        : Files.createTempDirectory("arbiter-pgdata-");
                Files.createDirectories(directory);
                instance = new EmbeddedDatabase(directory, configuredDirectory == null);
                if (instance.throwAway) {
                    Runtime.getRuntime().addShutdownHook(new Thread(instance::discard));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start the embedded PostgreSQL; set ARBITER_DB_URL to use your own", e);
            }
        }
        return instance;
    }

    /** The one started in this JVM, if any. */
    public static synchronized Optional<EmbeddedDatabase> running() {
        return Optional.ofNullable(instance);
    }

    private static EmbeddedPostgres start(Path directory, int port) throws IOException {
        return EmbeddedPostgres.builder()
                .setDataDirectory(directory)
                .setCleanDataDirectory(false)
                .setPort(port)
                // After -F: every commit answered is on disk, as with any PostgreSQL Arbiter is pointed at
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .start();
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    public int port() {
        return port;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** The postmaster's process id, from its pid file; empty when it is not running. */
    public Optional<ProcessHandle> postmaster() {
        try {
            List<String> lines = Files.readAllLines(dataDirectory.resolve("postmaster.pid"));
            return lines.isEmpty() ? Optional.empty()
                    : ProcessHandle.of(Long.parseLong(lines.getFirst().strip())).filter(ProcessHandle::isAlive);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    public boolean alive() {
        return postmaster().isPresent();
    }

    /**
     * Starts the server again on the same port and directory; PostgreSQL replays its write-ahead log, so every commit
     * that was answered is there. Fails (to be tried again) while processes of the dead server still hold its memory.
     */
    public synchronized void restart() throws IOException {
        if (alive()) {
            return;
        }
        try {
            postgres.close(); // releases the library's lock on the directory; the server is already gone
        } catch (IOException | RuntimeException e) {
            // nothing left to stop
        }
        postgres = start(dataDirectory, port);
    }

    private void discard() {
        try {
            postgres.close();
        } catch (IOException | RuntimeException e) {
            // exiting anyway
        }
        try (Stream<Path> files = Files.walk(dataDirectory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a throw-away directory in the temporary folder
        }
    }
}
