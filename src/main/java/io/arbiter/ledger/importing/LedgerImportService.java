package io.arbiter.ledger.importing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.ExecutionException;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import io.arbiter.ledger.LegalEntities;
import io.arbiter.ledger.LegalEntity;
import io.arbiter.ledger.tables.Table;
import io.arbiter.ledger.tables.UnreadableFile;
import io.arbiter.shared.Page;
import io.arbiter.shared.ProblemException;

/**
 * Imports ERP exports into the ledger as asynchronous jobs, and keeps the column mapping of each source. Jobs run one at
 * a time (imports of one ledger are serialised anyway, across replicas too, by a transaction-level advisory lock).
 */
@Service
public class LedgerImportService {

    private static final Logger log = LoggerFactory.getLogger(LedgerImportService.class);
    private static final long PROGRESS_INTERVAL_NANOS = 1_000_000_000L;

    private final LedgerImporter importer;
    private final ImportJobs jobs;
    private final ImportMappings mappings;
    private final LegalEntities entities;

    LedgerImportService(LedgerImporter importer, ImportJobs jobs, ImportMappings mappings, LegalEntities entities) {
        this.importer = importer;
        this.entities = entities;
        this.jobs = jobs;
        this.mappings = mappings;
    }

    /**
     * Queues the import of {@code file}, which this service deletes once read; answers at once with the queued job.
     */
    public ImportJob submit(Path file, ImportRequest request) {
        UUID id = queue(request);
        jobs.runner().submit(id, () -> run(id, file, request, true));
        return jobs.find(id).orElseThrow();
    }

    /** Imports {@code file} now, in the import thread, and answers with the finished job; the file is left in place. */
    public ImportJob importNow(Path file, ImportRequest request) {
        UUID id = queue(request);
        Future<?> done = jobs.runner().submit(id, () -> run(id, file, request, false));
        try {
            done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            log.error("Import {} failed", id, e.getCause());
        }
        return jobs.find(id).orElseThrow();
    }

    public Optional<ImportJob> job(UUID id) {
        return jobs.find(id);
    }

    public Page<ImportJob> jobs(int limit, @Nullable String cursor) {
        return jobs.page(limit, cursor);
    }

    /** The kind a request names, else the kind of the source's saved mapping. */
    public ImportKind kindOf(@Nullable String kind, String source) {
        if (kind != null && !kind.isBlank()) {
            return ImportKind.parse(kind).orElseThrow(() -> invalid("Unknown import kind '" + kind
                    + "': use customers, invoices, payments, credit-notes or open-orders."));
        }
        return mappings.find(source).flatMap(mapping -> ImportKind.parse(mapping.kind())).orElseThrow(() -> invalid(
                "Say what the file holds (kind=invoices, customers, payments, credit-notes or open-orders): the source '"
                        + source + "' has no saved mapping yet."));
    }

    /** A source's name, trimmed, if it can name a mapping: 1 to 100 letters, digits, spaces, '.', '_' or '-'. */
    public String checkedSource(String source) {
        String trimmed = source.trim();
        if (trimmed.isEmpty() || trimmed.length() > 100 || !trimmed.matches("[\\p{L}\\p{N} ._-]+")) {
            throw invalid("A source is the name of its mapping: 1 to 100 letters, digits, spaces, '.', '_' or '-'.");
        }
        return trimmed;
    }

    /** The fields a file of this kind may fill, in the order a mapping lists them. */
    public List<ImportFieldInfo> fields(ImportKind kind) {
        return kind.fields().stream().map(field -> new ImportFieldInfo(field.name(), field.type().name(), field.required(),
                field.standIns())).toList();
    }

    /** The legal entities the ledger knows, by code. */
    public List<LegalEntity> entities() {
        return entities.all();
    }

    public Page<ColumnMapping> mappings(int limit, @Nullable String cursor) {
        return mappings.page(limit, cursor);
    }

    public Optional<ColumnMapping> mapping(String name) {
        return mappings.find(name);
    }

    /** Saves a mapping after checking that its fields exist and that every mandatory field has a column or a default. */
    public ColumnMapping saveMapping(String name, ColumnMapping mapping, String by) {
        ImportKind kind = kindOf(mapping.kind(), name);
        List<Map<String, String>> errors = new ArrayList<>();
        for (String field : mapping.columns().keySet()) {
            if (kind.field(field).isEmpty()) {
                errors.add(Map.of("field", "columns." + field, "message", "not a field of " + kind.label() + " imports"));
            }
        }
        for (String field : mapping.defaults().keySet()) {
            if (kind.field(field).isEmpty()) {
                errors.add(Map.of("field", "defaults." + field, "message", "not a field of " + kind.label() + " imports"));
            }
        }
        for (ImportField field : kind.fields()) {
            java.util.Set<String> mapped = new java.util.HashSet<>(mapping.columns().keySet());
            mapped.addAll(mapping.defaults().keySet());
            if (field.missingFrom(mapped)) {
                errors.add(Map.of("field", "columns." + field.name(), "message", "mandatory: map it to a column or give it a default"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "invalid-mapping", "Invalid column mapping",
                    "The mapping '" + name + "' cannot be saved: " + errors.size() + " problem(s).",
                    Map.of("errors", errors, "fields", kind.fields().stream().map(ImportField::name).toList()));
        }
        ColumnMapping saved = new ColumnMapping(name, kind.label(), mapping.columns(), mapping.defaults());
        mappings.save(saved, by);
        return saved;
    }

    /** Suggests a mapping from the header of {@code file} (which is left in place). */
    public MappingSuggestion suggest(Path file, ImportKind kind) {
        try (Table table = Table.open(file)) {
            ColumnMapping mapping = MappingSuggester.suggest(kind, table.header());
            List<String> missing = kind.fields().stream().filter(field -> field.missingFrom(mapping.columns().keySet()))
                    .map(ImportField::name).toList();
            List<String> unmapped = kind.fields().stream().filter(field -> !field.required())
                    .map(ImportField::name).filter(field -> !mapping.columns().containsKey(field)).toList();
            List<String> unused = table.header().stream().filter(header -> !mapping.columns().containsValue(header)).toList();
            Table.Row first = table.next();
            List<String> sample = java.util.stream.IntStream.range(0, table.header().size()).mapToObj(i -> first == null ? "" : first.cell(i)).toList();
            return new MappingSuggestion(mapping, table.description(), table.header(), missing, unmapped, unused, sample);
        } catch (UnreadableFile e) {
            throw invalid(e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private UUID queue(ImportRequest request) {
        UUID id = UUID.randomUUID();
        jobs.queue(id, request);
        return id;
    }

    /** Keeps this instance's jobs alive and fails those an instance that stopped left behind. */
    @Scheduled(fixedDelayString = "${arbiter.ledger.import.heartbeat:15s}")
    void heartbeat() {
        jobs.runner().heartbeat();
    }

    private void run(UUID id, Path file, ImportRequest request, boolean deleteFile) {
        try {
            jobs.start(id);
            long[] last = {System.nanoTime()};
            ImportResult result = importer.run(file, request, (percent, rows) -> {
                long now = System.nanoTime();
                if (now - last[0] >= PROGRESS_INTERVAL_NANOS) {
                    last[0] = now;
                    jobs.progress(id, percent, rows);
                }
            });
            jobs.finish(id, result);
            log.info("Ledger import {} of {} from {}: {}", id, request.kind().label(), request.source(), result.message());
        } catch (RuntimeException e) {
            log.error("Ledger import {} failed", id, e);
            jobs.finish(id, notRun("Arbiter failed to run this import; nothing was written. Retry, and report job " + id
                    + " if it persists."));
        } catch (OutOfMemoryError e) {
            // A workbook's distinct texts are held while it is read: its memory is released with the failed job, and
            // the job must say why rather than wait for the heartbeat to call it abandoned.
            log.error("Ledger import {} ran out of memory", id, e);
            jobs.finish(id, notRun("The file did not fit in this instance's memory; nothing was written. Send a large"
                    + " export as CSV, which is read row by row, or give Arbiter more memory."));
        } finally {
            if (deleteFile) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    log.warn("Could not delete the uploaded file {}", file, e);
                }
            }
        }
    }

    private static ImportResult notRun(String message) {
        return new ImportResult(false, message, 0, 0, 0, 0, 0, 0, 0, 0, List.of(), List.of(), null);
    }

    private static ProblemException invalid(String detail) {
        return new ProblemException(HttpStatus.BAD_REQUEST, "invalid-import", "Invalid import request", detail);
    }
}
