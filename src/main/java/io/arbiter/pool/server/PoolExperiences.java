package io.arbiter.pool.server;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import io.arbiter.pool.protocol.Contribution;

/** The pool server's store of what members shared (tables {@code pool_*}, Flyway location {@code db/pool}). */
@Repository
@Profile("pool")
class PoolExperiences {

    private final JdbcClient jdbc;

    PoolExperiences(JdbcClient jdbc, PoolSchema schema) {
        this.jdbc = jdbc;
    }

    /** Replaces whatever {@code member} sent for {@code month} before. */
    @Transactional
    void replace(String member, YearMonth month, List<Contribution.Experience> experiences, Instant receivedAt) {
        LocalDate first = month.atDay(1);
        jdbc.sql("delete from pool_experience where member = ? and month = ?").params(member, first).update();
        for (Contribution.Experience experience : experiences) {
            jdbc.sql("""
                            insert into pool_experience (subject, member, month, amount_band, days_band, invoices)
                            values (?, ?, ?, ?, ?, ?)
                            on conflict (subject, member, month, amount_band, days_band)
                            do update set invoices = pool_experience.invoices + excluded.invoices""")
                    .params(experience.subject(), member, first, experience.amountBand(), experience.daysBeyondTermsBand(),
                            experience.invoices())
                    .update();
        }
        jdbc.sql("""
                        insert into pool_contribution (member, month, experiences, received_at) values (?, ?, ?, ?)
                        on conflict (member, month) do update set experiences = excluded.experiences,
                                                                  received_at = excluded.received_at""")
                .params(member, first, experiences.size(), Timestamp.from(receivedAt)).update();
    }

    int count(String member, YearMonth month) {
        return jdbc.sql("select count(*) from pool_experience where member = ? and month = ?")
                .params(member, month.atDay(1)).query(Integer.class).single();
    }

    boolean sharedSince(String member, Instant since) {
        return jdbc.sql("select exists (select 1 from pool_contribution where member = ? and received_at >= ? and experiences > 0)")
                .params(member, Timestamp.from(since)).query(Boolean.class).single();
    }

    /** Other members' rows on {@code subject} from {@code since} on, summed over amount bands. */
    List<Signals.Row> othersOn(String subject, String member, YearMonth since) {
        return jdbc.sql("""
                        select member, month, days_band, sum(invoices)::int from pool_experience
                        where subject = ? and month >= ? and member <> ?
                        group by member, month, days_band""")
                .params(subject, since.atDay(1), member)
                .query((rs, row) -> new Signals.Row(rs.getString(1), YearMonth.from(rs.getDate(2).toLocalDate()),
                        rs.getString(3), rs.getInt(4)))
                .list();
    }
}
