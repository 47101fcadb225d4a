package io.arbiter.ledger.importing;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What one import run found and did.
 *
 * @param flaggedCount rows accepted that a person should look at: payment terms beyond the legal maximum (LME)
 * @param flagged the first of them, each with its row, column, value and why
 */
record ImportResult(boolean succeeded, @Nullable String message, long rowsRead, long imported, long updated, long unchanged,
        long settled, long customersCreated, long customersUpdated, long errorCount, List<ImportError> errors,
        List<Map<String, Object>> preview, @Nullable ColumnMapping mapping, long flaggedCount, List<ImportError> flagged) {

    ImportResult(boolean succeeded, @Nullable String message, long rowsRead, long imported, long updated, long unchanged,
            long settled, long customersCreated, long customersUpdated, long errorCount, List<ImportError> errors,
            List<Map<String, Object>> preview, @Nullable ColumnMapping mapping) {
        this(succeeded, message, rowsRead, imported, updated, unchanged, settled, customersCreated, customersUpdated,
                errorCount, errors, preview, mapping, 0, List.of());
    }
}
