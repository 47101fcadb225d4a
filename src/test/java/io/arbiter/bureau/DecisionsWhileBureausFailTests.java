package io.arbiter.bureau;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import io.arbiter.ApiTest;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import tools.jackson.databind.JsonNode;

/** Bureaus failing in every way never fail a decision: it goes on with the last snapshot, marked stale, or without. */
// A cache that forgets at once: every decision reaches the provider, as for a company not decided recently.
@TestPropertySource(properties = {"arbiter.bureau.waterfall.FR=flaky", "arbiter.bureau.cache-ttl=1ms",
        "resilience4j.retry.instances.flaky.wait-duration=5ms"})
@Import(DecisionsWhileBureausFailTests.Flaky.class)
class DecisionsWhileBureausFailTests extends ApiTest {

    @TestConfiguration
    static class Flaky {
        @Bean
        ScriptedProvider flaky() {
            return new ScriptedProvider("flaky");
        }
    }

    @Autowired
    ScriptedProvider flaky;

    @Autowired
    CircuitBreakerRegistry circuitBreakers;

    /** Luhn-valid SIRENs: one the bureau answered for before the outage, one it never did. */
    private static final String KNOWN_BEFORE = "408808004";
    private static final String NEVER_SEEN = "409909009";

    private JsonNode decide(String siren) {
        return decide(siren, "2015-06-01");
    }

    private JsonNode decide(String siren, String customerSince) {
        Response response = post("/api/v1/credit-decisions", ORDER_SYSTEM, """
                {"requestId": "%s", "customer": {"registrationNumber": "%s", "name": "Client %s", "country": "FR",
                 "customerSince": "%s"}, "order": {"amount": 500, "currency": "EUR"}}"""
                .formatted(newRequestId(), siren, siren, customerSince));
        assertThat(response.status()).as(response.text()).isEqualTo(201);
        return response.body();
    }

    @Test
    void every_kind_of_bureau_failure_still_gets_an_answer_with_the_right_staleness() {
        flaky.answer(ScriptedProvider.Mode.KNOWS).grade(75);
        assertThat(decide(KNOWN_BEFORE).at("/bureau/stale").asBoolean()).isFalse();

        for (ScriptedProvider.Mode failure : EnumSet.of(ScriptedProvider.Mode.DOWN, ScriptedProvider.Mode.REJECTS_CREDENTIALS,
                ScriptedProvider.Mode.RATE_LIMITED)) {
            circuitBreakers.circuitBreaker("flaky").reset();
            flaky.answer(failure).retryAfter(java.time.Duration.ofMillis(10));

            JsonNode withSnapshot = decide(KNOWN_BEFORE);
            JsonNode withoutAny = decide(NEVER_SEEN);

            assertThat(withSnapshot.at("/bureau/available").asBoolean()).as(failure.name()).isTrue();
            assertThat(withSnapshot.at("/bureau/grade").asInt()).as(failure.name()).isEqualTo(75);
            assertThat(withSnapshot.at("/bureau/unavailableProviders/0").asString()).as(failure.name()).isEqualTo("flaky");
            assertThat(withoutAny.at("/bureau/available").asBoolean()).as(failure.name()).isFalse();
            assertThat(withoutAny.at("/bureau/source").asString()).as(failure.name()).isEqualTo("NONE");
            assertThat(withSnapshot.at("/bureau/source").asString()).as(failure.name()).isEqualTo("SNAPSHOT");
            assertThat(withSnapshot.at("/bureau/stale").asBoolean()).as(failure.name()).isTrue();
            assertThat(withSnapshot.get("outcome").asString()).as(failure.name()).isEqualTo("REVIEW");
            assertThat(withSnapshot.at("/bureau/lookup").asString()).as(failure.name()).isEqualTo("STALE");
            // An established customer the bureau cannot speak about now is a person's call, never a rejection
            assertThat(withoutAny.get("outcome").asString()).as(failure.name()).isEqualTo("REVIEW");
            assertThat(withoutAny.at("/bureau/lookup").asString()).as(failure.name()).isEqualTo("UNAVAILABLE");
            assertThat(ruleNames(withoutAny)).as(failure.name()).contains("Bureau unavailable")
                    .doesNotContain("New customer unknown to the bureaus");
        }
    }

    @Test
    void the_policy_tells_a_fresh_a_stale_an_unknown_and_an_unavailable_bureau_apart() {
        circuitBreakers.circuitBreaker("flaky").reset();
        flaky.answer(ScriptedProvider.Mode.KNOWS).grade(80);
        assertThat(decide(KNOWN_BEFORE).at("/bureau/lookup").asString()).isEqualTo("FRESH");
        flaky.answer(ScriptedProvider.Mode.OLD_REPORT);
        JsonNode old = decide(KNOWN_BEFORE);
        assertThat(old.at("/bureau/lookup").asString()).isEqualTo("STALE");
        assertThat(old.at("/bureau/source").asString()).isEqualTo("PROVIDER");

        flaky.answer(ScriptedProvider.Mode.DOES_NOT_KNOW);
        JsonNode unknownNewCustomer = decide(NEVER_SEEN, java.time.LocalDate.now().minusMonths(2).toString());
        assertThat(unknownNewCustomer.at("/bureau/lookup").asString()).isEqualTo("NOT_FOUND");
        assertThat(ruleNames(unknownNewCustomer)).contains("New customer unknown to the bureaus")
                .doesNotContain("Bureau unavailable");

        circuitBreakers.circuitBreaker("flaky").reset();
        flaky.answer(ScriptedProvider.Mode.DOWN);
        JsonNode unavailableNewCustomer = decide(NEVER_SEEN, java.time.LocalDate.now().minusMonths(2).toString());
        assertThat(unavailableNewCustomer.at("/bureau/lookup").asString()).isEqualTo("UNAVAILABLE");
        assertThat(unavailableNewCustomer.get("outcome").asString()).isEqualTo("REVIEW");
        assertThat(ruleNames(unavailableNewCustomer)).contains("Bureau unavailable")
                .doesNotContain("New customer unknown to the bureaus");
        circuitBreakers.circuitBreaker("flaky").reset();
    }

    private static java.util.List<String> ruleNames(JsonNode decision) {
        java.util.List<String> names = new java.util.ArrayList<>();
        decision.get("reasons").forEach(reason -> names.add(reason.get("ruleName").asString()));
        return names;
    }

    @Test
    void an_open_circuit_answers_at_once_from_the_snapshot() {
        flaky.answer(ScriptedProvider.Mode.KNOWS).grade(64);
        decide(KNOWN_BEFORE);
        flaky.answer(ScriptedProvider.Mode.DOWN);
        circuitBreakers.circuitBreaker("flaky").transitionToOpenState();
        flaky.resetCalls();

        JsonNode decision = decide(KNOWN_BEFORE);

        assertThat(flaky.calls()).isZero();
        assertThat(decision.at("/bureau/stale").asBoolean()).isTrue();
        assertThat(decision.at("/bureau/source").asString()).isEqualTo("SNAPSHOT");
        circuitBreakers.circuitBreaker("flaky").reset();
    }
}
