package io.arbiter.pool;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.arbiter.ApiTest;
import io.arbiter.ledger.LedgerFixtures;
import io.arbiter.pool.client.Pseudonyms;
import io.arbiter.pool.protocol.Bands;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import tools.jackson.databind.JsonNode;

/**
 * A supplier against a stand-in pool (WireMock): what it sends, byte for byte, and decisions while the pool is down,
 * slow or answering nonsense.
 */
class PoolClientTests extends ApiTest {

    private static final String PSEUDONYM_KEY = "test-pool-shared-pseudonym-key";
    private static final WireMockServer pool = new WireMockServer(wireMockConfig().dynamicPort());

    static {
        pool.start();
    }

    @DynamicPropertySource
    static void poolAtWireMock(DynamicPropertyRegistry registry) {
        registry.add("arbiter.pool.client.base-url", pool::baseUrl);
        registry.add("arbiter.pool.client.member-key", () -> "supplier-key-at-the-pool");
        registry.add("arbiter.pool.client.pseudonym-key", () -> PSEUDONYM_KEY);
        registry.add("arbiter.pool.client.read-timeout", () -> "2s");
        registry.add("arbiter.pool.client.signal-cache-ttl", () -> "0s");
    }

    @AfterAll
    static void stopPool() {
        pool.stop();
    }

    @Autowired
    CircuitBreakerRegistry breakers;

    @Autowired
    PoolSignals signals;

    private static boolean warm;

    @BeforeEach
    void freshPool() {
        if (!warm) {
            // The first call through Feign and WireMock loads their classes: on a busy machine, longer than a timeout.
            pool.stubFor(WireMock.get(urlPathMatching("/pool/v1/signals/.*")).willReturn(okJson("{\"status\": \"INSUFFICIENT_DATA\"}")));
            signals.signalFor("FR", TestSirens.random());
            warm = true;
        }
        pool.resetAll();
        breakers.circuitBreaker("pool").reset();
    }

    @Test
    void a_contribution_carries_only_pseudonyms_bands_and_counts_and_nothing_about_disputed_invoices() {
        LedgerFixtures ledger = new LedgerFixtures(jdbc);
        YearMonth month = YearMonth.now().minusMonths(1);
        String siren = TestSirens.random();
        String name = "Boulangerie Secrète " + siren;
        String account = LedgerFixtures.unique("ACC");
        long customer = ledger.customer(new LedgerFixtures.NewCustomer(account, siren, name, "FR", null, "Jeanne Vendeuse",
                "bakery", 30, LocalDate.of(2019, 1, 1), false));
        String entity = ledger.entity("EUR");
        LocalDate due = month.atDay(7);
        ledger.paidInvoice(entity, customer, due.minusDays(30), due, "12345.67", "EUR", due);
        ledger.paidInvoice(entity, customer, due.minusDays(30), due, "987.65", "EUR", due.plusDays(20));
        long disputed = ledger.paidInvoice(entity, customer, due.minusDays(30), due, "55555.55", "EUR", due.plusDays(95));
        ledger.dispute(customer, "goods damaged", due.plusDays(2), null, List.of(disputed));
        List<String> invoiceNumbers = jdbc.sql("select number from ledger_invoice where customer_id = ?").param(customer)
                .query(String.class).list();
        pool.stubFor(WireMock.put(urlPathMatching("/pool/v1/contributions/.*"))
                .willReturn(okJson("{\"month\": \"" + month + "\", \"experiences\": 2}")));

        Response sent = post("/api/v1/pool/contributions?month=" + month, MANAGER, "");

        assertThat(sent.status()).as(sent.text()).isEqualTo(200);
        List<LoggedRequest> requests = pool.findAll(putRequestedFor(urlPathEqualTo("/pool/v1/contributions/" + month))
                .withHeader("Authorization", equalTo("Bearer supplier-key-at-the-pool")));
        assertThat(requests).hasSize(1);
        byte[] bytes = requests.getFirst().getBody();
        String text = new String(bytes, StandardCharsets.UTF_8);
        List<String> forbidden = new ArrayList<>(List.of(siren, siren.substring(0, 9), name, "Boulangerie", account, entity,
                "Jeanne", "bakery", "12345", "987.65", "987,65", "55555", due.toString(), due.plusDays(20).toString(),
                month.toString(), "EUR", "customer", "supplier", "name", "registration", "invoiceNumber", "amount\""));
        forbidden.addAll(invoiceNumbers);
        for (String leak : forbidden) {
            assertThat(text).as("the bytes sent to the pool contain '%s'", leak).doesNotContain(leak);
        }

        JsonNode body = json.readTree(bytes);
        assertThat(names(body)).containsExactly("experiences");
        String subject = new Pseudonyms(PSEUDONYM_KEY).of("FR", siren);
        List<JsonNode> mine = new ArrayList<>();
        for (JsonNode experience : body.get("experiences")) {
            assertThat(names(experience)).containsExactlyInAnyOrder("subject", "amountBand", "daysBeyondTermsBand", "invoices");
            assertThat(experience.get("subject").asString()).matches("[0-9a-f]{64}");
            assertThat(Bands.AMOUNT).contains(experience.get("amountBand").asString());
            assertThat(Bands.DAYS_BEYOND_TERMS).contains(experience.get("daysBeyondTermsBand").asString());
            if (experience.get("subject").asString().equals(subject)) {
                mine.add(experience);
            }
        }
        assertThat(mine).extracting(e -> e.get("amountBand").asString() + " " + e.get("daysBeyondTermsBand").asString()
                + " x" + e.get("invoices").asInt())
                .containsExactlyInAnyOrder("UNDER_1K 16_30 x1", "5K_20K ON_TIME x1");
    }

    @Test
    void decisions_go_on_with_no_pool_data_when_the_pool_fails_or_is_slow() {
        pool.stubFor(WireMock.get(urlPathMatching("/pool/v1/signals/.*")).willReturn(aResponse().withStatus(503)));
        assertNoPoolData(decide(TestSirens.random()));

        pool.stubFor(WireMock.get(urlPathMatching("/pool/v1/signals/.*"))
                .willReturn(okJson("{\"status\": \"AVAILABLE\", \"lateSharePercent\": 0, \"contributorsBand\": \"3-5\"}")
                        .withFixedDelay(5_000)));
        long started = System.nanoTime();
        assertNoPoolData(decide(TestSirens.random()));
        assertThat((System.nanoTime() - started) / 1_000_000).as("a slow pool holds a decision up to the read timeout only")
                .isLessThan(4_900);

        pool.stubFor(WireMock.get(urlPathMatching("/pool/v1/signals/.*"))
                .willReturn(aResponse().withStatus(500).withBody("<html>oops</html>")));
        assertNoPoolData(decide(TestSirens.random()));
    }

    @Test
    void decisions_go_on_with_no_pool_data_when_the_pool_answers_nonsense() {
        for (String nonsense : List.of("{\"status\": \"AVAILABLE\"", "not json at all", "{\"status\": \"GREAT\"}",
                "{\"status\": \"AVAILABLE\", \"lateSharePercent\": null}", "[]", "")) {
            pool.stubFor(WireMock.get(urlPathMatching("/pool/v1/signals/.*"))
                    .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(nonsense)));
            assertNoPoolData(decide(TestSirens.random()));
            breakers.circuitBreaker("pool").reset();
        }
    }

    @Test
    void a_signal_from_the_pool_scores_and_shows_in_the_decision() {
        pool.stubFor(WireMock.get(urlPathMatching("/pool/v1/signals/.*")).willReturn(okJson("""
                {"status": "AVAILABLE", "lateSharePercent": 70, "medianDaysBeyondTermsBand": "31_60",
                 "trend3Months": "WORSENING", "trend12Months": "STABLE", "contributorsBand": "6-10", "futureField": 1}""")));

        JsonNode decision = decide(TestSirens.random());

        assertThat(decision.at("/pool/status").asString()).isEqualTo("AVAILABLE");
        assertThat(decision.at("/pool/contributorsBand").asString()).isEqualTo("6-10");
        assertThat(decision.at("/pool/signal/lateSharePercent").asInt()).isEqualTo(70);
        assertThat(decision.at("/pool/signal/medianDaysBeyondTermsBand").asString()).isEqualTo("31_60");
        assertThat(decision.at("/scorePoints/POOL_SIGNAL").asInt()).isEqualTo(-20);
        assertThat(decision.get("reasons").toString()).contains("PoolSignal_66");
    }

    /**
     * Issue 20, item 4: dunning rates a company with the facts a credit decision had, the pool's signal included. Two
     * companies alike in all but the pool: the one its suppliers see paying late (70 % of invoices, 31-60 days beyond
     * terms, worsening: -20 points) is rated worse in a decision, and dunning's next actions give each the class and
     * the plan its decision gave.
     */
    @Test
    void a_company_the_pool_sees_paying_late_is_dunned_with_the_class_its_decision_got() {
        LedgerFixtures ledger = new LedgerFixtures(jdbc);
        String entity = ledger.entity("EUR");
        pool.stubFor(WireMock.get(urlPathMatching("/pool/v1/signals/.*")).willReturn(okJson("""
                {"status": "AVAILABLE", "lateSharePercent": 70, "medianDaysBeyondTermsBand": "31_60",
                 "trend3Months": "WORSENING", "trend12Months": "STABLE", "contributorsBand": "6-10"}""")));
        String late = TestSirens.random();
        String lateAccount = ledgerCustomer(ledger, entity, late);
        JsonNode lateDecision = decide(late);
        pool.stubFor(WireMock.get(urlPathMatching("/pool/v1/signals/.*")).willReturn(okJson("{\"status\": \"INSUFFICIENT_DATA\"}")));
        String unknown = TestSirens.random();
        String unknownAccount = ledgerCustomer(ledger, entity, unknown);
        JsonNode unknownDecision = decide(unknown);

        assertThat(lateDecision.at("/scorePoints/POOL_SIGNAL").asInt()).as(lateDecision.toString()).isEqualTo(-20);
        assertThat(lateDecision.get("riskClass").asString()).as("the pool's signal lowers the class")
                .isGreaterThan(unknownDecision.get("riskClass").asString());
        assertDunnedAsDecided(lateAccount, lateDecision);
        assertDunnedAsDecided(unknownAccount, unknownDecision);
    }

    private void assertDunnedAsDecided(String account, JsonNode decision) {
        Response next = post("/api/v1/dunning/next-actions", DUNNING_ENGINE,
                "{\"customer\": \"%s\", \"asOf\": \"%s\"}".formatted(account, LocalDate.now()));
        assertThat(next.status()).as(next.text()).isEqualTo(200);
        assertThat(next.body().get("riskClass").asString()).isEqualTo(decision.get("riskClass").asString());
        assertThat(next.body().get("dunningPlan").asString()).isEqualTo(decision.get("dunningPlan").asString());
    }

    /** A ledger customer since 2015, as {@link #decide} says, with one invoice a week late. */
    private static String ledgerCustomer(LedgerFixtures ledger, String entity, String siren) {
        String account = LedgerFixtures.unique("ACC");
        long id = ledger.customer(new LedgerFixtures.NewCustomer(account, siren, "Client " + siren, "FR", null, null, null,
                30, LocalDate.of(2015, 6, 1), false));
        ledger.openInvoice(entity, id, LocalDate.now().minusDays(37), LocalDate.now().minusDays(7), "1800.00", "EUR");
        return account;
    }

    private JsonNode decide(String siren) {
        Response response = post("/api/v1/credit-decisions", ORDER_SYSTEM, """
                {"requestId": "%s", "customer": {"registrationNumber": "%s", "name": "Client %s", "country": "FR",
                 "customerSince": "2015-06-01"}, "order": {"amount": 500, "currency": "EUR"}}"""
                .formatted(newRequestId(), siren, siren));
        assertThat(response.status()).as(response.text()).isEqualTo(201);
        return response.body();
    }

    private static void assertNoPoolData(JsonNode decision) {
        assertThat(decision.at("/pool/status").asString()).isEqualTo("NO_POOL_DATA");
        assertThat(decision.at("/pool/detail").asString()).startsWith("no pool data");
        assertThat(decision.at("/pool/signal").isMissingNode() || decision.at("/pool/signal").isNull()).isTrue();
        assertThat(decision.at("/scorePoints/POOL_SIGNAL").asInt()).isZero();
        assertThat(decision.get("reasons").toString()).contains("PoolSignal_67");
    }

    private static Set<String> names(JsonNode node) {
        return Set.copyOf(node.propertyNames());
    }
}
