package io.arbiter.ledger;

import java.util.List;

/**
 * One ledger field an import fills: its name in mappings, its staging column, whether a row must have it, and the
 * headers (French ERP exports such as SAGE X3's, and English ones) from which it is suggested, compared without case,
 * accents, spaces or punctuation.
 */
record ImportField(String name, String column, FieldType type, boolean required, List<String> headers) {

    static ImportField required(String name, String column, FieldType type, String... headers) {
        return new ImportField(name, column, type, true, List.of(headers));
    }

    static ImportField optional(String name, String column, FieldType type, String... headers) {
        return new ImportField(name, column, type, false, List.of(headers));
    }
}
