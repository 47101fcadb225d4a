package io.arbiter.bureau;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.arbiter.shared.ProblemException;
import io.arbiter.shared.RegistrationNumbers;
import io.arbiter.shared.StoredJson;
import tools.jackson.databind.json.JsonMapper;

/**
 * Receives bureau monitoring notifications: records each once, refreshes the company's report past the cache, and
 * tells the other features what changed ({@link SolvencyChanged}; the refreshed report's snapshot announces
 * {@link InsolvencyReported} when it says so, changed or not).
 */
@Service
class MonitoringNotifications {

    /**
     * What a notification led to; {@code duplicate} when it had been received before and nothing was done again;
     * {@code ignored} says why it was recorded without effect (no bureau knows the company), null when it had one.
     */
    record Outcome(String provider, String notificationId, boolean duplicate, Instant receivedAt,
            SolvencyChanged.@Nullable Standing previous, SolvencyChanged.@Nullable Standing current, @Nullable String reportId,
            @Nullable String ignored) {
    }

    private final SolvencyService solvency;
    private final SolvencySnapshots snapshots;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final StoredJson stored;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TransactionTemplate transaction;

    MonitoringNotifications(SolvencyService solvency, SolvencySnapshots snapshots, JdbcClient jdbc, JsonMapper json, StoredJson stored,
            ApplicationEventPublisher events, Clock clock, PlatformTransactionManager transactions) {
        this.solvency = solvency;
        this.snapshots = snapshots;
        this.jdbc = jdbc;
        this.json = json;
        this.stored = stored;
        this.events = events;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
    }

    Outcome receive(BureauNotification notification) {
        String company = RegistrationNumbers.normalise(notification.country(), notification.registrationNumber(),
                "registrationNumber").company();
        Instant receivedAt = clock.instant();
        boolean first = jdbc.sql("""
                insert into bureau_notification (provider, notification_id, company_key, type, received_at, notification)
                values (:provider, :id, :companyKey, :type, :receivedAt, cast(:notification as jsonb))
                on conflict (provider, notification_id) do nothing
                """)
                .param("provider", notification.provider()).param("id", notification.notificationId())
                .param("companyKey", notification.country() + ":" + company).param("type", notification.type().name())
                .param("receivedAt", Timestamp.from(receivedAt))
                .param("notification", json.writeValueAsString(notification)).update() == 1;
        if (!first) {
            return stored(notification);
        }
        Optional<SolvencyReport> before = snapshots.latest(notification.country() + ":" + company);
        SolvencyLookup lookup = solvency.refresh(company, notification.country());
        if (lookup.status() == SolvencyLookup.Status.NOT_FOUND || lookup.status() == SolvencyLookup.Status.NONE) {
            // Answering an error would have the bureau send it again for ever: recorded, and said to be ignored
            String why = "no bureau configured for " + notification.country() + " knows company " + company
                    + ": nothing to refresh";
            jdbc.sql("update bureau_notification set ignored = :why where provider = :provider and notification_id = :id")
                    .param("why", why).param("provider", notification.provider()).param("id", notification.notificationId())
                    .update();
            return new Outcome(notification.provider(), notification.notificationId(), false, receivedAt, null, null,
                    null, why);
        }
        if (lookup.source() != SolvencyLookup.Source.PROVIDER) {
            jdbc.sql("delete from bureau_notification where provider = :provider and notification_id = :id")
                    .param("provider", notification.provider()).param("id", notification.notificationId()).update();
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "bureau-unavailable", "Bureau unavailable",
                    "No bureau could give a fresh report on " + company + " (" + String.join(", ", lookup.unavailable())
                            + "); the notification was not recorded, send it again later");
        }
        SolvencyReport report = lookup.report().orElseThrow();
        var previous = before.map(SolvencyChanged.Standing::of).orElse(null);
        var current = SolvencyChanged.Standing.of(report);
        // Recorded and announced in one transaction: listeners of other modules (@ApplicationModuleListener) run once
        // it has committed.
        transaction.executeWithoutResult(status -> {
            jdbc.sql("""
                    update bureau_notification set report_id = :reportId, previous = cast(:previous as jsonb),
                           current_standing = cast(:current as jsonb)
                    where provider = :provider and notification_id = :id
                    """)
                    .param("reportId", report.reportId()).param("previous", json.writeValueAsString(previous))
                    .param("current", json.writeValueAsString(current))
                    .param("provider", notification.provider()).param("id", notification.notificationId()).update();
            events.publishEvent(new SolvencyChanged(company, notification.country(), notification.provider(),
                    notification.notificationId(), receivedAt, previous, current, report));
        });
        return new Outcome(notification.provider(), notification.notificationId(), false, receivedAt, previous, current,
                report.reportId(), null);
    }

    private Outcome stored(BureauNotification notification) {
        return jdbc.sql("""
                select received_at, previous::text, current_standing::text, report_id, ignored from bureau_notification
                where provider = :provider and notification_id = :id
                """)
                .param("provider", notification.provider()).param("id", notification.notificationId())
                .query((rs, n) -> new Outcome(notification.provider(), notification.notificationId(), true,
                        rs.getTimestamp(1).toInstant(), standing(rs.getString(2)), standing(rs.getString(3)), rs.getString(4),
                        rs.getString(5)))
                .single();
    }

    private SolvencyChanged.@Nullable Standing standing(@Nullable String text) {
        return text == null ? null : stored.read(text, SolvencyChanged.Standing.class);
    }
}
