package io.arbiter.bureau.monitoring;

import java.util.List;
import java.util.Map;

import org.springframework.modulith.events.EventPublication;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.stereotype.Component;

import io.arbiter.bureau.InsolvencyReported;
import io.arbiter.bureau.SolvencyChanged;
import io.arbiter.shared.reactions.FailedReactions;

/**
 * The reactions of other modules to a notification, as the outbox ({@code event_publication}) holds them: its
 * {@link SolvencyChanged}, and the {@link InsolvencyReported} of the company's refreshed report. A bureau that sends a
 * notification again is told it was processed only once they all succeeded.
 */
@Component
class NotificationReactions {

    private final FailedReactions failed;
    private final FailedEventPublications publications;

    NotificationReactions(FailedReactions failed, FailedEventPublications publications) {
        this.failed = failed;
        this.publications = publications;
    }

    /**
     * Runs again the failed reactions to this notification, at once; false when none failed (all done, or still
     * running: the notification is then a duplicate).
     */
    boolean retryFailed(String provider, String notificationId, String country, String company) {
        // Which events concern a notification is this module's business: they are its own.
        int failures = failed.count(List.of(
                new FailedReactions.Events(SolvencyChanged.class, Map.of("provider", provider, "notificationId", notificationId)),
                new FailedReactions.Events(InsolvencyReported.class, Map.of("country", country, "registrationNumber", company))));
        if (failures == 0) {
            return false;
        }
        publications.resubmit(ResubmissionOptions.defaults().withBatchSize(10_000)
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
