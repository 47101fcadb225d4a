package io.arbiter.ledger;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/** What one import run found and did. */
record ImportResult(boolean succeeded, @Nullable String message, long rowsRead, long imported, long updated, long unchanged,
        long settled, long customersCreated, long customersUpdated, long errorCount, List<ImportError> errors,
        List<Map<String, Object>> preview, @Nullable ColumnMapping mapping) {
}
