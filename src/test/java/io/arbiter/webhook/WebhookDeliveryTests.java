package io.arbiter.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.arbiter.ApiTest;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;

/**
 * An order system's webhook receiver (WireMock) learns the review verdicts on the decisions it asked for: signed with
 * its secret, once, again with the same event id after a failure, and later when it was down at the time of the
 * verdict. The receiver's port is chosen here and read by Arbiter at each attempt (src/test/resources/config).
 */
class WebhookDeliveryTests extends ApiTest {

    /** The key of the order system whose webhook is configured for the tests, and its secret. */
    private static final String WEBHOOK_ORDER_SYSTEM = "test-webhook-order-system";
    private static final String SECRET = SignedDeliveries.SECRET;
    private static final String PORT = SignedDeliveries.PORT;
    private static final String PATH = SignedDeliveries.PATH;

    private static final WireMockServer receiver = new WireMockServer(wireMockConfig().dynamicPort());

    static {
        receiver.start();
        System.setProperty(PORT, Integer.toString(receiver.port()));
    }

    @AfterAll
    static void stopReceiver() {
        receiver.stop();
        System.clearProperty(PORT);
    }

    @Autowired
    private MeterRegistry meters;

    @Test
    void a_verdict_reaches_the_order_system_that_asked_once_signed_with_its_secret() throws Exception {
        String decisionId = reviewDecision();
        receiver.stubFor(WireMock.post(PATH).withRequestBody(containing(decisionId)).willReturn(ok()));

        review(decisionId, """
                {"verdict": "APPROVE_UP_TO", "amount": {"amount": 60000, "currency": "EUR"},
                 "comment": "60k now, the rest once the March invoices are paid."}""");

        LoggedRequest sent = await(() -> received(receiver, decisionId), 1).getFirst();
        assertThat(verifies(sent.getBody(), sent.getHeader("X-Arbiter-Signature"), SECRET))
                .as("the signature is the HMAC-SHA256 of the raw body with the order system's secret").isTrue();
        assertThat(verifies(sent.getBody(), sent.getHeader("X-Arbiter-Signature"), SECRET.replace('0', '1'))).isFalse();
        JsonNode event = json.readTree(sent.getBodyAsString());
        assertThat(sent.getHeader("X-Arbiter-Event-Id")).isEqualTo(event.get("eventId").asString());
        assertThat(sent.getHeader("Content-Type")).startsWith("application/json");
        assertThat(Instant.ofEpochSecond(Long.parseLong(sent.getHeader("X-Arbiter-Timestamp"))))
                .isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(5));
        assertThat(event.get("type").asString()).isEqualTo("decision.reviewed");
        assertThat(event.get("decisionId").asString()).isEqualTo(decisionId);
        assertThat(event.get("orderSystem").asString()).isEqualTo("test webhook order system");
        assertThat(event.get("verdict").asString()).isEqualTo("APPROVE_UP_TO");
        assertThat(event.at("/amountApproved/amount").decimalValue()).isEqualByComparingTo("60000");
        assertThat(event.at("/amountApproved/currency").asString()).isEqualTo("EUR");
        assertThat(event.get("reviewer").asString()).isEqualTo("test credit analyst");
        assertThat(event.get("comment").asString()).startsWith("60k now");
        JsonNode decision = get("/api/v1/credit-decisions/" + decisionId, WEBHOOK_ORDER_SYSTEM).body();
        assertThat(event.get("requestId").asString()).isEqualTo(decision.get("requestId").asString());
        assertThat(event.get("occurredAt").asString()).isEqualTo(decision.at("/review/reviewedAt").asString());

        Thread.sleep(1500);
        assertThat(received(receiver, decisionId)).as("delivered once, never again").hasSize(1);
        JsonNode delivery = get("/api/v1/webhook-deliveries/" + event.get("eventId").asString(), ADMIN).body();
        assertThat(delivery.get("status").asString()).isEqualTo("DELIVERED");
        assertThat(delivery.get("attempts").asInt()).isEqualTo(1);
    }

    @Test
    void a_receiver_that_fails_first_gets_the_same_event_again_and_it_is_delivered() throws Exception {
        String decisionId = reviewDecision();
        double failedBefore = attempts("failed");
        double deliveredBefore = attempts("delivered");
        String scenario = "fails first " + decisionId;
        receiver.stubFor(WireMock.post(PATH).withRequestBody(containing(decisionId)).inScenario(scenario)
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("recovered")
                .willReturn(aResponse().withStatus(500).withBody("database locked")));
        receiver.stubFor(WireMock.post(PATH).withRequestBody(containing(decisionId)).inScenario(scenario)
                .whenScenarioStateIs("recovered").willReturn(ok()));

        review(decisionId, "{\"verdict\": \"REJECT\", \"comment\": \"Two payment incidents this quarter.\"}");

        List<LoggedRequest> sent = await(() -> received(receiver, decisionId), 2);
        assertThat(sent).extracting(request -> request.getHeader("X-Arbiter-Event-Id")).as("one event, sent twice")
                .containsOnly(sent.getFirst().getHeader("X-Arbiter-Event-Id"));
        assertThat(sent.get(1).getBodyAsString()).isEqualTo(sent.getFirst().getBodyAsString());
        assertThat(sent).extracting(request -> request.getHeader("X-Arbiter-Attempt")).containsExactly("1", "2");
        assertThat(verifies(sent.get(1).getBody(), sent.get(1).getHeader("X-Arbiter-Signature"), SECRET)).isTrue();
        JsonNode event = json.readTree(sent.getFirst().getBodyAsString());
        assertThat(event.get("verdict").asString()).isEqualTo("REJECT");
        assertThat(event.get("amountApproved").isNull()).isTrue();

        JsonNode delivery = awaitDelivery(event.get("eventId").asString(), "DELIVERED");
        assertThat(delivery.get("attempts").asInt()).isEqualTo(2);
        assertThat(delivery.get("lastError").asString()).isEqualTo("HTTP 500: database locked");
        assertThat(attempts("failed")).isEqualTo(failedBefore + 1);
        assertThat(attempts("delivered")).isEqualTo(deliveredBefore + 1);
    }

    @Test
    void a_verdict_given_while_the_receiver_is_down_is_recorded_and_delivered_once_it_is_back() throws IOException {
        String decisionId = reviewDecision();
        int downPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            downPort = socket.getLocalPort();
        }
        System.setProperty(PORT, Integer.toString(downPort));
        WireMockServer back = new WireMockServer(wireMockConfig().port(downPort));
        try {
            Response reviewed = review(decisionId, "{\"verdict\": \"APPROVE\"}");
            assertThat(reviewed.status()).as("the verdict does not wait for the receiver").isEqualTo(201);
            assertThat(get("/api/v1/credit-decisions/" + decisionId, WEBHOOK_ORDER_SYSTEM).body().at("/review/verdict")
                    .asString()).isEqualTo("APPROVE");

            JsonNode failing = await(() -> delivery(decisionId), d -> d != null && d.get("attempts").asInt() >= 2);
            assertThat(failing.get("status").asString()).isEqualTo("PENDING");
            assertThat(failing.get("lastError").asString()).contains("ConnectException");
            assertThat(Instant.parse(failing.get("nextAttemptAt").asString()))
                    .as("retried later, not at once").isAfter(Instant.parse(failing.get("lastAttemptAt").asString()));

            back.stubFor(WireMock.post(PATH).willReturn(ok()));
            back.start();
            JsonNode delivered = awaitDelivery(failing.get("eventId").asString(), "DELIVERED");
            assertThat(delivered.get("attempts").asInt()).isGreaterThan(2);
            assertThat(received(back, decisionId)).hasSize(1);
            assertThat(received(back, decisionId).getFirst().getHeader("X-Arbiter-Event-Id"))
                    .isEqualTo(failing.get("eventId").asString());
        } finally {
            back.stop();
            System.setProperty(PORT, Integer.toString(receiver.port()));
        }
    }

    @Test
    void only_administrators_see_the_deliveries_and_a_delivered_event_is_not_sent_again() {
        String decisionId = reviewDecision();
        receiver.stubFor(WireMock.post(PATH).withRequestBody(containing(decisionId)).willReturn(ok()));
        review(decisionId, "{\"verdict\": \"APPROVE\"}");
        String eventId = await(() -> delivery(decisionId), d -> d != null && d.get("status").asString().equals("DELIVERED"))
                .get("eventId").asString();

        assertThat(get("/api/v1/webhook-deliveries", ANALYST).status()).isEqualTo(403);
        assertThat(get("/api/v1/webhook-deliveries", WEBHOOK_ORDER_SYSTEM).status()).isEqualTo(403);
        Response again = post("/api/v1/webhook-deliveries/" + eventId + "/retry", ADMIN, "");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().get("type").asString()).isEqualTo("urn:arbiter:problem:webhook-delivered");
        assertThat(post("/api/v1/webhook-deliveries/" + java.util.UUID.randomUUID() + "/retry", ADMIN, "").status())
                .isEqualTo(404);
        assertThat(refusedField(get("/api/v1/webhook-deliveries?status=LOST", ADMIN))).isEqualTo("status");
    }

    /** How a receiver checks a delivery (see {@link SignedDeliveries#verifies}). */
    static boolean verifies(byte[] rawBody, String signatureHeader, String secret) throws Exception {
        return SignedDeliveries.verifies(rawBody, signatureHeader, secret);
    }

    private String reviewDecision() {
        Response decided = post("/api/v1/credit-decisions", WEBHOOK_ORDER_SYSTEM, reviewOrder(newRequestId()));
        assertThat(decided.body().get("outcome").asString()).isEqualTo("REVIEW");
        return decided.body().get("decisionId").asString();
    }

    private Response review(String decisionId, String verdict) {
        Response reviewed = post("/api/v1/credit-decisions/" + decisionId + "/review", ANALYST, verdict);
        assertThat(reviewed.status()).as(reviewed.text()).isEqualTo(201);
        return reviewed;
    }

    private static List<LoggedRequest> received(WireMockServer server, String decisionId) {
        return server.findAll(postRequestedFor(urlEqualTo(PATH)).withRequestBody(containing(decisionId)));
    }

    private JsonNode delivery(String decisionId) {
        JsonNode page = get("/api/v1/webhook-deliveries?limit=500", ADMIN).body();
        for (JsonNode item : page.get("items")) {
            if (item.get("decisionId").asString().equals(decisionId)) {
                return item;
            }
        }
        return null;
    }

    private JsonNode awaitDelivery(String eventId, String status) {
        return await(() -> get("/api/v1/webhook-deliveries/" + eventId, ADMIN).body(),
                d -> d.get("status").asString().equals(status));
    }

    private double attempts(String outcome) {
        var counter = meters.find("arbiter.webhooks.attempts").tag("orderSystem", "test webhook order system")
                .tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private static <T> List<T> await(Supplier<List<T>> list, int size) {
        return await(list, found -> found.size() >= size);
    }

    private static <T> T await(Supplier<T> value, java.util.function.Predicate<T> done) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        T last = value.get();
        while (!done.test(last)) {
            assertThat(Instant.now()).as("waited 20 s; last seen: %s", last).isBefore(deadline);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            last = value.get();
        }
        return last;
    }
}
