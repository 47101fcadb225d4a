package io.arbiter.ledger.importing;

import java.util.ArrayList;
import java.util.List;

/** Every error is counted; only the first ones are kept, so that a file wrong on every row stays reportable. */
final class RowErrors {

    private final int kept;
    private final List<ImportError> errors = new ArrayList<>();
    private long count;

    RowErrors(int kept) {
        this.kept = kept;
    }

    void add(long row, String column, String value, String message) {
        count++;
        if (errors.size() < kept) {
            errors.add(new ImportError(row, column, value.length() > 200 ? value.substring(0, 200) + "…" : value, message));
        }
    }

    void add(ImportError error) {
        add(error.row(), error.column(), error.value(), error.message());
    }

    /** Errors found beyond those passed to {@link #add}: counted, not kept. */
    void addUnlisted(long more) {
        count += more;
    }

    int kept() {
        return kept;
    }

    long count() {
        return count;
    }

    boolean any() {
        return count > 0;
    }

    /** Sorted by row, so that errors found by the SQL checks sit among the others. */
    List<ImportError> list() {
        List<ImportError> sorted = new ArrayList<>(errors);
        sorted.sort(java.util.Comparator.comparingLong(ImportError::row));
        return sorted;
    }
}
