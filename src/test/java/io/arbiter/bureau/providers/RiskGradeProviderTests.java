package io.arbiter.bureau.providers;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.notFound;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

import io.arbiter.shared.Money;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

import io.arbiter.bureau.BureauProperties;
import io.arbiter.bureau.BureauUnavailableException;
import io.arbiter.bureau.CompanyStatus;
import io.arbiter.bureau.SolvencyLookup;
import io.arbiter.bureau.SolvencyReport;
import io.arbiter.bureau.SolvencyService;

/**
 * The riskgrade provider against a WireMock riskgrade API, first in the French waterfall, before Creditsafe (the built-in sandbox); the
 * application runs against the real PostgreSQL, like the API tests.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RiskGradeProviderTests {

    private static final String API_KEY = "test-riskgrade-key";
    private static final Currency EUR = Currency.getInstance("EUR");
    private static final WireMockServer riskgradeApi = new WireMockServer(options().dynamicPort());

    static {
        riskgradeApi.start();
    }

    @DynamicPropertySource
    static void riskgrade(DynamicPropertyRegistry registry) {
        registry.add("arbiter.bureau.riskgrade.base-url", riskgradeApi::baseUrl);
        registry.add("arbiter.bureau.riskgrade.api-key", () -> API_KEY);
        registry.add("arbiter.bureau.riskgrade.read-timeout", () -> "500ms");
        registry.add("arbiter.bureau.waterfall[FR]", () -> "riskgrade,creditsafe");
    }

    @AfterAll
    static void stopApi() {
        riskgradeApi.stop();
    }

    @Autowired
    SolvencyService solvency;

    @Autowired
    RiskGradeProvider riskgrade;

    @Autowired
    BureauProperties bureau;

    @Autowired
    CircuitBreakerRegistry circuitBreakers;

    @BeforeEach
    void reset() {
        riskgradeApi.resetAll();
        // Failure tests count against riskgrade's circuit breaker, which outlives each test.
        circuitBreakers.circuitBreaker("riskgrade").reset();
    }

    @Test
    void maps_every_field_of_an_evaluation_with_the_grade_from_the_normalisation_table() {
        stub("552100554", okJson(evaluation("552100554", "ACTIVE", 4)));

        SolvencyLookup lookup = solvency.refresh("552100554", "FR");

        assertThat(lookup.source()).isEqualTo(SolvencyLookup.Source.PROVIDER);
        assertThat(lookup.report()).contains(new SolvencyReport("riskgrade", "RG-552100554-2026-10-01",
                LocalDate.of(2026, 10, 1), "552100554", "FR", "Société 552100554", CompanyStatus.ACTIVE, 65, "B", "4",
                "1-10, 1 best", "Risque modéré", Money.of(new BigDecimal("25000"), EUR), 1,
                Money.of(new BigDecimal("3200.50"), EUR), Money.of(new BigDecimal("1200000"), EUR)));
        assertThat(lookup.report()).get().extracting(SolvencyReport::vatNumber).isEqualTo("FR96552100554");
    }

    @Test
    void sends_the_api_key_in_the_x_api_key_header() {
        stub("552100554", okJson(evaluation("552100554", "ACTIVE", 4)));

        riskgrade.report("552100554", "FR");

        riskgradeApi.verify(getRequestedFor(urlEqualTo("/v2/entreprises/552100554/evaluation"))
                .withHeader("X-Api-Key", equalTo(API_KEY)));
    }

    @Test
    void worst_note_gives_grade_3_and_band_e() {
        stub("732829320", okJson(evaluation("732829320", "ACTIVE", 10)));

        SolvencyReport report = riskgrade.report("732829320", "FR").orElseThrow();

        assertThat(report.commonGrade()).isEqualTo(3);
        assertThat(report.band()).isEqualTo("E");
    }

    @ParameterizedTest
    @CsvSource({"PROCEDURE_COLLECTIVE, INSOLVENCY_PROCEEDINGS", "RADIEE, CEASED", "ACTIVE, ACTIVE"})
    void maps_the_situation_to_the_company_status(String situation, CompanyStatus status) {
        stub("404833048", okJson(evaluation("404833048", situation, 9)));

        assertThat(riskgrade.report("404833048", "FR").orElseThrow().status()).isEqualTo(status);
    }

    @Test
    void unknown_company_leaves_the_answer_to_the_next_provider_in_the_waterfall() {
        stub("402202006", notFound());

        SolvencyLookup lookup = solvency.refresh("402202006", "FR");

        assertThat(lookup.report()).hasValueSatisfying(report -> assertThat(report.provider()).isEqualTo("creditsafe"));
        assertThat(lookup.unavailable()).isEmpty();
        riskgradeApi.verify(1, getRequestedFor(urlEqualTo("/v2/entreprises/402202006/evaluation")));
    }

    @Test
    void retries_after_a_server_error() {
        String path = path("356000000");
        riskgradeApi.stubFor(get(urlEqualTo(path)).inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(serverError()).willSetStateTo("recovered"));
        riskgradeApi.stubFor(get(urlEqualTo(path)).inScenario("flaky").whenScenarioStateIs("recovered")
                .willReturn(okJson(evaluation("356000000", "ACTIVE", 2))));

        SolvencyLookup lookup = solvency.refresh("356000000", "FR");

        assertThat(lookup.report()).hasValueSatisfying(report -> assertThat(report.provider()).isEqualTo("riskgrade"));
        riskgradeApi.verify(2, getRequestedFor(urlEqualTo(path)));
    }

    @Test
    void waits_for_retry_after_before_retrying_a_429() {
        String path = path("542065479");
        riskgradeApi.stubFor(get(urlEqualTo(path)).inScenario("busy").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("free"));
        riskgradeApi.stubFor(get(urlEqualTo(path)).inScenario("busy").whenScenarioStateIs("free")
                .willReturn(okJson(evaluation("542065479", "ACTIVE", 3))));

        long start = System.nanoTime();
        SolvencyLookup lookup = solvency.refresh("542065479", "FR");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(lookup.report()).hasValueSatisfying(report -> assertThat(report.commonGrade()).isEqualTo(75));
        riskgradeApi.verify(2, getRequestedFor(urlEqualTo(path)));
    }

    @Test
    void a_429_is_retryable_after_the_wait_it_asks_for() {
        stub("542065479", aResponse().withStatus(429).withHeader("Retry-After", "120"));

        assertThatThrownBy(() -> riskgrade.report("542065479", "FR"))
                .isInstanceOfSatisfying(BureauUnavailableException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(120));
                });
    }

    @ParameterizedTest
    @CsvSource({"500, true", "503, true", "401, false", "403, false", "400, false"})
    void http_errors_are_retryable_only_when_trying_again_may_help(int status, boolean retryable) {
        stub("552100554", aResponse().withStatus(status));

        assertThatThrownBy(() -> riskgrade.report("552100554", "FR"))
                .isInstanceOfSatisfying(BureauUnavailableException.class,
                        e -> assertThat(e.retryable()).isEqualTo(retryable))
                .hasMessageContaining("HTTP " + status);
    }

    @Test
    void a_timeout_is_retryable() {
        stub("552100554", okJson(evaluation("552100554", "ACTIVE", 4)).withFixedDelay(1_500));

        assertThatThrownBy(() -> riskgrade.report("552100554", "FR"))
                .isInstanceOfSatisfying(BureauUnavailableException.class, e -> assertThat(e.retryable()).isTrue())
                .hasMessageContaining("could not be reached");
    }

    @Test
    void malformed_json_is_not_retryable() {
        stub("552100554", okJson("{\"siren\": \"552100554\", \"note\": "));

        assertThatThrownBy(() -> riskgrade.report("552100554", "FR"))
                .isInstanceOfSatisfying(BureauUnavailableException.class, e -> assertThat(e.retryable()).isFalse())
                .hasMessageContaining("unreadable answer");
    }

    @Test
    void an_evaluation_missing_a_required_field_is_not_retryable() {
        stub("552100554", okJson("{\"siren\": \"552100554\", \"note\": 4}"));

        assertThatThrownBy(() -> riskgrade.report("552100554", "FR"))
                .isInstanceOfSatisfying(BureauUnavailableException.class, e -> assertThat(e.retryable()).isFalse());
    }

    @Test
    void a_note_outside_the_normalisation_table_is_refused_naming_provider_score_and_rows() {
        stub("552100554", okJson(evaluation("552100554", "ACTIVE", 11)));

        assertThatThrownBy(() -> riskgrade.report("552100554", "FR"))
                .isInstanceOfSatisfying(BureauUnavailableException.class, e -> assertThat(e.retryable()).isFalse())
                .hasMessageContaining("riskgrade gave score 11")
                .hasMessageContaining("{from: 10, to: 10, grade: 3}");
    }

    @Test
    void riskgrade_comes_first_for_france_while_other_countries_keep_the_default_waterfall() {
        assertThat(bureau.providersFor("FR")).isEqualTo(List.of("riskgrade", "creditsafe"));
        assertThat(bureau.providersFor("BE")).isEqualTo(List.of("creditsafe"));

        SolvencyLookup lookup = solvency.refresh("0417497106", "BE");

        assertThat(lookup.source()).isEqualTo(SolvencyLookup.Source.NONE);
        riskgradeApi.verify(0, anyRequestedFor(anyUrl()));
    }

    private static void stub(String siren, ResponseDefinitionBuilder response) {
        riskgradeApi.stubFor(get(urlEqualTo(path(siren))).willReturn(response));
    }

    private static String path(String siren) {
        return "/v2/entreprises/" + siren + "/evaluation";
    }

    /** The API's documented shape, with a field Arbiter does not know ({@code secteur}) as a provider may add. */
    private static String evaluation(String siren, String situation, int note) {
        return """
                {"siren": "%s", "raisonSociale": "Société %s", "situation": "%s", "note": %d, "echelle": "1-10",
                 "libelle": "Risque modéré", "encoursConseille": {"montant": 25000, "devise": "EUR"},
                 "incidentsPaiement": {"nombre": 1, "montant": 3200.50}, "chiffreAffaires": 1200000,
                 "dateEvaluation": "2026-10-01", "reference": "RG-%s-2026-10-01", "secteur": "4332A"}
                """.formatted(siren, siren, situation, note, siren);
    }
}
