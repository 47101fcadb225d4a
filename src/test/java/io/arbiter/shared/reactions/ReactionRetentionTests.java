package io.arbiter.shared.reactions;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.arbiter.ApiTest;

/**
 * The daily cleanup of the outbox deletes completed reactions past the retention (7 days) and nothing else: a
 * reaction not yet done, however old, stays until it has run.
 */
class ReactionRetentionTests extends ApiTest {

    @Autowired
    ReactionRetries retries;

    @Test
    void completed_reactions_past_the_retention_are_deleted_and_unfinished_ones_kept_whatever_their_age() {
        Instant now = Instant.now();
        UUID oldCompleted = reaction("COMPLETED", now.minus(Duration.ofDays(9)), now.minus(Duration.ofDays(8)));
        UUID recentCompleted = reaction("COMPLETED", now.minus(Duration.ofDays(2)), now.minus(Duration.ofDays(1)));
        UUID oldFailed = reaction("FAILED", now.minus(Duration.ofDays(30)), null);
        UUID oldProcessing = reaction("PROCESSING", now.minus(Duration.ofDays(30)), null);
        try {
            retries.deleteCompleted();

            List<UUID> left = jdbc.sql("select id from event_publication where id in (?, ?, ?, ?)")
                    .params(oldCompleted, recentCompleted, oldFailed, oldProcessing).query(UUID.class).list();
            assertThat(left).containsExactlyInAnyOrder(recentCompleted, oldFailed, oldProcessing);
        } finally {
            jdbc.sql("delete from event_publication where id in (?, ?, ?, ?)")
                    .params(oldCompleted, recentCompleted, oldFailed, oldProcessing).update();
        }
    }

    private UUID reaction(String status, Instant published, Instant completed) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into event_publication (id, listener_id, event_type, serialized_event, publication_date,
                    completion_date, status, completion_attempts, last_resubmission_date)
                values (?, 'io.arbiter.test.Listener.on(java.lang.String)', 'java.lang.String', '"retention test"', ?, ?,
                    ?, 1, ?)""")
                .params(id, Timestamp.from(published), completed == null ? null : Timestamp.from(completed), status,
                        Timestamp.from(published))
                .update();
        return id;
    }
}
