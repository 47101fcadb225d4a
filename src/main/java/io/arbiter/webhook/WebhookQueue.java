package io.arbiter.webhook;

import java.time.Clock;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * Where an event's listener hands a payload over for an order system's webhook: only an order system with a configured
 * webhook gets one, and the payload is written once, as the receiver will read it, into the outbox the
 * {@link WebhookDispatcher} signs and sends from.
 */
@Component
class WebhookQueue {

    private static final Logger log = LoggerFactory.getLogger(WebhookQueue.class);

    private final WebhookProperties properties;
    private final WebhookDeliveries deliveries;
    private final JsonMapper json;
    private final Clock clock;

    WebhookQueue(WebhookProperties properties, WebhookDeliveries deliveries, JsonMapper json, Clock clock) {
        this.properties = properties;
        this.deliveries = deliveries;
        this.json = json;
        this.clock = clock;
    }

    /**
     * @return true when queued now; false when the order system has no webhook or the event was queued already (a
     *         listener retried after a crash)
     */
    boolean queue(UUID eventId, String type, String orderSystem, UUID decisionId, Object payload) {
        if (properties.of(orderSystem).isEmpty()) {
            log.debug("{} event {}: {} has no webhook", type, eventId, orderSystem);
            return false;
        }
        return deliveries.enqueue(eventId, type, orderSystem, decisionId, json.writeValueAsString(payload),
                clock.instant());
    }
}
