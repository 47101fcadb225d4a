package io.arbiter.ledger.importing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.arbiter.shared.TableExport;

/**
 * Unattended imports: an ERP (or a collection agency) drops its exports into {@code arbiter.ledger.import.watch-directory};
 * each file whose name matches a {@code watched-files} pattern is imported with that pattern's kind, source and mode
 * once it has stopped changing, then moved to {@code done/}, or to {@code failed/} with {@code <name>.errors.csv}
 * beside it (row;column;value;message). Files matching no pattern stay where they are.
 */
@Component
class WatchedFolder implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WatchedFolder.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final LedgerImportProperties properties;
    private final LedgerImportService imports;
    private final Clock clock;
    private @Nullable ScheduledExecutorService poller;

    WatchedFolder(LedgerImportProperties properties, LedgerImportService imports, Clock clock) {
        this.properties = properties;
        this.imports = imports;
        this.clock = clock;
    }

    @Override
    public void start() {
        Path directory = properties.watchDirectory();
        if (directory == null) {
            return;
        }
        try {
            Files.createDirectories(directory.resolve("done"));
            Files.createDirectories(directory.resolve("failed"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the watched folder " + directory, e);
        }
        poller = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("ledger-watch").daemon().factory());
        long interval = properties.watchInterval().toMillis();
        poller.scheduleWithFixedDelay(this::scanSafely, interval, interval, TimeUnit.MILLISECONDS);
        log.info("Watching {} for ledger exports ({} pattern(s))", directory, properties.watchedFiles().size());
    }

    @Override
    public void stop() {
        if (poller != null) {
            poller.shutdownNow();
            poller = null;
        }
    }

    @Override
    public boolean isRunning() {
        return poller != null;
    }

    private void scanSafely() {
        try {
            scan();
        } catch (RuntimeException e) {
            log.error("Scanning the watched folder failed", e);
        }
    }

    /** Imports every settled file that a pattern claims, oldest name first. */
    void scan() {
        Path directory = properties.watchDirectory();
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Instant settledBefore = clock.instant().minus(properties.settleTime());
        for (Path file : files) {
            LedgerImportProperties.WatchedFile rule = ruleFor(file);
            if (rule != null && settled(file, settledBefore)) {
                importFile(directory, file, rule);
            }
        }
    }

    private LedgerImportProperties.@Nullable WatchedFile ruleFor(Path file) {
        for (LedgerImportProperties.WatchedFile rule : properties.watchedFiles()) {
            PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + rule.pattern());
            if (matcher.matches(file.getFileName())) {
                return rule;
            }
        }
        return null;
    }

    private static boolean settled(Path file, Instant before) {
        try {
            return Files.getLastModifiedTime(file).toInstant().isBefore(before);
        } catch (IOException e) {
            return false;
        }
    }

    private void importFile(Path directory, Path file, LedgerImportProperties.WatchedFile rule) {
        String name = STAMP.format(clock.instant()) + "-" + file.getFileName();
        ImportJob job = imports.importNow(file, new ImportRequest(rule.kind(), rule.source(), rule.mode(), false,
                file.getFileName().toString(), "watched folder"));
        boolean succeeded = "SUCCEEDED".equals(job.state());
        Path target = directory.resolve(succeeded ? "done" : "failed").resolve(name);
        try {
            Files.move(file, target, StandardCopyOption.REPLACE_EXISTING);
            if (!succeeded) {
                // Written aside, then moved: whoever watches the folder never opens a half-written report.
                Path part = target.resolveSibling(name + ".errors.csv.part");
                try (OutputStream out = Files.newOutputStream(part);
                        TableExport report = TableExport.csv(out, TableExport.Dialect.SEMICOLON)) {
                    report(job, report);
                }
                Files.move(part, target.resolveSibling(name + ".errors.csv"), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot move " + file + " out of the watched folder", e);
        }
        log.info("Watched folder: {} imported as job {}: {}", file.getFileName(), job.id(), job.state());
    }

    /** With ';' (the dialect of the files this folder usually receives), so that a French Excel opens it as columns. */
    private static void report(ImportJob job, TableExport csv) {
        csv.row("row", "column", "value", "message");
        csv.row(0, null, null, (job.message() == null ? "" : job.message())
                + (job.errorCount() > job.errors().size() ? " (" + job.errorCount() + " errors, the first "
                        + job.errors().size() + " listed)" : ""));
        for (ImportError error : job.errors()) {
            csv.row(error.row(), error.column(), error.value(), error.message());
        }
    }
}
