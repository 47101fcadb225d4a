package io.arbiter.ledger.importing;

import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.arbiter.shared.Page;
import io.arbiter.shared.Paging;
import io.arbiter.shared.StoredJson;
import tools.jackson.databind.json.JsonMapper;

/** Saved column mappings, one per source. */
@Repository
class ImportMappings {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final StoredJson stored;

    ImportMappings(JdbcClient jdbc, JsonMapper json, StoredJson stored) {
        this.jdbc = jdbc;
        this.json = json;
        this.stored = stored;
    }

    Optional<ColumnMapping> find(String name) {
        return jdbc.sql("select definition::text from ledger_import_mapping where name = ?").param(name)
                .query(String.class).optional().map(text -> stored.read(text, ColumnMapping.class).named(name));
    }

    /** The saved mappings by name, {@code limit} at a time after the cursor's name. */
    Page<ColumnMapping> page(int limit, @Nullable String cursor) {
        String[] after = Paging.position(cursor, "mappings", 1, parts -> {
        });
        List<ColumnMapping> rows = jdbc.sql("select name, definition::text from ledger_import_mapping"
                + " where name collate \"C\" > ? order by name collate \"C\" limit ?")
                .params(after == null ? "" : after[0], limit + 1)
                .query((rs, n) -> stored.read(rs.getString(2), ColumnMapping.class).named(rs.getString(1))).list();
        return Page.of(rows, limit, mapping -> Paging.cursor("mappings", mapping.name()));
    }

    void save(ColumnMapping mapping, String by) {
        jdbc.sql("""
                        insert into ledger_import_mapping (name, kind, definition, updated_by) values (?, ?, ?::jsonb, ?)
                        on conflict (name) do update set kind = excluded.kind, definition = excluded.definition,
                            updated_by = excluded.updated_by, updated_at = now()""")
                .params(mapping.name(), mapping.kind(), json.writeValueAsString(mapping), by).update();
    }
}
