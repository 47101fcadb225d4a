package io.arbiter.ledger.importing;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * How one source's files map onto ledger fields: {@code columns} maps a field ({@code number}, {@code dueDate}...) to
 * the file's header that holds it; {@code defaults} gives a value to fields the file lacks (an entity code, a
 * currency). Saved by name and reused by every import from that source.
 *
 * @param name the source, e.g. {@code sage-x3-fr01} or {@code collection-agency}
 * @param kind {@code customers}, {@code invoices}, {@code payments}, {@code credit-notes} or {@code open-orders}
 */
public record ColumnMapping(@Nullable String name, String kind, Map<String, String> columns,
        @Nullable Map<String, String> defaults) {

    public ColumnMapping {
        columns = columns == null ? Map.of() : new LinkedHashMap<>(columns);
        defaults = defaults == null ? Map.of() : new LinkedHashMap<>(defaults);
    }

    ColumnMapping named(String newName) {
        return new ColumnMapping(newName, kind, columns, defaults);
    }
}
