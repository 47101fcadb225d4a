package io.arbiter.ledger.importing;

import java.util.List;

/**
 * One ledger field an import fills: its name in mappings, its staging column, whether a row must have it, and the
 * headers (French ERP exports such as SAGE X3's, and English ones) from which it is suggested, compared without case,
 * accents, spaces or punctuation. A required field with {@code standIns} may be left unmapped when one of them is
 * mapped, because it is computed from them (a due date from the payment terms).
 */
record ImportField(String name, String column, FieldType type, boolean required, List<String> headers,
        List<String> standIns) {

    static ImportField required(String name, String column, FieldType type, String... headers) {
        return new ImportField(name, column, type, true, List.of(headers), List.of());
    }

    static ImportField requiredUnless(List<String> standIns, String name, String column, FieldType type, String... headers) {
        return new ImportField(name, column, type, true, List.of(headers), standIns);
    }

    static ImportField optional(String name, String column, FieldType type, String... headers) {
        return new ImportField(name, column, type, false, List.of(headers), List.of());
    }

    /** Whether a mapping that maps these fields (columns or defaults) leaves this one missing. */
    boolean missingFrom(java.util.Set<String> mapped) {
        return required && !mapped.contains(name) && standIns.stream().noneMatch(mapped::contains);
    }
}
