package io.arbiter.simulation.replay;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.arbiter.shared.jobs.JobKind;
import io.arbiter.shared.jobs.JobRunner;
import io.arbiter.shared.jobs.JobRunners;
import io.arbiter.simulation.SimulationProperties;
import io.arbiter.simulation.SimulationState;
import tools.jackson.databind.json.JsonMapper;

/**
 * The simulation jobs and the decisions each found changed. Every write commits on its own (a new transaction), so that
 * progress is visible to other requests and replicas while the job still streams its population in a read transaction.
 */
@Repository
public class Simulations {

    /** A job as stored. */
    public record Job(UUID id, UUID versionId, String candidate, String baseline, String currency, String population,
            String requestedBy, SimulationState state, boolean cancelRequested, long total, long processed, long changed,
            Instant startedAt, Instant updatedAt, @Nullable Instant finishedAt, @Nullable String summary,
            @Nullable String error) {
    }

    /** A changed decision as stored; reasons are JSON arrays. */
    public record ChangeRow(long seq, @Nullable UUID decisionId, String registrationNumber, @Nullable String decidedWith,
            String oldOutcome, String newOutcome, BigDecimal oldLimit, BigDecimal newLimit, String oldSegment,
            String newSegment, @Nullable String oldClass, @Nullable String newClass, String oldReasons, String newReasons) {
    }

    private static final String CHANGE_COLUMNS = """
            seq, decision_id, registration_number, decided_with, old_outcome, new_outcome, old_limit, new_limit,
            old_segment, new_segment, old_class, new_class, old_reasons::text, new_reasons::text""";

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final JobRunner runner;
    private final TransactionTemplate readOnly;
    private final JsonMapper json;

    Simulations(JdbcClient jdbc, DataSource dataSource, PlatformTransactionManager transactions, JsonMapper json,
            JobRunners runners, SimulationProperties properties) {
        this.jdbc = jdbc;
        this.template = new JdbcTemplate(dataSource);
        this.runner = runners.runner(new JobKind("simulation", "Simulation", "policy_simulation", List.of("RUNNING"),
                "started_at", "updated_at = :at, finished_at = :at,"
                        + " error = 'Arbiter stopped while this simulation ran; start it again.'",
                properties.heartbeat(), Math.max(1, properties.concurrentJobs())));
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.json = json;
    }

    /** Runs the simulations, keeps them alive while they run, and deletes the oldest finished ones. */
    public JobRunner runner() {
        return runner;
    }

    public void insert(UUID id, UUID versionId, String candidate, String baseline, String currency, String population,
            String requestedBy, Instant at) {
        runner.apart(() -> jdbc.sql("""
                insert into policy_simulation (id, version_id, candidate, baseline, currency, population, requested_by,
                                               state, started_at, updated_at)
                values (:id, :versionId, :candidate, :baseline, :currency, cast(:population as jsonb), :by, 'RUNNING',
                        :at, :at)""")
                .param("id", id).param("versionId", versionId).param("candidate", candidate).param("baseline", baseline)
                .param("currency", currency).param("population", population).param("by", requestedBy)
                .param("at", Timestamp.from(at)).update());
    }

    void started(UUID id, String candidate, long total, Instant at) {
        runner.apart(() -> jdbc.sql("""
                update policy_simulation set candidate = :candidate, total = :total, started_at = :at, updated_at = :at
                where id = :id""").param("id", id).param("candidate", candidate).param("total", total)
                .param("at", Timestamp.from(at)).update());
    }

    /** Stores the changes found since the last call and the progress; true when someone asked to cancel. */
    boolean progress(UUID id, long processed, long changed, long firstSeq, List<Replay.Change> changes, Instant at) {
        return Boolean.TRUE.equals(runner.apart(() -> {
            if (!changes.isEmpty()) {
                template.batchUpdate("""
                        insert into policy_simulation_change (simulation_id, seq, decision_id, registration_number,
                            decided_with, old_outcome, new_outcome, old_limit, new_limit, old_segment, new_segment,
                            old_class, new_class, old_reasons, new_reasons)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), cast(? as jsonb))""",
                        new BatchPreparedStatementSetter() {
                            @Override
                            public void setValues(PreparedStatement ps, int index) throws SQLException {
                                Replay.Change change = changes.get(index);
                                ps.setObject(1, id);
                                ps.setLong(2, firstSeq + index);
                                ps.setObject(3, change.decisionId());
                                ps.setString(4, change.registrationNumber());
                                ps.setString(5, change.decidedWith());
                                ps.setString(6, change.before().outcome().name());
                                ps.setString(7, change.after().outcome().name());
                                ps.setBigDecimal(8, change.before().limit());
                                ps.setBigDecimal(9, change.after().limit());
                                ps.setString(10, change.before().segment());
                                ps.setString(11, change.after().segment());
                                ps.setString(12, change.before().riskClass());
                                ps.setString(13, change.after().riskClass());
                                ps.setString(14, change.before().reasonsJson(json));
                                ps.setString(15, change.after().reasonsJson(json));
                            }

                            @Override
                            public int getBatchSize() {
                                return changes.size();
                            }
                        });
            }
            return jdbc.sql("""
                    update policy_simulation set processed = :processed, changed = :changed, updated_at = :at
                    where id = :id returning cancel_requested""")
                    .param("id", id).param("processed", processed).param("changed", changed)
                    .param("at", Timestamp.from(at)).query(Boolean.class).single();
        }));
    }

    void finish(UUID id, SimulationState state, @Nullable String summary, @Nullable String error, Instant at) {
        runner.apart(() -> jdbc.sql("""
                update policy_simulation set state = :state, summary = cast(:summary as jsonb), error = :error,
                       updated_at = :at, finished_at = :at
                where id = :id""").param("id", id).param("state", state.name()).param("summary", summary)
                .param("error", error).param("at", Timestamp.from(at)).update());
    }

    /** Asks a running job to stop at its next batch; false when it is not running. */
    public boolean requestCancel(UUID id) {
        return runner.apart(() -> jdbc.sql(
                "update policy_simulation set cancel_requested = true where id = :id and state = 'RUNNING'")
                .param("id", id).update()) == 1;
    }

    public Optional<Job> find(UUID versionId, UUID id) {
        return jdbc.sql("""
                select id, version_id, candidate, baseline, currency, population::text, requested_by, state,
                       cancel_requested, total, processed, changed, started_at, updated_at, finished_at, summary::text, error
                from policy_simulation where id = :id and version_id = :versionId""")
                .param("id", id).param("versionId", versionId).query(Simulations::job).optional();
    }

    /** The most recent simulation of a version, the one its page shows. */
    public Optional<UUID> latest(UUID versionId) {
        return jdbc.sql("select id from policy_simulation where version_id = :versionId order by started_at desc limit 1")
                .param("versionId", versionId).query(UUID.class).optional();
    }

    public List<ChangeRow> firstChanges(UUID id, int limit) {
        return changes(id, 0, limit);
    }

    /** A page of the changes in the order found; {@code seq} numbers them from 0 without gaps. */
    public List<ChangeRow> changes(UUID id, long offset, int limit) {
        return jdbc.sql("select " + CHANGE_COLUMNS + " from policy_simulation_change where simulation_id = :id"
                + " and seq >= :offset order by seq limit :limit").param("id", id).param("offset", offset)
                .param("limit", limit).query(Simulations::change).list();
    }

    /** Streams every change of a job in the order found, {@code fetchSize} rows per round trip. */
    public void forEachChange(UUID id, int fetchSize, Consumer<ChangeRow> each) {
        readOnly.executeWithoutResult(status -> template.query(connection -> {
            var statement = connection.prepareStatement("select " + CHANGE_COLUMNS
                    + " from policy_simulation_change where simulation_id = ? order by seq");
            statement.setFetchSize(fetchSize);
            statement.setObject(1, id);
            return statement;
        }, rs -> {
            each.accept(change(rs, 0));
        }));
    }

    private static Job job(ResultSet rs, int row) throws SQLException {
        return new Job(rs.getObject("id", UUID.class), rs.getObject("version_id", UUID.class), rs.getString("candidate"),
                rs.getString("baseline"), rs.getString("currency"), rs.getString("population"),
                rs.getString("requested_by"), SimulationState.valueOf(rs.getString("state")), rs.getBoolean("cancel_requested"),
                rs.getLong("total"), rs.getLong("processed"), rs.getLong("changed"), instant(rs, "started_at"),
                instant(rs, "updated_at"), instant(rs, "finished_at"), rs.getString("summary"), rs.getString("error"));
    }

    private static ChangeRow change(ResultSet rs, int row) throws SQLException {
        return new ChangeRow(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getBigDecimal(7), rs.getBigDecimal(8), rs.getString(9),
                rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13), rs.getString(14));
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
