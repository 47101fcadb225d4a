package io.arbiter.limits.review;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.arbiter.limits.Company;

/**
 * Tasks asking a person to look at a company's limit again. Each cause opens one task once (a bureau event sent twice,
 * or the daily check seeing the same review date again, does not open a second).
 */
@Repository
public class ReviewTasks {

    /**
     * @param trigger {@code EXPIRING}, {@code INSOLVENCY}, {@code SCORE_DOWN} or {@code POOL_SIGNAL}
     * @param status {@code OPEN}, or {@code CLOSED} by a person with an outcome and a comment
     * @param closed who closed it, when, with which outcome and why; null while it is open
     */
    public record Task(long id, Company company, String trigger, String detail, Instant openedAt, String status,
            @Nullable Closing closed) {
    }

    /** @param outcome one of {@link TaskClosing#OUTCOMES} */
    public record Closing(String outcome, String comment, String by, Instant at) {
    }

    private static final String COLUMNS = "select id, registration_number, country, trigger, detail, opened_at, status,"
            + " outcome, comment, closed_by, closed_at from limit_review_task";

    private final JdbcClient jdbc;
    private final Clock clock;

    ReviewTasks(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Opens a task unless one was already opened for {@code dedupeKey}; true when this call opened it. */
    public boolean open(String country, String company, String registrationNumber, String trigger, String detail,
            String dedupeKey) {
        return jdbc.sql("""
                insert into limit_review_task (country, company, registration_number, trigger, detail, opened_at, status,
                    dedupe_key)
                values (?, ?, ?, ?, ?, ?, 'OPEN', ?) on conflict (dedupe_key) do nothing
                """).params(country, company, registrationNumber, trigger, detail, Timestamp.from(clock.instant()), dedupeKey)
                .update() == 1;
    }

    /** Open tasks, oldest first, after task {@code after}; only those of these company keys when not null. */
    public List<Task> open(long after, int limit, @Nullable List<String> companyKeys) {
        return jdbc.sql(COLUMNS + " where status = 'OPEN' and id > :after"
                        + (companyKeys == null ? "" : " and (country || ':' || company) = any(:keys)")
                        + " order by id limit :limit")
                .param("after", after).param("limit", limit)
                .param("keys", companyKeys == null ? new String[0] : companyKeys.toArray(String[]::new))
                .query(ReviewTasks::task).list();
    }

    public List<Task> of(String country, String company) {
        return jdbc.sql(COLUMNS + " where country = ? and company = ? order by id desc")
                .params(country, company).query(ReviewTasks::task).list();
    }

    public Optional<Task> find(long id) {
        return jdbc.sql(COLUMNS + " where id = ?").param(id).query(ReviewTasks::task).optional();
    }

    /** Closes an open task; false when it was not open (closed meanwhile by someone else). */
    boolean close(long id, Closing closing) {
        return jdbc.sql("""
                update limit_review_task set status = 'CLOSED', outcome = ?, comment = ?, closed_by = ?, closed_at = ?
                where id = ? and status = 'OPEN'
                """).params(closing.outcome(), closing.comment(), closing.by(), Timestamp.from(closing.at()), id)
                .update() == 1;
    }

    private static Task task(ResultSet rs, int row) throws SQLException {
        Timestamp closedAt = rs.getTimestamp(11);
        return new Task(rs.getLong(1), new Company(rs.getString(2), rs.getString(3)), rs.getString(4), rs.getString(5),
                rs.getTimestamp(6).toInstant(), rs.getString(7), closedAt == null ? null
                        : new Closing(rs.getString(8), rs.getString(9), rs.getString(10), closedAt.toInstant()));
    }
}
