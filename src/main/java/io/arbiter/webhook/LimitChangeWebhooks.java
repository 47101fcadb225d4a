package io.arbiter.webhook;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import io.arbiter.limits.Company;
import io.arbiter.limits.CreditLimitChanged;
import io.arbiter.shared.Money;

/**
 * Queues a change of a standing limit for the webhook of the order system that asked for the limit: the result of its
 * request (granted, reduced, refused, or expired with nobody deciding), then the limit's suspension or expiry. As for review verdicts, this runs after
 * the change's transaction has committed, from the {@code event_publication} outbox, and only queues; the
 * {@link WebhookDispatcher} signs and sends. A limit asked for by a person is told through the API and the console.
 */
@Component
class LimitChangeWebhooks {

    static final String TYPE = "limit.changed";

    private static final Logger log = LoggerFactory.getLogger(LimitChangeWebhooks.class);

    private final WebhookQueue webhooks;

    LimitChangeWebhooks(WebhookQueue webhooks) {
        this.webhooks = webhooks;
    }

    /**
     * The body of a {@code limit.changed} event, as receivers get it.
     *
     * @param eventId the same on every attempt to deliver this event: a receiver ignores one it has seen already
     * @param occurredAt when the limit changed (or the request was refused)
     * @param change {@code GRANTED}, {@code CHANGED}, {@code SUSPENDED}, {@code EXPIRED}, {@code REFUSED} or
     *               {@code REQUEST_EXPIRED}
     * @param entity the supplier's legal entity whose limit it is
     * @param limit the standing limit after the change; null when a request closed without a change leaves the
     *              company without one
     * @param previousAmount the amount before the change, if there was a limit
     * @param changedBy who decided: the approvers, the bureau that reported insolvency, or {@code arbiter} for an expiry
     * @param reason why, in words: the request's justification, the refusal's comment, the bureau's report
     * @param request the order system's request the change answers, or the one the limit was granted by
     */
    record Payload(UUID eventId, String type, Instant occurredAt, String orderSystem, String change, String entity,
            Company company, @Nullable Limit limit, @Nullable Money previousAmount, String changedBy, String reason,
            Request request) {
    }

    /** @param status {@code ACTIVE}, {@code SUSPENDED} or {@code EXPIRED}; decisions use it only while active */
    record Limit(UUID id, Money amount, LocalDate validUntil, String status) {
    }

    /**
     * @param status the request's status: {@code APPROVED}, {@code REDUCED}, {@code REFUSED} or {@code EXPIRED}
     * @param decisionId the decision the order system asked the limit after
     */
    record Request(UUID id, Money requested, String status, UUID decisionId) {
    }

    @ApplicationModuleListener
    void on(CreditLimitChanged event) {
        CreditLimitChanged.Request request = event.request();
        // Only an order system's request names the decision it follows, and only an order system has a webhook.
        if (request == null || !"ORDER_SYSTEM".equals(request.requesterRole()) || request.decisionId() == null) {
            return;
        }
        String orderSystem = request.requestedBy();
        Limit limit = event.limitId() == null || event.amount() == null || event.validUntil() == null || event.status() == null
                ? null : new Limit(event.limitId(), event.amount(), event.validUntil(), event.status());
        Payload payload = new Payload(event.eventId(), TYPE, event.changedAt(), orderSystem, event.change(),
                event.entity(), event.company(), limit, event.previous(), event.changedBy(), event.reason(),
                new Request(request.id(), request.requested(), request.status(), request.decisionId()));
        if (webhooks.queue(event.eventId(), TYPE, orderSystem, request.decisionId(), payload)) {
            log.info("Limit change {} of {} ({}) queued for the webhook of {} (event {})", event.change(),
                    event.company().registrationNumber(), event.entity(), orderSystem, event.eventId());
        }
    }
}
