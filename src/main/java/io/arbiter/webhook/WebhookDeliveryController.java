package io.arbiter.webhook;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.arbiter.shared.Page;
import io.arbiter.shared.Paging;
import io.arbiter.shared.ProblemException;
import io.swagger.v3.oas.annotations.Operation;

/** What operators see of the webhooks: every delivery's state, and sending one again. ADMIN only. */
@RestController
@RequestMapping("/api/v1/webhook-deliveries")
class WebhookDeliveryController {

    private static final List<String> STATUSES = List.of("PENDING", "DELIVERED", "FAILED");
    private static final String CURSOR = "webhook-delivery";

    private final WebhookDeliveries deliveries;
    private final Clock clock;

    WebhookDeliveryController(WebhookDeliveries deliveries, Clock clock) {
        this.deliveries = deliveries;
        this.clock = clock;
    }

    @Operation(summary = "Webhook deliveries, most recent first, with their state: attempts, next attempt, last error",
            description = "status is PENDING (not delivered yet, retried with backoff), DELIVERED or FAILED (given up"
                    + " after arbiter.webhooks.give-up-after). Paged: limit 1-500, default 50; cursor is the 'next' of"
                    + " the previous page.")
    @GetMapping
    ResponseEntity<Page<WebhookDeliveries.Delivery>> list(@RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable String limit, @RequestParam(required = false) @Nullable String cursor) {
        String wanted = status == null || status.isBlank() ? null : status.strip().toUpperCase(Locale.ROOT);
        if (wanted != null && !STATUSES.contains(wanted)) {
            throw ProblemException.invalidField("status", "status must be PENDING, DELIVERED or FAILED (was '" + status
                    + "')", "must be PENDING, DELIVERED or FAILED");
        }
        int size = Paging.limit(limit, 50, 500);
        String[] after = Paging.position(cursor, CURSOR, 2, position -> {
            Instant.parse(position[0]);
            UUID.fromString(position[1]);
        });
        var rows = deliveries.list(wanted, after == null ? null : Instant.parse(after[0]),
                after == null ? null : UUID.fromString(after[1]), size + 1);
        return Paging.ok(Page.of(rows, size,
                last -> Paging.cursor(CURSOR, last.createdAt().toString(), last.eventId().toString())));
    }

    @Operation(summary = "One webhook delivery's state")
    @GetMapping("/{eventId}")
    WebhookDeliveries.Delivery get(@PathVariable UUID eventId) {
        return deliveries.find(eventId).orElseThrow(() -> notFound(eventId));
    }

    @Operation(summary = "Sends a pending or given-up webhook event again, now",
            description = "The same event (same id, same body) is sent at the next poll, and retried with backoff again"
                    + " if the receiver still fails; 409 when the receiver has accepted it already.")
    @PostMapping("/{eventId}/retry")
    ResponseEntity<WebhookDeliveries.Delivery> retry(@PathVariable UUID eventId) {
        if (!deliveries.retryNow(eventId, clock.instant())) {
            WebhookDeliveries.Delivery delivery = deliveries.find(eventId).orElseThrow(() -> notFound(eventId));
            throw new ProblemException(HttpStatus.CONFLICT, "webhook-delivered", "Webhook event already delivered",
                    "Event " + eventId + " was accepted by " + delivery.orderSystem() + " at " + delivery.deliveredAt(),
                    Map.of("delivery", delivery));
        }
        return ResponseEntity.accepted().body(deliveries.find(eventId).orElseThrow());
    }

    private static ProblemException notFound(UUID eventId) {
        return new ProblemException(HttpStatus.NOT_FOUND, "webhook-delivery-not-found", "Webhook delivery not found",
                "No webhook delivery has event id " + eventId);
    }
}
