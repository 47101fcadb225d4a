package io.arbiter.bureau.monitoring;

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

import io.arbiter.bureau.InsolvencyReported;
import io.arbiter.bureau.SolvencyChanged;
import io.arbiter.bureau.SolvencyLookup;
import io.arbiter.bureau.SolvencyReport;
import io.arbiter.bureau.SolvencyService;
import io.arbiter.bureau.SolvencySnapshots;

/**
 * Receives bureau monitoring notifications: records each once, refreshes the company's report past the cache, and
 * tells the other features what changed ({@link SolvencyChanged}; the refreshed report's snapshot announces
 * {@link InsolvencyReported} when it says so, changed or not).
 */
@Service
public class MonitoringNotifications {

    /**
     * What a notification led to; {@code duplicate} when it had been received before and nothing was done again;
     * {@code ignored} says why it was recorded without effect (no bureau knows the company), null when it had one.
     */
    public record Outcome(String provider, String notificationId, boolean duplicate, Instant receivedAt,
            SolvencyChanged.@Nullable Standing previous, SolvencyChanged.@Nullable Standing current, @Nullable String reportId,
            @Nullable String ignored) {

        /** A notification received before whose failed reactions were run again: not a duplicate to the bureau. */
        Outcome processedAgain() {
            return new Outcome(provider, notificationId, false, receivedAt, previous, current, reportId, ignored);
        }
    }

    private final SolvencyService solvency;
    private final SolvencySnapshots snapshots;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final StoredJson stored;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final NotificationReactions reactions;

    MonitoringNotifications(SolvencyService solvency, SolvencySnapshots snapshots, JdbcClient jdbc, JsonMapper json, StoredJson stored,
            ApplicationEventPublisher events, Clock clock, PlatformTransactionManager transactions,
            NotificationReactions reactions) {
        this.solvency = solvency;
        this.snapshots = snapshots;
        this.jdbc = jdbc;
        this.json = json;
        this.stored = stored;
        this.events = events;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
        this.reactions = reactions;
    }

    /**
     * Records the notification and the publication of its reactions in one transaction, after the report was
     * refreshed: a notification that failed before that is not recorded, and its redelivery is processed as new. One
     * recorded whose reactions failed is processed again when it comes back (its failed reactions run again at once,
     * without waiting for the retry); one whose reactions succeeded, or are still running, is a duplicate.
     */
    public Outcome receive(BureauNotification notification) {
        String company = RegistrationNumbers.normalise(notification.country(), notification.registrationNumber(),
                "registrationNumber").company();
        Optional<Outcome> known = stored(notification);
        if (known.isPresent()) {
            return reactions.retryFailed(notification.provider(), notification.notificationId(), notification.country(),
                    company) ? known.get().processedAgain() : known.get();
        }
        Optional<SolvencyReport> before = snapshots.latest(notification.country() + ":" + company);
        SolvencyLookup lookup = solvency.refresh(company, notification.country());
        Instant receivedAt = clock.instant();
        if (lookup.status() == SolvencyLookup.Status.NOT_FOUND || lookup.status() == SolvencyLookup.Status.NONE) {
            // Answering an error would have the bureau send it again for ever: recorded, and said to be ignored
            String why = "no bureau configured for " + notification.country() + " knows company " + company
                    + ": nothing to refresh";
            if (!record(notification, company, receivedAt, null, null, null, why)) {
                return stored(notification).orElseThrow();
            }
            return new Outcome(notification.provider(), notification.notificationId(), false, receivedAt, null, null,
                    null, why);
        }
        if (lookup.source() != SolvencyLookup.Source.PROVIDER) {
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "bureau-unavailable", "Bureau unavailable",
                    "No bureau could give a fresh report on " + company + " (" + String.join(", ", lookup.unavailable())
                            + "); the notification was not recorded, send it again later");
        }
        SolvencyReport report = lookup.report().orElseThrow();
        var previous = before.map(SolvencyChanged.Standing::of).orElse(null);
        var current = SolvencyChanged.Standing.of(report);
        // Recorded and announced in one transaction: the other modules' listeners (@ApplicationModuleListener) are
        // stored in event_publication with it, and run once it has committed. The insolvency the refreshed report may
        // announce was stored with the report, before this (SolvencySnapshots).
        boolean first = Boolean.TRUE.equals(transaction.execute(status -> {
            if (!record(notification, company, receivedAt, report.reportId(), previous, current, null)) {
                return false;
            }
            events.publishEvent(new SolvencyChanged(company, notification.country(), notification.provider(),
                    notification.notificationId(), receivedAt, previous, current, report));
            return true;
        }));
        if (!first) {
            // The same notification, delivered twice at once: the other delivery recorded it
            return stored(notification).orElseThrow();
        }
        return new Outcome(notification.provider(), notification.notificationId(), false, receivedAt, previous, current,
                report.reportId(), null);
    }

    /** Records the notification unless it is already; false when it was. */
    private boolean record(BureauNotification notification, String company, Instant receivedAt, @Nullable String reportId,
            SolvencyChanged.@Nullable Standing previous, SolvencyChanged.@Nullable Standing current, @Nullable String ignored) {
        return jdbc.sql("""
                insert into bureau_notification (provider, notification_id, company_key, type, received_at, notification,
                    report_id, previous, current_standing, ignored)
                values (:provider, :id, :companyKey, :type, :receivedAt, cast(:notification as jsonb), :reportId,
                    cast(:previous as jsonb), cast(:current as jsonb), :ignored)
                on conflict (provider, notification_id) do nothing
                """)
                .param("provider", notification.provider()).param("id", notification.notificationId())
                .param("companyKey", notification.country() + ":" + company).param("type", notification.type().name())
                .param("receivedAt", Timestamp.from(receivedAt))
                .param("notification", json.writeValueAsString(notification)).param("reportId", reportId)
                .param("previous", previous == null ? null : json.writeValueAsString(previous))
                .param("current", current == null ? null : json.writeValueAsString(current))
                .param("ignored", ignored).update() == 1;
    }

    private Optional<Outcome> stored(BureauNotification notification) {
        return jdbc.sql("""
                select received_at, previous::text, current_standing::text, report_id, ignored from bureau_notification
                where provider = :provider and notification_id = :id
                """)
                .param("provider", notification.provider()).param("id", notification.notificationId())
                .query((rs, n) -> new Outcome(notification.provider(), notification.notificationId(), true,
                        rs.getTimestamp(1).toInstant(), standing(rs.getString(2)), standing(rs.getString(3)), rs.getString(4),
                        rs.getString(5)))
                .optional();
    }

    private SolvencyChanged.@Nullable Standing standing(@Nullable String text) {
        return text == null ? null : stored.read(text, SolvencyChanged.Standing.class);
    }
}
