package io.arbiter.webhook;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Webhooks of the order systems.
 *
 * @param orderSystems one webhook per order system: {@code name} is the name of the API key the order system asks
 *                     for decisions with ({@code arbiter.security.api-keys[n].name}), {@code url} where the events are
 *                     POSTed, {@code secret} the key of their HMAC-SHA256 signature, to be given from the environment
 *                     ({@code ARBITER_WEBHOOKS_ORDERSYSTEMS_0_SECRET}); an order system without one is told nothing
 * @param timeout the longest one delivery attempt waits for the receiver to connect and answer
 * @param pollInterval how often the deliveries that are due are looked for and sent
 * @param firstRetry the wait after a first failed attempt; it doubles after every further failure
 * @param maxRetryInterval the longest wait between two attempts, which the doubling never exceeds
 * @param giveUpAfter how long after the event a delivery that keeps failing is given up (status {@code FAILED}, sent
 *                    again only when an administrator asks: {@code POST /api/v1/webhook-deliveries/{eventId}/retry})
 * @param retention how long a delivered event stays in {@code webhook_delivery} before the daily cleanup deletes it
 */
@ConfigurationProperties("arbiter.webhooks")
public record WebhookProperties(@DefaultValue List<OrderSystem> orderSystems, @DefaultValue("5s") Duration timeout,
        @DefaultValue("5s") Duration pollInterval, @DefaultValue("30s") Duration firstRetry,
        @DefaultValue("1h") Duration maxRetryInterval, @DefaultValue("3d") Duration giveUpAfter,
        @DefaultValue("30d") Duration retention) {

    public WebhookProperties {
        for (int i = 0; i < orderSystems.size(); i++) {
            OrderSystem system = orderSystems.get(i);
            String at = "arbiter.webhooks.order-systems[" + i + "]";
            if (system.name() == null || system.name().isBlank()) {
                throw new IllegalArgumentException(at + ".name is needed: the name of the order system's API key");
            }
            if (system.url() == null || !system.url().matches("(?i)https?://.+")) {
                throw new IllegalArgumentException(at + ".url must be an http(s) URL (was '" + system.url() + "')");
            }
            // A guessable secret would let anyone forge a verdict; 32 characters is what `openssl rand -hex 16` gives.
            if (system.secret() == null || system.secret().length() < 32) {
                throw new IllegalArgumentException(at + ".secret must be at least 32 characters (ARBITER_WEBHOOKS_ORDERSYSTEMS_"
                        + i + "_SECRET; e.g. openssl rand -hex 32)");
            }
        }
    }

    /** The webhook of the order system whose API key has this name, if it has one. */
    java.util.Optional<OrderSystem> of(String apiKeyName) {
        return orderSystems.stream().filter(system -> system.name().equals(apiKeyName)).findFirst();
    }

    /** The wait before the next attempt, after {@code failures} failed ones: doubling from the first, capped. */
    Duration backoff(int failures) {
        Duration wait = firstRetry;
        for (int i = 1; i < failures && wait.compareTo(maxRetryInterval) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxRetryInterval) > 0 ? maxRetryInterval : wait;
    }

    /**
     * @param url may hold {@code ${...}} placeholders, resolved at each attempt
     */
    public record OrderSystem(String name, String url, String secret) {

        @Override
        public String toString() {
            return "OrderSystem[name=" + name + ", url=" + url + ", secret=(hidden)]";
        }
    }
}
