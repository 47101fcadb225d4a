package io.arbiter.ledger.importing;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A mapping applied to one file's header: for each field of the kind, the index of its column (or -1) and its default.
 * Built only when every mandatory field has a column or a default and every mapped header exists.
 */
record ImportPlan(ImportKind kind, List<ImportField> fields, int[] index, @Nullable String[] defaults, String[] columnNames) {

    boolean has(String field) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equals(field)) {
                return index[i] >= 0 || defaults[i] != null;
            }
        }
        return false;
    }

    int position(String field) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equals(field)) {
                return i;
            }
        }
        throw new IllegalArgumentException(field);
    }

    /** The column a person sees for {@code field}: the file's header when mapped, else the field's name. */
    String columnOf(String field) {
        return columnNames[position(field)];
    }

    /** Null with the errors filled in when the header cannot carry the mapping. */
    static @Nullable ImportPlan of(ImportKind kind, ColumnMapping mapping, List<String> header, RowErrors errors) {
        List<ImportField> fields = kind.fields();
        int[] index = new int[fields.size()];
        String[] defaults = new String[fields.size()];
        String[] names = new String[fields.size()];
        boolean complete = true;
        for (String mapped : mapping.columns().keySet()) {
            if (kind.field(mapped).isEmpty()) {
                errors.add(1, mapped, mapping.columns().get(mapped), "the mapping names '" + mapped
                        + "', which is not a field of " + kind.label() + " imports");
                complete = false;
            }
        }
        for (int i = 0; i < fields.size(); i++) {
            ImportField field = fields.get(i);
            String column = mapping.columns().get(field.name());
            String defaultValue = mapping.defaults().get(field.name());
            defaults[i] = defaultValue == null || defaultValue.isBlank() ? null : defaultValue.strip();
            index[i] = column == null ? -1 : indexOf(header, column);
            names[i] = column == null ? field.name() : column;
            if (column != null && index[i] < 0) {
                errors.add(1, column, "", "the mapping reads " + field.name() + " from column '" + column
                        + "', which this file does not have" + singleColumnHint(header));
                complete = false;
            } else if (index[i] < 0 && defaults[i] == null && field.missingFrom(mapped(mapping))) {
                errors.add(1, field.name(), "", "missing mandatory column for " + field.name() + " (e.g. '"
                        + field.headers().getFirst() + "'): map it to a column of the file or give it a default"
                        + singleColumnHint(header));
                complete = false;
            }
        }
        return complete ? new ImportPlan(kind, fields, index, defaults, names) : null;
    }

    private static java.util.Set<String> mapped(ColumnMapping mapping) {
        java.util.Set<String> mapped = new java.util.HashSet<>(mapping.columns().keySet());
        mapping.defaults().forEach((field, value) -> {
            if (value != null && !value.isBlank()) {
                mapped.add(field);
            }
        });
        return mapped;
    }

    private static int indexOf(List<String> header, String column) {
        int exact = header.indexOf(column);
        if (exact >= 0) {
            return exact;
        }
        String wanted = MappingSuggester.normalise(column);
        for (int i = 0; i < header.size(); i++) {
            if (MappingSuggester.normalise(header.get(i)).equals(wanted)) {
                return i;
            }
        }
        return -1;
    }

    private static String singleColumnHint(List<String> header) {
        return header.size() == 1 && header.getFirst().length() > 20
                ? "; the file was read as one single column '" + header.getFirst().substring(0, 40)
                        + "…': is its separator one of ; , tab or | ?"
                : "";
    }
}
