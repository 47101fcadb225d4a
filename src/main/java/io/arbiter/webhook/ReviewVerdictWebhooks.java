package io.arbiter.webhook;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import io.arbiter.decision.DecisionReviewed;
import io.arbiter.shared.Money;

/**
 * Queues a review verdict for the webhook of the order system that asked for the decision. This runs after the
 * verdict's transaction has committed, from the {@code event_publication} outbox (retried if it fails), and only queues:
 * the receiver is called by {@link WebhookDispatcher}, so a receiver that is down never holds up nor undoes a verdict.
 */
@Component
class ReviewVerdictWebhooks {

    static final String TYPE = "decision.reviewed";

    private static final Logger log = LoggerFactory.getLogger(ReviewVerdictWebhooks.class);

    private final WebhookQueue webhooks;

    ReviewVerdictWebhooks(WebhookQueue webhooks) {
        this.webhooks = webhooks;
    }

    /**
     * The body of a {@code decision.reviewed} event, as receivers get it.
     *
     * @param eventId the same on every attempt to deliver this event: a receiver ignores one it has seen already
     * @param occurredAt when the verdict was given
     * @param orderSystem the name of the API key that asked for the decision
     * @param amountApproved for {@code APPROVE_UP_TO}, the amount of the order approved; null otherwise
     * @param reviewer who gave the verdict (a person's username, or the name of the API key that sent it)
     */
    record Payload(UUID eventId, String type, Instant occurredAt, UUID decisionId, String requestId, String orderSystem,
            String registrationNumber, String verdict, @Nullable Money amountApproved, String reviewer,
            @Nullable String comment) {
    }

    @ApplicationModuleListener
    void on(DecisionReviewed event) {
        if (event.askedBy() == null) {
            return;
        }
        var review = event.review();
        Payload payload = new Payload(event.eventId(), TYPE, review.reviewedAt(), event.decisionId(), event.requestId(),
                event.askedBy(), event.registrationNumber(), review.verdict().name(), review.amount(),
                review.reviewedBy(), review.comment());
        if (webhooks.queue(event.eventId(), TYPE, event.askedBy(), event.decisionId(), payload)) {
            log.info("Verdict {} on decision {} queued for the webhook of {} (event {})", review.verdict(),
                    event.decisionId(), event.askedBy(), event.eventId());
        }
    }
}
