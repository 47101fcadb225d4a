package io.arbiter.ledger.importing;

import org.jspecify.annotations.Nullable;

/**
 * An import to run: what the file holds, which source's mapping reads it, how absent rows are treated, and whether to
 * write at all.
 */
public record ImportRequest(ImportKind kind, String source, ImportMode mode, boolean dryRun, @Nullable String fileName,
        @Nullable String requestedBy) {
}
