package io.arbiter.limits;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.arbiter.bureau.CompanyStatus;
import io.arbiter.ledger.LedgerFixtures;
import io.arbiter.limits.review.LimitChecks;
import io.arbiter.webhook.SignedDeliveries;
import tools.jackson.databind.JsonNode;

/**
 * The order system that asked for a limit learns the result on its webhook ({@code limit.changed}), signed, through the
 * same outbox as review verdicts: granted, refused or left undecided, and later suspended or expired. The receiver is a WireMock, as in the
 * webhook module's tests, whose port Arbiter reads at each attempt ({@link SignedDeliveries}).
 */
class LimitWebhookTests extends LimitsApiTest {

    /** The key of the order system whose webhook the test configuration names. */
    private static final String WEBHOOK_ORDER_SYSTEM = "test-webhook-order-system";

    @Autowired
    LimitChecks checks;

    private static final WireMockServer receiver = new WireMockServer(wireMockConfig().dynamicPort());

    static {
        receiver.start();
        System.setProperty(SignedDeliveries.PORT, Integer.toString(receiver.port()));
    }

    @AfterAll
    static void stopReceiver() {
        receiver.stop();
        System.clearProperty(SignedDeliveries.PORT);
    }

    @Test
    void the_order_system_that_asked_learns_the_granted_limit_signed_then_its_suspension() throws Exception {
        String siren = company(LedgerFixtures.unique("SP"));
        receiver.stubFor(WireMock.post(SignedDeliveries.PATH).withRequestBody(containing(siren)).willReturn(ok()));
        String decisionId = rejected(siren);
        String id = askedByTheOrderSystem(siren, decisionId, "650000");
        verdict(MANAGER, id, "APPROVE", "");
        assertThat(verdict(MANAGER_2, id, "APPROVE", "").body().get("status").asString()).isEqualTo("APPROVED");

        LoggedRequest sent = await(siren, 1).getFirst();
        assertThat(SignedDeliveries.verifies(sent.getBody(), sent.getHeader("X-Arbiter-Signature"),
                SignedDeliveries.SECRET)).as("signed with the order system's secret").isTrue();
        JsonNode granted = json.readTree(sent.getBodyAsString());
        assertThat(sent.getHeader("X-Arbiter-Event-Id")).isEqualTo(granted.get("eventId").asString());
        assertThat(sent.getHeader("X-Arbiter-Event-Type")).isEqualTo("limit.changed");
        assertThat(granted.get("type").asString()).isEqualTo("limit.changed");
        assertThat(granted.get("change").asString()).isEqualTo("GRANTED");
        assertThat(granted.get("orderSystem").asString()).isEqualTo("test webhook order system");
        assertThat(granted.get("entity").asString()).isEqualTo(entity);
        assertThat(granted.at("/company/registrationNumber").asString()).isEqualTo(siren);
        assertThat(granted.at("/limit/amount/amount").decimalValue()).isEqualByComparingTo("650000");
        assertThat(granted.at("/limit/status").asString()).isEqualTo("ACTIVE");
        assertThat(granted.at("/request/id").asString()).isEqualTo(id);
        assertThat(granted.at("/request/status").asString()).isEqualTo("APPROVED");
        assertThat(granted.at("/request/decisionId").asString()).isEqualTo(decisionId);
        assertThat(granted.get("changedBy").asString()).contains("test credit manager", "test credit manager 2");
        JsonNode limits = get("/api/v1/limits/companies/" + siren, ANALYST).body();
        assertThat(granted.at("/limit/id").asString()).isEqualTo(limits.at("/standingLimits/0/id").asString());

        bureau.status(siren, CompanyStatus.INSOLVENCY_PROCEEDINGS);
        assertThat(post("/api/v1/bureau/notifications", ADMIN, """
                {"provider": "limitsbureau", "notificationId": "evt-%s", "registrationNumber": "%s", "country": "FR",
                 "type": "STATUS_CHANGED"}""".formatted(LedgerFixtures.unique("N"), siren)).status()).isEqualTo(201);

        JsonNode suspended = json.readTree(await(siren, 2).get(1).getBodyAsString());
        assertThat(suspended.get("change").asString()).isEqualTo("SUSPENDED");
        assertThat(suspended.at("/limit/status").asString()).isEqualTo("SUSPENDED");
        assertThat(suspended.at("/request/id").asString()).as("the request the limit was granted by").isEqualTo(id);
        assertThat(suspended.get("reason").asString()).contains("insolvency proceedings");
        assertThat(suspended.get("eventId").asString()).isNotEqualTo(granted.get("eventId").asString());
        JsonNode delivery = delivered(suspended.get("eventId").asString());
        assertThat(delivery.get("eventType").asString()).isEqualTo("limit.changed");
        assertThat(delivery.get("decisionId").asString()).isEqualTo(decisionId);
        assertThat(delivery.get("attempts").asInt()).isEqualTo(1);

        Thread.sleep(1000);
        assertThat(received(siren)).as("each event delivered once").hasSize(2);
    }

    @Test
    void a_refused_request_reaches_the_order_system_with_the_comment_and_a_persons_request_is_sent_nowhere() {
        String siren = company(LedgerFixtures.unique("SP"));
        receiver.stubFor(WireMock.post(SignedDeliveries.PATH).withRequestBody(containing(siren)).willReturn(ok()));
        String id = askedByTheOrderSystem(siren, rejected(siren), "30000");
        assertThat(post("/api/v1/limits/requests/" + id + "/verdicts", MANAGER, """
                {"verdict": "REFUSE", "comment": "Three invoices unpaid past 60 days"}""").body().get("status").asString())
                .isEqualTo("REFUSED");

        JsonNode refused = json.readTree(await(siren, 1).getFirst().getBodyAsString());
        assertThat(refused.get("change").asString()).isEqualTo("REFUSED");
        assertThat(refused.get("limit").isNull()).as("no limit before, none after").isTrue();
        assertThat(refused.at("/request/status").asString()).isEqualTo("REFUSED");
        assertThat(refused.at("/request/requested/amount").decimalValue()).isEqualByComparingTo("30000");
        assertThat(refused.get("reason").asString()).isEqualTo("Three invoices unpaid past 60 days");
        assertThat(refused.get("changedBy").asString()).isEqualTo("test credit manager");

        String person = company(LedgerFixtures.unique("SP"));
        receiver.stubFor(WireMock.post(SignedDeliveries.PATH).withRequestBody(containing(person)).willReturn(ok()));
        String asked = request(ANALYST, person, "5000", "").body().get("id").asString();
        assertThat(verdict(MANAGER, asked, "APPROVE", "").body().get("status").asString()).isEqualTo("APPROVED");
        assertThat(get("/api/v1/limits/companies/" + person, ANALYST).body().get("history")).hasSize(1);
        pause(1500);
        assertThat(received(person)).as("an analyst's request is answered in the API, not on a webhook").isEmpty();
    }

    @Test
    void the_order_system_learns_when_the_limit_it_asked_for_expires_past_its_review_date() {
        String siren = company(LedgerFixtures.unique("SP"));
        receiver.stubFor(WireMock.post(SignedDeliveries.PATH).withRequestBody(containing(siren)).willReturn(ok()));
        String id = askedByTheOrderSystem(siren, rejected(siren), "30000");
        assertThat(verdict(MANAGER, id, "APPROVE", "").body().get("status").asString()).isEqualTo("APPROVED");
        await(siren, 1);

        // Days pass: the review date is moved into the past, as the clock would have it, and the periodic check runs.
        LocalDate yesterday = LocalDate.now().minusDays(1);
        jdbc.sql("update limit_standing set valid_until = ? where registration_number = ?")
                .params(java.sql.Date.valueOf(yesterday), siren).update();
        checks.run();

        JsonNode expired = json.readTree(await(siren, 2).get(1).getBodyAsString());
        assertThat(expired.get("change").asString()).isEqualTo("EXPIRED");
        assertThat(expired.at("/limit/status").asString()).isEqualTo("EXPIRED");
        assertThat(expired.at("/limit/validUntil").asString()).isEqualTo(yesterday.toString());
        assertThat(expired.get("changedBy").asString()).isEqualTo("arbiter");
        assertThat(expired.at("/request/id").asString()).as("the request the limit was granted by").isEqualTo(id);
        assertThat(expired.get("entity").asString()).isEqualTo(entity);
    }

    @Test
    void the_order_system_learns_that_nobody_decided_on_its_request_in_time() {
        String siren = company(LedgerFixtures.unique("SP"));
        receiver.stubFor(WireMock.post(SignedDeliveries.PATH).withRequestBody(containing(siren)).willReturn(ok()));
        String id = askedByTheOrderSystem(siren, rejected(siren), "30000");
        jdbc.sql("update limit_request set expires_at = now() - interval '1 minute' where id = ?")
                .param(java.util.UUID.fromString(id)).update();
        checks.run();

        JsonNode expired = json.readTree(await(siren, 1).getFirst().getBodyAsString());
        assertThat(expired.get("change").asString()).isEqualTo("REQUEST_EXPIRED");
        assertThat(expired.get("limit").isNull()).isTrue();
        assertThat(expired.at("/request/id").asString()).isEqualTo(id);
        assertThat(expired.at("/request/status").asString()).isEqualTo("EXPIRED");
        assertThat(expired.get("reason").asString()).startsWith("nobody decided on the request");
        assertThat(get("/api/v1/limits/companies/" + siren, ANALYST).body().get("history"))
                .as("a request closed without a change is not a change of the limit").isEmpty();
    }

    private String rejected(String siren) {
        JsonNode decision = decide(WEBHOOK_ORDER_SYSTEM, entity, siren, "600000", LocalDate.now()).body();
        assertThat(decision.get("outcome").asString()).as(decision.toString()).isEqualTo("REJECTED");
        return decision.get("decisionId").asString();
    }

    private String askedByTheOrderSystem(String siren, String decisionId, String amount) {
        Response asked = request(WEBHOOK_ORDER_SYSTEM, siren, amount, ", \"decisionId\": \"" + decisionId + "\"");
        assertThat(asked.status()).as(asked.text()).isEqualTo(201);
        return asked.body().get("id").asString();
    }

    /** The delivery once the dispatcher has recorded the receiver's answer, which it does after the receiver has it. */
    private JsonNode delivered(String eventId) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        JsonNode delivery = get("/api/v1/webhook-deliveries/" + eventId, ADMIN).body();
        while (!"DELIVERED".equals(delivery.get("status").asString())) {
            assertThat(Instant.now()).as("waited 20 s; last seen: %s", delivery).isBefore(deadline);
            pause(100);
            delivery = get("/api/v1/webhook-deliveries/" + eventId, ADMIN).body();
        }
        return delivery;
    }

    private static List<LoggedRequest> received(String siren) {
        return receiver.findAll(postRequestedFor(urlEqualTo(SignedDeliveries.PATH)).withRequestBody(containing(siren)));
    }

    private static List<LoggedRequest> await(String siren, int count) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        List<LoggedRequest> found = received(siren);
        while (found.size() < count) {
            assertThat(Instant.now()).as("waited 20 s for %s deliveries about %s; got %s", count, siren, found.size())
                    .isBefore(deadline);
            pause(100);
            found = received(siren);
        }
        return found;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
