package io.arbiter.bureau.providers;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import io.arbiter.shared.Money;
import tools.jackson.databind.json.JsonMapper;

import io.arbiter.bureau.BureauUnavailableException;
import io.arbiter.bureau.CompanyStatus;
import io.arbiter.bureau.SolvencyReport;

/** The Creditsafe adapter alone against a WireMock Creditsafe: shapes, token handling and error mapping. */
public class CreditsafeProviderTests {

    private static final WireMockServer creditsafe = new WireMockServer(wireMockConfig().dynamicPort());
    private static final String SIREN = "552081317";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
    private CreditsafeProvider provider;

    @BeforeAll
    static void start() {
        creditsafe.start();
    }

    @AfterAll
    static void stop() {
        creditsafe.stop();
    }

    @BeforeEach
    void newProvider() {
        creditsafe.resetAll();
        CreditsafeProperties properties = new CreditsafeProperties(creditsafe.baseUrl(), "user@example.com", "secret",
                Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMinutes(55));
        JsonMapper json = JsonMapper.builder().build();
        provider = new CreditsafeProvider(CreditsafeConfiguration.client(properties, creditsafe::baseUrl, json, clock),
                properties, json, clock, Optional.empty());
    }

    @Test
    void reads_a_connect_credit_report_into_the_common_scale() {
        authenticates(jwt(clock.instant().plus(Duration.ofHours(1))));
        creditsafe.stubFor(get(urlPathEqualTo("/companies")).withQueryParam("countries", equalTo("FR"))
                .withQueryParam("regNo", equalTo(SIREN)).willReturn(okJson(fixture("search.json"))));
        creditsafe.stubFor(get("/companies/FR-X-552081317").willReturn(okJson(fixture("report.json"))));

        SolvencyReport report = provider.report(SIREN, "FR").orElseThrow();

        assertThat(report.provider()).isEqualTo("creditsafe");
        assertThat(report.reportId()).isEqualTo("8d2e5a70-4c1b-11ee-be56-0242ac120002");
        assertThat(report.reportDate()).isEqualTo(LocalDate.of(2026, 11, 20));
        assertThat(report.companyName()).isEqualTo("ELECTRICITE DE FRANCE");
        assertThat(report.status()).isEqualTo(CompanyStatus.ACTIVE);
        // creditScore.currentCreditRating wins over companySummary.creditRating; 78 on 1–100 is 77.8 on 0–100.
        assertThat(report.commonGrade()).isEqualTo(78);
        assertThat(report.band()).isEqualTo("B");
        assertThat(report.providerScore()).isEqualTo("78");
        assertThat(report.providerDescription()).isEqualTo("Very Low Risk");
        assertThat(report.providerScale()).isEqualTo("1-100");
        assertThat(report.recommendedLimit()).isEqualTo(Money.of(new BigDecimal("7500000"), Currency.getInstance("EUR")));
        assertThat(report.paymentRemarks()).isEqualTo(3);
        assertThat(report.turnover()).isEqualTo(Money.of(new BigDecimal("143476000000"), Currency.getInstance("EUR")));
        creditsafe.verify(getRequestedFor(urlPathEqualTo("/companies"))
                .withHeader("Authorization", equalTo("Bearer " + jwt(clock.instant().plus(Duration.ofHours(1))))));
    }

    @Test
    void a_configured_normalisation_table_replaces_the_linear_scale() {
        authenticates(jwt(clock.instant().plus(Duration.ofHours(1))));
        creditsafe.stubFor(get(urlPathEqualTo("/companies")).willReturn(okJson(fixture("search.json"))));
        creditsafe.stubFor(get("/companies/FR-X-552081317").willReturn(okJson(fixture("report.json"))));
        Normalisation normalisation = new Normalisation(new NormalisationProperties(java.util.Map.of("creditsafe", List.of(
                new NormalisationProperties.Row(1, 50, 30), new NormalisationProperties.Row(51, 100, 85)))));
        CreditsafeProperties properties = new CreditsafeProperties(creditsafe.baseUrl(), "user@example.com", "secret",
                Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMinutes(55));
        JsonMapper json = JsonMapper.builder().build();
        CreditsafeProvider tabled = new CreditsafeProvider(CreditsafeConfiguration.client(properties, creditsafe::baseUrl,
                json, clock), properties, json, clock, normalisation.table("creditsafe"));

        SolvencyReport report = tabled.report(SIREN, "FR").orElseThrow();

        assertThat(report.providerScore()).isEqualTo("78");
        assertThat(report.commonGrade()).isEqualTo(85);
        assertThat(report.band()).isEqualTo("A");
    }

    @Test
    void searches_by_vat_number_when_given_one() {
        authenticates("opaque-token");
        creditsafe.stubFor(get(urlPathEqualTo("/companies")).withQueryParam("vatNo", equalTo("FR03552081317"))
                .willReturn(okJson(fixture("search.json"))));
        creditsafe.stubFor(get("/companies/FR-X-552081317").willReturn(okJson(fixture("report.json"))));

        assertThat(provider.report("FR03552081317", "FR")).isPresent();
    }

    @Test
    void reads_a_report_with_empty_fields_as_unknowns_and_an_unrated_company_as_grade_0() {
        authenticates("opaque-token");
        creditsafe.stubFor(get(urlPathEqualTo("/companies")).willReturn(okJson(fixture("search.json"))));
        creditsafe.stubFor(get("/companies/FR-X-552081317").willReturn(okJson(fixture("report-empty.json"))));

        SolvencyReport report = provider.report(SIREN, "FR").orElseThrow();

        assertThat(report.companyName()).isEqualTo("ELECTRICITE DE FRANCE");
        assertThat(report.status()).isEqualTo(CompanyStatus.ACTIVE);
        assertThat(report.commonGrade()).isZero();
        assertThat(report.band()).isEqualTo("E");
        assertThat(report.recommendedLimit()).isNull();
        assertThat(report.turnover()).isNull();
        assertThat(report.paymentRemarks()).isZero();
        assertThat(report.reportDate()).isEqualTo(LocalDate.of(2026, 11, 23));
        assertThat(report.reportId()).isEqualTo("FR-X-552081317-2026-11-23");
    }

    @Test
    void reuses_the_token_until_it_expires_then_authenticates_again() {
        authenticates(jwt(clock.instant().plus(Duration.ofHours(1))));
        creditsafe.stubFor(get(urlPathEqualTo("/companies")).willReturn(okJson(fixture("search-empty.json"))));

        provider.report(SIREN, "FR");
        provider.report(SIREN, "FR");
        creditsafe.verify(1, postRequestedFor(urlPathEqualTo("/authenticate")));

        clock.advance(Duration.ofMinutes(61));
        provider.report(SIREN, "FR");
        creditsafe.verify(2, postRequestedFor(urlPathEqualTo("/authenticate")));
    }

    @Test
    void keeps_an_opaque_token_for_the_configured_ttl() {
        authenticates("opaque-token");
        creditsafe.stubFor(get(urlPathEqualTo("/companies")).willReturn(okJson(fixture("search-empty.json"))));

        provider.report(SIREN, "FR");
        clock.advance(Duration.ofMinutes(50));
        provider.report(SIREN, "FR");
        creditsafe.verify(1, postRequestedFor(urlPathEqualTo("/authenticate")));

        clock.advance(Duration.ofMinutes(10));
        provider.report(SIREN, "FR");
        creditsafe.verify(2, postRequestedFor(urlPathEqualTo("/authenticate")));
    }

    @Test
    void authenticates_once_more_and_resends_a_data_call_answered_401() {
        authenticates("opaque-token");
        creditsafe.stubFor(get(urlPathEqualTo("/companies")).inScenario("expired").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(401)).willSetStateTo("renewed"));
        creditsafe.stubFor(get(urlPathEqualTo("/companies")).inScenario("expired").whenScenarioStateIs("renewed")
                .willReturn(okJson(fixture("search.json"))));
        creditsafe.stubFor(get("/companies/FR-X-552081317").willReturn(okJson(fixture("report.json"))));

        assertThat(provider.report(SIREN, "FR")).isPresent();
        creditsafe.verify(2, postRequestedFor(urlPathEqualTo("/authenticate")));
        creditsafe.verify(2, getRequestedFor(urlPathEqualTo("/companies")));
    }

    @Test
    void never_retries_rejected_credentials() {
        creditsafe.stubFor(post("/authenticate").willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody("{\"message\":\"Invalid credentials\"}")));

        for (int attempt = 0; attempt < 3; attempt++) {
            assertThatThrownBy(() -> provider.report(SIREN, "FR")).isInstanceOfSatisfying(BureauUnavailableException.class,
                    e -> assertThat(e.retryable()).isFalse());
        }
        creditsafe.verify(1, postRequestedFor(urlPathEqualTo("/authenticate")));
        creditsafe.verify(0, getRequestedFor(urlPathEqualTo("/companies")));

        clock.advance(CreditsafeProvider.AUTHENTICATION_PAUSE);
        assertThatThrownBy(() -> provider.report(SIREN, "FR")).isInstanceOf(BureauUnavailableException.class);
        creditsafe.verify(2, postRequestedFor(urlPathEqualTo("/authenticate")));
    }

    @Test
    void reports_an_unknown_company_as_empty_whether_search_finds_nothing_or_the_report_is_404() {
        authenticates("opaque-token");
        creditsafe.stubFor(get(urlPathEqualTo("/companies")).withQueryParam("regNo", equalTo("111111118"))
                .willReturn(okJson(fixture("search-empty.json"))));
        creditsafe.stubFor(get(urlPathEqualTo("/companies")).withQueryParam("regNo", equalTo(SIREN))
                .willReturn(okJson(fixture("search.json"))));
        creditsafe.stubFor(get("/companies/FR-X-552081317").willReturn(aResponse().withStatus(404)));

        assertThat(provider.report("111111118", "FR")).isEmpty();
        assertThat(provider.report(SIREN, "FR")).isEmpty();
    }

    @Test
    void passes_on_429_retry_after_in_seconds_or_as_an_http_date() {
        authenticates("opaque-token");
        creditsafe.stubFor(get(urlPathEqualTo("/companies")).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")));
        assertThatThrownBy(() -> provider.report(SIREN, "FR")).isInstanceOfSatisfying(BureauUnavailableException.class, e -> {
            assertThat(e.retryable()).isTrue();
            assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
        });

        String inTwoMinutes = DateTimeFormatter.RFC_1123_DATE_TIME
                .format(ZonedDateTime.ofInstant(clock.instant().plus(Duration.ofMinutes(2)), ZoneOffset.UTC));
        creditsafe.stubFor(get(urlPathEqualTo("/companies")).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", inTwoMinutes)));
        assertThatThrownBy(() -> provider.report(SIREN, "FR")).isInstanceOfSatisfying(BureauUnavailableException.class,
                e -> assertThat(e.retryAfter()).contains(Duration.ofMinutes(2)));
    }

    @Test
    void reports_server_errors_and_timeouts_as_worth_retrying() {
        authenticates("opaque-token");
        creditsafe.stubFor(get(urlPathEqualTo("/companies")).willReturn(aResponse().withStatus(503)));
        assertThatThrownBy(() -> provider.report(SIREN, "FR")).isInstanceOfSatisfying(BureauUnavailableException.class,
                e -> assertThat(e.retryable()).isTrue());

        creditsafe.stubFor(get(urlPathEqualTo("/companies")).willReturn(okJson(fixture("search.json")).withFixedDelay(1_500)));
        assertThatThrownBy(() -> provider.report(SIREN, "FR")).isInstanceOfSatisfying(BureauUnavailableException.class,
                e -> assertThat(e.retryable()).isTrue());
    }

    @Test
    void reports_malformed_json_and_other_client_errors_as_not_worth_retrying() {
        authenticates("opaque-token");
        creditsafe.stubFor(get(urlPathEqualTo("/companies")).willReturn(okJson("{\"companies\": [{\"id\": ")));
        assertThatThrownBy(() -> provider.report(SIREN, "FR")).isInstanceOfSatisfying(BureauUnavailableException.class, e -> {
            assertThat(e.retryable()).isFalse();
            assertThat(e.getMessage()).contains("malformed JSON");
        });

        creditsafe.stubFor(get(urlPathEqualTo("/companies")).willReturn(aResponse().withStatus(400)));
        assertThatThrownBy(() -> provider.report(SIREN, "FR")).isInstanceOfSatisfying(BureauUnavailableException.class,
                e -> assertThat(e.retryable()).isFalse());
    }

    private static void authenticates(String token) {
        creditsafe.stubFor(post("/authenticate").withRequestBody(equalTo("{\"username\":\"user@example.com\",\"password\":\"secret\"}"))
                .willReturn(okJson("{\"token\":\"" + token + "\"}")));
    }

    /** A Creditsafe-like JWT; only its payload's exp matters to Arbiter. */
    static String jwt(Instant expiry) {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        return base64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + base64.encodeToString(("{\"exp\":" + expiry.getEpochSecond() + ",\"username\":\"user\"}")
                        .getBytes(StandardCharsets.UTF_8)) + ".c2lnbmF0dXJl";
    }

    public static String fixture(String name) {
        try (var in = CreditsafeProviderTests.class.getResourceAsStream("/bureau/creditsafe/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static final class MutableClock extends Clock {

        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
