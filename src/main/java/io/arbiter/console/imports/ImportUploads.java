package io.arbiter.console.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import jakarta.annotation.PreDestroy;

/**
 * The files uploaded to the import wizard, kept between its steps (mapping, dry run, import) so that the person sends
 * an export once. Each belongs to who uploaded it and is forgotten after a successful import, or after a day. They
 * live on this instance only: behind a load balancer, the console needs sticky sessions (as its sign-in does anyway).
 */
@Component
class ImportUploads {

    private static final Logger log = LoggerFactory.getLogger(ImportUploads.class);
    private static final Duration KEPT = Duration.ofDays(1);

    /** An uploaded file and what the person said it holds. */
    record Upload(UUID id, Path file, String fileName, String owner, String kind, String source, @Nullable String entity,
            Instant at) {

        Upload with(String newKind, String newSource, @Nullable String newEntity) {
            return new Upload(id, file, fileName, owner, newKind, newSource, newEntity, at);
        }
    }

    private final Map<UUID, Upload> uploads = new ConcurrentHashMap<>();

    Upload keep(InputStream content, String fileName, String owner, String kind, String source, @Nullable String entity) {
        forgetOld();
        try {
            Path file = Files.createTempFile("arbiter-console-import-", ".upload");
            Files.copy(content, file, StandardCopyOption.REPLACE_EXISTING);
            Upload upload = new Upload(UUID.randomUUID(), file, fileName, owner, kind, source, entity, Instant.now());
            uploads.put(upload.id(), upload);
            return upload;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The upload, if it is still kept and belongs to {@code owner}. */
    Optional<Upload> find(UUID id, String owner) {
        return Optional.ofNullable(uploads.get(id)).filter(upload -> upload.owner().equals(owner));
    }

    void update(Upload upload) {
        uploads.replace(upload.id(), upload);
    }

    /** A copy of the file for one job, which the import service deletes once read. */
    Path copyFor(Upload upload) {
        try {
            Path copy = Files.createTempFile("ledger-import-", ".upload");
            Files.copy(upload.file(), copy, StandardCopyOption.REPLACE_EXISTING);
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void forget(UUID id) {
        Upload upload = uploads.remove(id);
        if (upload != null) {
            delete(upload.file());
        }
    }

    private void forgetOld() {
        Instant limit = Instant.now().minus(KEPT);
        uploads.values().stream().filter(upload -> upload.at().isBefore(limit)).map(Upload::id).toList().forEach(this::forget);
    }

    @PreDestroy
    void forgetAll() {
        uploads.keySet().forEach(this::forget);
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Could not delete the uploaded file {}", file, e);
        }
    }
}
