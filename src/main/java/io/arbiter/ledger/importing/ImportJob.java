package io.arbiter.ledger.importing;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * An import as a client follows it. {@code imported} rows are new, {@code updated} changed, {@code unchanged} skipped
 * because their content is the same; {@code settled} open invoices were settled by a snapshot (orders removed from
 * the backlog, or invoices closed by payments). Only the first errors are listed; {@code errorCount} counts all.
 * {@code flagged} rows were imported but deserve a person's look (payment terms beyond the legal maximum, LME);
 * {@code flaggedCount} counts all of them. {@code requestedBy} is who sent the file (the watched folder's own name).
 */
public record ImportJob(UUID id, String kind, String source, ImportMode mode, boolean dryRun, @Nullable String fileName,
        String state, int percent, long rowsRead, long imported, long updated, long unchanged, long settled,
        long customersCreated, long customersUpdated, long errorCount, List<ImportError> errors,
        List<Map<String, Object>> preview, @Nullable ColumnMapping mapping, @Nullable String message, Instant createdAt,
        @Nullable Instant startedAt, @Nullable Instant finishedAt, long flaggedCount, List<ImportError> flagged,
        @Nullable String requestedBy) {

    public boolean finished() {
        return "SUCCEEDED".equals(state) || "FAILED".equals(state);
    }
}
