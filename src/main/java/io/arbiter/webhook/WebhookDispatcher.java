package io.arbiter.webhook;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Sends the deliveries that are due, one at a time, outside any transaction of the verdict. A 2xx answer delivers;
 * anything else (another status, a refused connection, no answer within {@code arbiter.webhooks.timeout}) is retried
 * after a wait that doubles from {@code first-retry} up to {@code max-retry-interval}, and given up once the event is
 * older than {@code give-up-after}. Several instances share the work: each takes a delivery under a lease.
 */
@Component
class WebhookDispatcher {

    static final String EVENT_ID = "X-Arbiter-Event-Id";
    static final String EVENT_TYPE = "X-Arbiter-Event-Type";
    static final String TIMESTAMP = "X-Arbiter-Timestamp";
    static final String ATTEMPT = "X-Arbiter-Attempt";

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
    /** A run stops after this many attempts, so that a large backlog leaves room to the scheduler's other work. */
    private static final int MAX_PER_RUN = 100;

    private final WebhookDeliveries deliveries;
    private final WebhookProperties properties;
    private final Environment environment;
    private final Clock clock;
    private final MeterRegistry meters;
    private final HttpClient http;

    WebhookDispatcher(WebhookDeliveries deliveries, WebhookProperties properties, Environment environment, Clock clock,
            MeterRegistry meters) {
        this.deliveries = deliveries;
        this.properties = properties;
        this.environment = environment;
        this.clock = clock;
        this.meters = meters;
        this.http = HttpClient.newBuilder().connectTimeout(properties.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        Gauge.builder("arbiter.webhooks.pending", deliveries, d -> d.backlog().count())
                .description("Webhook deliveries not delivered yet (given-up ones excluded)").register(meters);
        Gauge.builder("arbiter.webhooks.oldest.pending", this, WebhookDispatcher::oldestPendingSeconds).baseUnit("seconds")
                .description("Age of the oldest webhook delivery not delivered yet (0 when none waits)").register(meters);
    }

    @Scheduled(initialDelayString = "${arbiter.webhooks.poll-interval:5s}",
            fixedDelayString = "${arbiter.webhooks.poll-interval:5s}")
    void sendDue() {
        Duration lease = properties.timeout().plusSeconds(30);
        for (int i = 0; i < MAX_PER_RUN; i++) {
            Optional<WebhookDeliveries.Due> due = deliveries.takeDue(clock.instant(), lease);
            if (due.isEmpty()) {
                return;
            }
            send(due.get());
        }
    }

    @Scheduled(cron = "0 55 2 * * *")
    void deleteDelivered() {
        int deleted = deliveries.deleteDeliveredBefore(clock.instant().minus(properties.retention()));
        log.info("{} webhook deliveries delivered more than {} ago deleted", deleted, properties.retention());
    }

    private void send(WebhookDeliveries.Due due) {
        int attempt = due.attempts() + 1;
        String error;
        try {
            WebhookProperties.OrderSystem system = properties.of(due.orderSystem()).orElseThrow(() -> new IllegalStateException(
                    "no webhook is configured for " + due.orderSystem() + " any more (arbiter.webhooks.order-systems)"));
            byte[] body = due.payload().getBytes(StandardCharsets.UTF_8);
            HttpRequest request = HttpRequest.newBuilder(URI.create(environment.resolveRequiredPlaceholders(system.url())))
                    .timeout(properties.timeout())
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "Arbiter-Webhooks")
                    .header(EVENT_ID, due.eventId().toString())
                    .header(EVENT_TYPE, due.eventType())
                    .header(TIMESTAMP, Long.toString(clock.instant().getEpochSecond()))
                    .header(ATTEMPT, Integer.toString(attempt))
                    .header(WebhookSignature.HEADER, WebhookSignature.of(body, system.secret()))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 == 2) {
                deliveries.delivered(due.eventId(), clock.instant());
                count(due.orderSystem(), "delivered");
                log.info("Webhook event {} delivered to {} (attempt {})", due.eventId(), due.orderSystem(), attempt);
                return;
            }
            String text = response.body() == null ? "" : response.body().strip();
            error = "HTTP " + response.statusCode() + (text.isEmpty() ? "" : ": " + (text.length() > 200 ? text.substring(0, 200) : text));
        } catch (IOException | RuntimeException e) {
            error = describe(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted while sending";
        }
        failed(due, attempt, error);
    }

    private void failed(WebhookDeliveries.Due due, int attempt, String error) {
        Instant now = clock.instant();
        Instant next = now.plus(properties.backoff(attempt));
        if (next.isAfter(due.createdAt().plus(properties.giveUpAfter()))) {
            deliveries.failed(due.eventId(), now, error, null);
            count(due.orderSystem(), "given-up");
            log.error("Webhook event {} to {} given up after {} attempts since {}: {}; POST"
                    + " /api/v1/webhook-deliveries/{}/retry sends it again", due.eventId(), due.orderSystem(), attempt,
                    due.createdAt(), error, due.eventId());
            return;
        }
        deliveries.failed(due.eventId(), now, error, next);
        count(due.orderSystem(), "failed");
        log.warn("Webhook event {} to {} failed (attempt {}): {}; next attempt at {}", due.eventId(), due.orderSystem(),
                attempt, error, next);
    }

    /** The failure and its root cause: the JDK's refused connection says "Connection refused" only in its cause. */
    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String name = e.getClass().getSimpleName()
                + (root == e || root.getClass() == e.getClass() ? "" : " (" + root.getClass().getSimpleName() + ")");
        return root.getMessage() == null ? name : name + ": " + root.getMessage();
    }

    private void count(String orderSystem, String outcome) {
        meters.counter("arbiter.webhooks.attempts", "orderSystem", orderSystem, "outcome", outcome).increment();
    }

    private double oldestPendingSeconds() {
        Instant oldest = deliveries.backlog().oldest();
        return oldest == null ? 0 : Duration.between(oldest, clock.instant()).toSeconds();
    }
}
