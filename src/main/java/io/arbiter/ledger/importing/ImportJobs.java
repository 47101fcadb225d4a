package io.arbiter.ledger.importing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.arbiter.shared.Page;
import io.arbiter.shared.Paging;
import io.arbiter.shared.StoredJson;
import io.arbiter.shared.jobs.JobKind;
import io.arbiter.shared.jobs.JobRunner;
import io.arbiter.shared.jobs.JobRunners;
import tools.jackson.databind.json.JsonMapper;

/**
 * Import jobs, run one at a time by this instance's {@link JobRunner}. Progress is written in a transaction of its own,
 * so that a client sees it while the import's own transaction is still open.
 */
@Repository
class ImportJobs {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final StoredJson stored;
    private final JobRunner runner;

    ImportJobs(JdbcClient jdbc, JsonMapper json, StoredJson stored, JobRunners runners,
            LedgerImportProperties properties) {
        this.jdbc = jdbc;
        this.json = json;
        this.stored = stored;
        // A job left QUEUED or RUNNING by an instance that stopped wrote nothing: an import commits all or nothing.
        this.runner = runners.runner(new JobKind("ledger-import", "Ledger import", "ledger_import_job",
                List.of("QUEUED", "RUNNING"), "created_at", """
                        finished_at = now(),
                        message = 'Arbiter stopped while this import was ' || lower(state) || '; nothing was written. '
                                  || 'Send the file again.'""", properties.heartbeat(), 1));
    }

    JobRunner runner() {
        return runner;
    }

    void queue(UUID id, ImportRequest request) {
        jdbc.sql("""
                        insert into ledger_import_job (id, kind, source, mode, dry_run, file_name, state, created_by)
                        values (?, ?, ?, ?, ?, ?, 'QUEUED', ?)""")
                .params(id, request.kind().label(), request.source(), request.mode().name(), request.dryRun(),
                        request.fileName(), request.requestedBy())
                .update();
    }

    void start(UUID id) {
        runner.apart(() -> jdbc.sql("update ledger_import_job set state = 'RUNNING', started_at = now() where id = ?")
                .param(id).update());
    }

    void progress(UUID id, int percent, long rowsRead) {
        runner.apart(() -> jdbc.sql("update ledger_import_job set percent = ?, rows_read = ? where id = ?")
                .params(percent, rowsRead, id).update());
    }

    void finish(UUID id, ImportResult result) {
        runner.apart(() -> jdbc.sql("""
                        update ledger_import_job set state = ?, percent = 100, rows_read = ?, imported = ?, updated = ?,
                            unchanged = ?, settled = ?, customers_created = ?, customers_updated = ?, error_count = ?,
                            errors = ?::jsonb, preview = ?::jsonb, mapping = ?::jsonb, message = ?, flagged_count = ?,
                            flagged = ?::jsonb, finished_at = now()
                        where id = ?""")
                .params(result.succeeded() ? "SUCCEEDED" : "FAILED", result.rowsRead(), result.imported(), result.updated(),
                        result.unchanged(), result.settled(), result.customersCreated(), result.customersUpdated(),
                        result.errorCount(), json.writeValueAsString(result.errors()),
                        json.writeValueAsString(result.preview()),
                        result.mapping() == null ? null : json.writeValueAsString(result.mapping()), result.message(),
                        result.flaggedCount(), json.writeValueAsString(result.flagged()), id)
                .update());
    }

    Optional<ImportJob> find(UUID id) {
        return jdbc.sql("select * from ledger_import_job where id = ?").param(id).query(this::job).optional();
    }

    /** The import jobs newest first, {@code limit} at a time after the cursor's position. */
    Page<ImportJob> page(int limit, @Nullable String cursor) {
        String[] after = Paging.position(cursor, "imports", 2, parts -> {
            Instant.parse(parts[0]);
            UUID.fromString(parts[1]);
        });
        List<ImportJob> rows = after == null
                ? jdbc.sql("select * from ledger_import_job order by created_at desc, id desc limit ?").param(limit + 1)
                        .query(this::job).list()
                : jdbc.sql("select * from ledger_import_job where (created_at, id) < (?, ?)"
                        + " order by created_at desc, id desc limit ?")
                        .param(Timestamp.from(Instant.parse(after[0]))).param(UUID.fromString(after[1]))
                        .param(limit + 1).query(this::job).list();
        return Page.of(rows, limit, job -> Paging.cursor("imports", job.createdAt().toString(), job.id().toString()));
    }

    @SuppressWarnings("unchecked")
    private ImportJob job(ResultSet rs, int n) throws SQLException {
        String mapping = rs.getString("mapping");
        String preview = rs.getString("preview");
        return new ImportJob(rs.getObject("id", UUID.class), rs.getString("kind"), rs.getString("source"),
                ImportMode.valueOf(rs.getString("mode")), rs.getBoolean("dry_run"), rs.getString("file_name"),
                rs.getString("state"), rs.getInt("percent"), rs.getLong("rows_read"), rs.getLong("imported"),
                rs.getLong("updated"), rs.getLong("unchanged"), rs.getLong("settled"), rs.getLong("customers_created"),
                rs.getLong("customers_updated"), rs.getLong("error_count"),
                Arrays.asList(stored.read(rs.getString("errors"), ImportError[].class)),
                preview == null ? List.of() : (List<Map<String, Object>>) stored.read(preview, List.class),
                mapping == null ? null : stored.read(mapping, ColumnMapping.class), rs.getString("message"),
                instant(rs.getTimestamp("created_at")), instantOrNull(rs.getTimestamp("started_at")),
                instantOrNull(rs.getTimestamp("finished_at")), rs.getLong("flagged_count"),
                Arrays.asList(stored.read(rs.getString("flagged"), ImportError[].class)), rs.getString("created_by"));
    }

    private static java.time.Instant instant(Timestamp timestamp) {
        return timestamp.toInstant();
    }

    private static java.time.Instant instantOrNull(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
