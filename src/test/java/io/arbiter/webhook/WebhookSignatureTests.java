package io.arbiter.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The signature an integrator verifies: the integration guide's example event, signed by Arbiter with the guide's
 * secret, gives the signature the guide shows (whose shell check DocsCommandsTests runs with openssl).
 */
class WebhookSignatureTests {

    private static final Path GUIDE = Path.of("docs", "integration-guide.md");
    private static final Path EVENT = Path.of("docs", "examples", "webhooks", "decision-reviewed.json");

    @Test
    void arbiter_signs_the_guides_example_event_as_the_guide_shows() throws Exception {
        String guide = Files.readString(GUIDE);
        String secret = quoted(guide, "secret");
        String signature = quoted(guide, "signature");

        assertThat(WebhookSignature.of(Files.readAllBytes(EVENT), secret)).isEqualTo(signature);
        assertThat(WebhookDeliveryTests.verifies(Files.readAllBytes(EVENT), signature, secret)).isTrue();
        byte[] altered = Files.readString(EVENT).replace("60000.00", "90000.00").getBytes();
        assertThat(WebhookDeliveryTests.verifies(altered, WebhookSignature.of(Files.readAllBytes(EVENT), secret), secret))
                .as("a body changed after signing fails").isFalse();
    }

    @Test
    void retries_wait_twice_as_long_each_time_up_to_the_longest_interval() {
        WebhookProperties properties = new WebhookProperties(List.of(), Duration.ofSeconds(5), Duration.ofSeconds(5),
                Duration.ofSeconds(30), Duration.ofHours(1), Duration.ofDays(3), Duration.ofDays(30));
        assertThat(List.of(1, 2, 3, 4, 7, 8, 50).stream().map(properties::backoff).toList()).containsExactly(
                Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(4),
                Duration.ofMinutes(32), Duration.ofHours(1), Duration.ofHours(1));
    }

    @Test
    void a_webhook_without_a_long_secret_stops_the_application_saying_which_setting() {
        var weak = List.of(new WebhookProperties.OrderSystem("ERP France", "https://erp.example.com/events", "changeme"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new WebhookProperties(weak, Duration.ofSeconds(5),
                Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofHours(1), Duration.ofDays(3), Duration.ofDays(30)))
                .hasMessageContaining("arbiter.webhooks.order-systems[0].secret")
                .hasMessageContaining("ARBITER_WEBHOOKS_ORDERSYSTEMS_0_SECRET");
    }

    private static String quoted(String page, String variable) {
        Matcher matcher = Pattern.compile("(?m)^" + variable + "='([^']+)'").matcher(page);
        assertThat(matcher.find()).as("the guide sets %s='...'", variable).isTrue();
        return matcher.group(1);
    }
}
