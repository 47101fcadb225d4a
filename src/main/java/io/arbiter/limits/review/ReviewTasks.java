package io.arbiter.limits.review;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

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

    /** @param trigger {@code EXPIRING}, {@code INSOLVENCY}, {@code SCORE_DOWN} or {@code POOL_SIGNAL} */
    public record Task(long id, Company company, String trigger, String detail, Instant openedAt, String status) {
    }

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
        return jdbc.sql("select id, registration_number, country, trigger, detail, opened_at, status from limit_review_task"
                        + " where status = 'OPEN' and id > :after"
                        + (companyKeys == null ? "" : " and (country || ':' || company) = any(:keys)")
                        + " order by id limit :limit")
                .param("after", after).param("limit", limit)
                .param("keys", companyKeys == null ? new String[0] : companyKeys.toArray(String[]::new))
                .query((rs, n) -> new Task(rs.getLong(1), new Company(rs.getString(2), rs.getString(3)), rs.getString(4),
                        rs.getString(5), rs.getTimestamp(6).toInstant(), rs.getString(7))).list();
    }

    public List<Task> of(String country, String company) {
        return jdbc.sql("select id, registration_number, country, trigger, detail, opened_at, status from limit_review_task"
                        + " where country = ? and company = ? order by id desc")
                .params(country, company)
                .query((rs, n) -> new Task(rs.getLong(1), new Company(rs.getString(2), rs.getString(3)), rs.getString(4),
                        rs.getString(5), rs.getTimestamp(6).toInstant(), rs.getString(7))).list();
    }
}
