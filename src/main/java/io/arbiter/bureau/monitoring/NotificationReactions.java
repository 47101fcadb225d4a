package io.arbiter.bureau.monitoring;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.EventPublication;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.stereotype.Component;

import io.arbiter.bureau.InsolvencyReported;
import io.arbiter.bureau.SolvencyChanged;

/**
 * The reactions of other modules to a notification, as the outbox ({@code event_publication}) holds them: its
 * {@link SolvencyChanged}, and the {@link InsolvencyReported} of the company's refreshed report. A bureau that sends a
 * notification again is told it was processed only once they all succeeded.
 */
@Component
class NotificationReactions {

    private final JdbcClient jdbc;
    private final FailedEventPublications failed;

    NotificationReactions(JdbcClient jdbc, FailedEventPublications failed) {
        this.jdbc = jdbc;
        this.failed = failed;
    }

    /**
     * Runs again the failed reactions to this notification, at once; false when none failed (all done, or still
     * running: the notification is then a duplicate).
     */
    boolean retryFailed(String provider, String notificationId, String country, String company) {
        // The outbox stores each event as JSON of its record; the ones failed are few, so the containment test on the
        // failed rows costs little. Which rows is this module's business: they are its own events.
        int failures = jdbc.sql("""
                select count(*) from event_publication
                where status = 'FAILED' and completion_date is null
                  and (event_type = :changed and serialized_event::jsonb
                           @> jsonb_build_object('provider', :provider, 'notificationId', :notificationId)
                    or event_type = :insolvency and serialized_event::jsonb
                           @> jsonb_build_object('country', :country, 'registrationNumber', :company))
                """)
                .param("changed", SolvencyChanged.class.getName()).param("insolvency", InsolvencyReported.class.getName())
                .param("provider", provider).param("notificationId", notificationId).param("country", country)
                .param("company", company).query(Integer.class).single();
        if (failures == 0) {
            return false;
        }
        failed.resubmit(ResubmissionOptions.defaults().withBatchSize(10_000)
                .withFilter(publication -> concerns(publication, provider, notificationId, country, company)));
        return true;
    }

    private static boolean concerns(EventPublication publication, String provider, String notificationId, String country,
            String company) {
        return switch (publication.getEvent()) {
            case SolvencyChanged change -> change.provider().equals(provider) && change.notificationId().equals(notificationId);
            case InsolvencyReported insolvency -> insolvency.country().equals(country)
                    && insolvency.registrationNumber().equals(company);
            default -> false;
        };
    }
}
