package io.arbiter.decision.storage;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.arbiter.decision.DecisionProperties;

/**
 * Keeps the decision table's monthly partitions (V260): the coming months exist before their first decision, and the
 * months older than the retention leave the table, detached for archiving or dropped. Runs at start-up and daily; the
 * default partition catches a decision whose month is missing anyway, so none is ever refused.
 */
@Component
class DecisionPartitions {

    private static final Logger log = LoggerFactory.getLogger(DecisionPartitions.class);

    private final JdbcClient jdbc;
    private final DecisionProperties properties;
    private final Clock clock;
    private final TransactionTemplate transaction;

    DecisionPartitions(JdbcClient jdbc, DecisionProperties properties, Clock clock, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.properties = properties;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Scheduled(cron = "0 15 2 * * *")
    void maintain() {
        YearMonth now = YearMonth.now(clock.withZone(ZoneOffset.UTC));
        for (int i = 0; i <= properties.monthsAhead(); i++) {
            create(now.plusMonths(i));
        }
        if (properties.retention() != null) {
            expire(LocalDate.now(clock.withZone(ZoneOffset.UTC)).minus(properties.retention()));
        }
    }

    /** Creates the month's partition unless it exists; its name, {@code credit_decision_YYYY_MM}. */
    String create(YearMonth month) {
        // Replicas starting together on a new database both found the month missing and both created it: the second
        // failed to start on "already exists". Under this lock the second waits, then finds it.
        return transaction.execute(status -> {
            jdbc.sql("select pg_advisory_xact_lock(hashtext('arbiter.decision.partitions:' || current_schema()))").query()
                    .singleRow();
            return jdbc.sql("select credit_decision_month(:month)").param("month", month.atDay(1)).query(String.class)
                    .single();
        });
    }

    /**
     * Takes out of the decision table every month that ended before {@code cutoff}, with the request ids of its
     * decisions and the latest-decision rows naming them; returns the partitions taken out.
     */
    List<String> expire(LocalDate cutoff) {
        List<String> expired = new ArrayList<>();
        List<String> months = jdbc.sql("""
                select c.relname from pg_inherits i
                join pg_class c on c.oid = i.inhrelid join pg_class p on p.oid = i.inhparent
                join pg_namespace n on n.oid = p.relnamespace
                where p.relname = 'credit_decision' and n.nspname = current_schema()
                  and c.relname ~ '^credit_decision_[0-9]{4}_[0-9]{2}$'
                order by c.relname""").query(String.class).list();
        for (String partition : months) {
            YearMonth month = YearMonth.of(Integer.parseInt(partition.substring(16, 20)),
                    Integer.parseInt(partition.substring(21, 23)));
            if (!month.atEndOfMonth().isBefore(cutoff)) {
                continue;
            }
            // The month's request ids go with it, in the same transaction: the key table holds what the table holds.
            transaction.executeWithoutResult(status -> {
                jdbc.sql("delete from credit_decision_key k using " + partition + " d where k.request_id = d.request_id")
                        .update();
                // A company whose latest decision was this month's has none left in the table.
                jdbc.sql("delete from credit_decision_latest where decided_at >= :start and decided_at < :end")
                        .param("start", Timestamp.from(month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant()))
                        .param("end", Timestamp.from(month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant()))
                        .update();
                jdbc.sql("alter table credit_decision detach partition " + partition).update();
                if (properties.expired() == DecisionProperties.Expired.DROP) {
                    jdbc.sql("drop table " + partition).update();
                }
            });
            expired.add(partition);
            log.info("Decisions of {} {} (retention {})", month,
                    properties.expired() == DecisionProperties.Expired.DROP ? "dropped" : "detached for archiving as table " + partition,
                    properties.retention());
        }
        return expired;
    }
}
