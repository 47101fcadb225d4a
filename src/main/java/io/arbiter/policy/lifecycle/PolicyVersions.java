package io.arbiter.policy.lifecycle;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.arbiter.shared.Page;
import io.arbiter.shared.Paging;
import io.arbiter.shared.Sha256;
import tools.jackson.databind.json.JsonMapper;

import io.arbiter.policy.ScenarioResult;
import io.arbiter.policy.compile.PolicyFile;

/** The stored policy versions and their files. Files never change once stored; only a version's state moves on. */
@Repository
public class PolicyVersions {

    private static final String COLUMNS = """
            id, version, state, author, comment, created_at, approved_by, approved_at, published_by, published_at,
            effective_from, scheduled_by, scenarios::text""";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    PolicyVersions(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public void insert(UUID id, String version, PolicyVersion.State state, String author, String comment, Instant at,
            List<PolicyFile> files, List<ScenarioResult> scenarios) {
        boolean published = state == PolicyVersion.State.PUBLISHED;
        jdbc.sql("""
                insert into policy_version (id, version, state, author, comment, created_at, published_by, published_at,
                                            effective_from, scenarios)
                values (:id, :version, :state, :author, :comment, :at, :publishedBy, :publishedAt, :publishedAt,
                        cast(:scenarios as jsonb))
                """)
                .param("id", id).param("version", version).param("state", state.name()).param("author", author)
                .param("comment", comment).param("at", Timestamp.from(at))
                .param("publishedBy", published ? author : null).param("publishedAt", published ? Timestamp.from(at) : null)
                .param("scenarios", json.writeValueAsString(scenarios)).update();
        for (PolicyFile file : files) {
            jdbc.sql("insert into policy_version_file (version_id, name, content, sha256) values (:id, :name, :content, :sha)")
                    .param("id", id).param("name", file.name()).param("content", file.content())
                    .param("sha", Sha256.hex(file.content())).update();
        }
    }

    /** The versions newest first, {@code limit} at a time after the cursor's position. */
    Page<PolicyVersion> page(int limit, @Nullable String cursor) {
        String[] after = Paging.position(cursor, "versions", 2, parts -> {
            Instant.parse(parts[0]);
            UUID.fromString(parts[1]);
        });
        List<PolicyVersion> rows = jdbc.sql("select " + COLUMNS + " from policy_version"
                + (after == null ? "" : " where (created_at, id) < (:at, :id)")
                + " order by created_at desc, id desc limit :limit")
                .params(after == null ? Map.of("limit", limit + 1)
                        : Map.of("at", Timestamp.from(Instant.parse(after[0])), "id", UUID.fromString(after[1]),
                                "limit", limit + 1))
                .query(this::map).list();
        return Page.of(rows, limit, version -> Paging.cursor("versions", version.createdAt().toString(),
                version.id().toString()));
    }

    /**
     * The first stored version whose files are exactly these, byte for byte and by name: uploading them again is
     * answered with it rather than stored twice under the same content version.
     */
    Optional<UUID> withSameFiles(List<PolicyFile> files) {
        // The digest has a fixed width, so "digest:name" cannot be read two ways whatever the name holds.
        String[] signature = files.stream().map(file -> Sha256.hex(file.content()) + ":" + file.name()).sorted()
                .toArray(String[]::new);
        return jdbc.sql("""
                select v.id from policy_version v
                where (select array_agg(f.sha256 || ':' || f.name order by f.sha256 || ':' || f.name collate "C")
                       from policy_version_file f where f.version_id = v.id) = cast(:signature as text[])
                order by v.created_at, v.id limit 1""")
                .param("signature", signature).query(UUID.class).optional();
    }

    /** Removes a draft and its files; false when the version is not (or no longer) a draft. */
    boolean deleteDraft(UUID id) {
        if (jdbc.sql("select count(*) from policy_version where id = :id and state = 'DRAFT'").param("id", id)
                .query(Long.class).single() == 0) {
            return false;
        }
        jdbc.sql("delete from policy_version_file where version_id = :id").param("id", id).update();
        return jdbc.sql("delete from policy_version where id = :id and state = 'DRAFT'").param("id", id).update() == 1;
    }

    public Optional<PolicyVersion> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from policy_version where id = :id").param("id", id).query(this::map).optional();
    }

    /** Locks the version's row until the end of the transaction, so that two publishes or approvals do not interleave. */
    Optional<PolicyVersion> findForUpdate(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from policy_version where id = :id for update").param("id", id)
                .query(this::map).optional();
    }

    public boolean exists(String version) {
        return jdbc.sql("select count(*) from policy_version where version = :version").param("version", version)
                .query(Long.class).single() > 0;
    }

    public Optional<PolicyVersion> findPublished() {
        return jdbc.sql("select " + COLUMNS + " from policy_version where state = 'PUBLISHED'").query(this::map).optional();
    }

    public List<PolicyFile> files(UUID id) {
        return jdbc.sql("select name, content from policy_version_file where version_id = :id order by name")
                .param("id", id).query((rs, n) -> new PolicyFile(rs.getString(1), rs.getBytes(2))).list();
    }

    Optional<PolicyFile> file(UUID id, String name) {
        return jdbc.sql("select name, content from policy_version_file where version_id = :id and name = :name")
                .param("id", id).param("name", name).query((rs, n) -> new PolicyFile(rs.getString(1), rs.getBytes(2)))
                .optional();
    }

    void approve(UUID id, String by, Instant at) {
        jdbc.sql("update policy_version set state = 'APPROVED', approved_by = :by, approved_at = :at where id = :id")
                .param("id", id).param("by", by).param("at", Timestamp.from(at)).update();
    }

    /**
     * Makes this version the published one from now on; the one published until now becomes superseded. Under the
     * publication lock, so that two replicas publishing at once both succeed, the later one last.
     */
    void publish(UUID id, String by, Instant at) {
        lockPublication();
        supersedePublished();
        jdbc.sql("""
                update policy_version set state = 'PUBLISHED', published_by = :by, published_at = :at, effective_from = :at,
                       scheduled_by = null, state_before_scheduling = null
                where id = :id""")
                .param("id", id).param("by", by).param("at", Timestamp.from(at)).update();
    }

    /**
     * Schedules this version to be published at {@code effectiveFrom}; a version scheduled until now goes back to what
     * it was (approved or superseded).
     */
    void schedule(UUID id, String by, Instant effectiveFrom) {
        unscheduleAllBut(id);
        jdbc.sql("""
                update policy_version set state_before_scheduling = case when state = 'SCHEDULED' then state_before_scheduling
                                                                         else state end,
                       state = 'SCHEDULED', scheduled_by = :by, effective_from = :from
                where id = :id""")
                .param("id", id).param("by", by).param("from", Timestamp.from(effectiveFrom)).update();
    }

    /** Cancels the publication scheduled for this version: it goes back to what it was (approved or superseded). */
    void unschedule(UUID id) {
        revertScheduled("id = :id", id);
    }

    private void unscheduleAllBut(UUID id) {
        revertScheduled("id <> :id", id);
    }

    private void revertScheduled(String which, UUID id) {
        jdbc.sql("""
                update policy_version set state = state_before_scheduling, state_before_scheduling = null,
                       effective_from = case when state_before_scheduling = 'SUPERSEDED' then published_at end,
                       scheduled_by = null
                where state = 'SCHEDULED' and\s""" + which).param("id", id).update();
    }

    /** The ids of the last {@code count} versions approved and not published yet, the most recent first. */
    List<UUID> lastApproved(int count) {
        return jdbc.sql("select id from policy_version where state = 'APPROVED' order by approved_at desc, id limit :count")
                .param("count", count).query(UUID.class).list();
    }

    /** The versions published before the current one, last first: those a rollback returns to. */
    List<UUID> lastSuperseded(int count) {
        return jdbc.sql("select id from policy_version where state = 'SUPERSEDED' order by published_at desc nulls last, id"
                + " limit :count").param("count", count).query(UUID.class).list();
    }

    Optional<PolicyVersion> findScheduled() {
        return jdbc.sql("select " + COLUMNS + " from policy_version where state = 'SCHEDULED'").query(this::map).optional();
    }

    /** The scheduled version whose effective date has come, locked; empty when none, or when another replica holds it. */
    Optional<PolicyVersion> lockDueScheduled(Instant now) {
        return jdbc.sql("select " + COLUMNS + " from policy_version where state = 'SCHEDULED' and effective_from <= :now"
                + " for update skip locked").param("now", Timestamp.from(now)).query(this::map).optional();
    }

    /** Tells every replica, once this transaction commits, that the policy versions changed. */
    public void notifyReplicas(UUID id) {
        jdbc.sql("select pg_notify('" + PolicySync.CHANNEL + "', :id)").param("id", id.toString())
                .query((rs, n) -> 1).list();
    }

    /**
     * Serialises every change of which version is published, across replicas, until this transaction ends. Without it
     * two transactions that each saw no published version (two replicas starting on a new policy folder), or each
     * superseded the same one (two publishes on two replicas), both made one PUBLISHED, and the second failed on the
     * one-published index: a replica that did not start, or a 500. After the wait, read committed lets the next
     * statement see what the other committed. Keyed by schema, so that installations sharing a database (as test runs
     * do) never wait for each other.
     */
    public void lockPublication() {
        jdbc.sql("select pg_advisory_xact_lock(hashtext('arbiter.policy.publication:' || current_schema()))").query()
                .singleRow();
    }

    public void supersedePublished() {
        jdbc.sql("update policy_version set state = 'SUPERSEDED' where state = 'PUBLISHED'").update();
    }

    private PolicyVersion map(ResultSet rs, int row) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        List<PolicyVersion.StoredFile> files = jdbc
                .sql("select name, sha256 from policy_version_file where version_id = :id order by name").param("id", id)
                .query((f, n) -> new PolicyVersion.StoredFile(f.getString(1), f.getString(2))).list();
        return new PolicyVersion(id, rs.getString("version"), PolicyVersion.State.valueOf(rs.getString("state")),
                rs.getString("author"), rs.getString("comment"), instant(rs, "created_at"), rs.getString("approved_by"),
                instant(rs, "approved_at"), rs.getString("published_by"), instant(rs, "published_at"),
                instant(rs, "effective_from"), rs.getString("scheduled_by"), files,
                json.readTree(rs.getString("scenarios")), null);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
