package io.arbiter.webhook;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The webhook deliveries ({@code webhook_delivery}): what is to be sent, what was, and what keeps failing. */
@Repository
class WebhookDeliveries {

    private static final int MAX_ERROR = 500;

    private final JdbcClient jdbc;

    WebhookDeliveries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A delivery as an operator sees it. */
    record Delivery(UUID eventId, String eventType, String orderSystem, UUID decisionId, Instant createdAt, String status,
            int attempts, @Nullable Instant nextAttemptAt, @Nullable Instant lastAttemptAt, @Nullable String lastError,
            @Nullable Instant deliveredAt) {
    }

    /** A delivery taken for one attempt: what to send, and to whom. */
    record Due(UUID eventId, String eventType, String orderSystem, String payload, int attempts, Instant createdAt) {
    }

    /**
     * Queues the event for its order system, due now; false when it is queued already (the reaction that queues it ran
     * again), which leaves the first one as it is.
     */
    boolean enqueue(UUID eventId, String eventType, String orderSystem, UUID decisionId, String payload, Instant now) {
        return jdbc.sql("""
                insert into webhook_delivery (event_id, event_type, order_system, decision_id, payload, created_at, status,
                                              next_attempt_at)
                values (:id, :type, :system, :decision, :payload, :now, 'PENDING', :now)
                on conflict (event_id) do nothing""")
                .param("id", eventId).param("type", eventType).param("system", orderSystem).param("decision", decisionId)
                .param("payload", payload).param("now", Timestamp.from(now))
                .update() == 1;
    }

    /**
     * Takes the pending delivery due longest ago, if any, for one attempt: its next attempt is moved past {@code lease}
     * first, so that no other instance takes it meanwhile, and one that stopped mid-attempt leaves it to be taken again.
     */
    Optional<Due> takeDue(Instant now, Duration lease) {
        return jdbc.sql("""
                update webhook_delivery set next_attempt_at = :leaseEnd
                where event_id = (select event_id from webhook_delivery
                                  where status = 'PENDING' and next_attempt_at <= :now
                                  order by next_attempt_at limit 1 for update skip locked)
                returning event_id, event_type, order_system, payload, attempts, created_at""")
                .param("now", Timestamp.from(now)).param("leaseEnd", Timestamp.from(now.plus(lease)))
                .query((rs, n) -> new Due(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getInt(5), rs.getTimestamp(6).toInstant()))
                .optional();
    }

    void delivered(UUID eventId, Instant at) {
        jdbc.sql("""
                update webhook_delivery set status = 'DELIVERED', attempts = attempts + 1, last_attempt_at = :at,
                       delivered_at = :at, next_attempt_at = null
                where event_id = :id""")
                .param("id", eventId).param("at", Timestamp.from(at)).update();
    }

    /** Records a failed attempt; {@code next} null gives the delivery up. */
    void failed(UUID eventId, Instant at, String error, @Nullable Instant next) {
        jdbc.sql("""
                update webhook_delivery set status = :status, attempts = attempts + 1, last_attempt_at = :at,
                       last_error = :error, next_attempt_at = :next
                where event_id = :id""")
                .param("id", eventId).param("at", Timestamp.from(at))
                .param("status", next == null ? "FAILED" : "PENDING")
                .param("error", error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error)
                .param("next", next == null ? null : Timestamp.from(next)).update();
    }

    /** Makes a failed or pending delivery due now; false when there is none such (unknown, or delivered). */
    boolean retryNow(UUID eventId, Instant now) {
        return jdbc.sql("""
                update webhook_delivery set status = 'PENDING', next_attempt_at = :now
                where event_id = :id and status in ('PENDING', 'FAILED')""")
                .param("id", eventId).param("now", Timestamp.from(now)).update() == 1;
    }

    Optional<Delivery> find(UUID eventId) {
        return jdbc.sql(SELECT + " where event_id = :id").param("id", eventId).query((rs, n) -> delivery(rs)).optional();
    }

    /**
     * The deliveries in a status (all when null), most recent first, from after {@code (createdAt, eventId)} when
     * given (the last of the previous page).
     */
    List<Delivery> list(@Nullable String status, @Nullable Instant afterCreatedAt, @Nullable UUID afterEventId, int limit) {
        List<String> where = new java.util.ArrayList<>();
        Map<String, Object> params = new HashMap<>(Map.of("limit", limit));
        if (status != null) {
            where.add("status = :status");
            params.put("status", status);
        }
        if (afterCreatedAt != null && afterEventId != null) {
            where.add("(created_at, event_id) < (:after, :afterId)");
            params.put("after", Timestamp.from(afterCreatedAt));
            params.put("afterId", afterEventId);
        }
        return jdbc.sql(SELECT + (where.isEmpty() ? "" : " where " + String.join(" and ", where))
                        + " order by created_at desc, event_id desc limit :limit")
                .params(params).query((rs, n) -> delivery(rs)).list();
    }

    /** How many deliveries wait to be delivered, and since when the oldest does (null when none waits). */
    record Backlog(long count, @Nullable Instant oldest) {
    }

    Backlog backlog() {
        return jdbc.sql("select count(*), min(created_at) from webhook_delivery where status = 'PENDING'")
                .query((rs, n) -> new Backlog(rs.getLong(1),
                        rs.getTimestamp(2) == null ? null : rs.getTimestamp(2).toInstant()))
                .single();
    }

    int deleteDeliveredBefore(Instant cutoff) {
        return jdbc.sql("delete from webhook_delivery where status = 'DELIVERED' and delivered_at < :cutoff")
                .param("cutoff", Timestamp.from(cutoff)).update();
    }

    private static final String SELECT = """
            select event_id, event_type, order_system, decision_id, created_at, status, attempts, next_attempt_at,
                   last_attempt_at, last_error, delivered_at
            from webhook_delivery""";

    private static Delivery delivery(ResultSet rs) throws SQLException {
        return new Delivery(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getObject(4, UUID.class),
                rs.getTimestamp(5).toInstant(), rs.getString(6), rs.getInt(7), instant(rs.getTimestamp(8)),
                instant(rs.getTimestamp(9)), rs.getString(10), instant(rs.getTimestamp(11)));
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
