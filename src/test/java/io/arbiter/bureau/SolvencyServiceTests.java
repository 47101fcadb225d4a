package io.arbiter.bureau;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;

/** The waterfall, cache, retries, circuit breaker and snapshot fallback, on the real PostgreSQL. */
@SpringBootTest(properties = {
        "arbiter.bureau.waterfall.FR=primary,secondary",
        "resilience4j.retry.instances.primary.wait-duration=10ms",
        "resilience4j.retry.instances.secondary.wait-duration=10ms",
        "resilience4j.circuitbreaker.instances.breaking.minimum-number-of-calls=4",
        "resilience4j.circuitbreaker.instances.breaking.sliding-window-size=4",
        "resilience4j.circuitbreaker.instances.breaking.wait-duration-in-open-state=500ms",
        "resilience4j.retry.instances.breaking.max-attempts=1",
        "arbiter.bureau.waterfall.DE=breaking",
        "arbiter.bureau.waterfall.BE=limited,secondary"})
class SolvencyServiceTests {

    @TestConfiguration
    static class Providers {
        @Bean
        ScriptedProvider primary() {
            return new ScriptedProvider("primary");
        }

        @Bean
        ScriptedProvider secondary() {
            return new ScriptedProvider("secondary");
        }

        @Bean
        ScriptedProvider breaking() {
            return new ScriptedProvider("breaking");
        }

        @Bean
        ScriptedProvider limited() {
            return new ScriptedProvider("limited");
        }
    }

    @Autowired
    SolvencyService service;
    @Autowired
    ScriptedProvider primary;
    @Autowired
    ScriptedProvider secondary;
    @Autowired
    ScriptedProvider breaking;
    @Autowired
    ScriptedProvider limited;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    CircuitBreakerRegistry circuitBreakers;

    private final String company = newCompany();

    @BeforeEach
    void providersAnswerWithClosedCircuits() {
        for (ScriptedProvider provider : List.of(primary, secondary, breaking, limited)) {
            provider.answer(ScriptedProvider.Mode.KNOWS).resetCalls();
            circuitBreakers.circuitBreaker(provider.name()).reset();
        }
    }

    /** Each test asks about its own company: the cache and the snapshots outlive a test. */
    private static String newCompany() {
        return "T" + ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L);
    }

    @Test
    void the_first_provider_that_knows_the_company_answers_and_its_report_is_snapshotted() {
        primary.answer(ScriptedProvider.Mode.DOES_NOT_KNOW);

        SolvencyLookup lookup = service.lookup(company, "FR");

        assertThat(lookup.report()).get().extracting(SolvencyReport::provider).isEqualTo("secondary");
        assertThat(lookup.source()).isEqualTo(SolvencyLookup.Source.PROVIDER);
        assertThat(lookup.stale()).isFalse();
        assertThat(jdbc.sql("select count(*) from solvency_snapshot where company_key = :key")
                .param("key", "FR:" + company).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void a_second_lookup_is_served_from_the_cache_without_asking_providers() {
        service.lookup(company, "FR");
        SolvencyLookup again = service.lookup(company, "FR");

        assertThat(again.source()).isEqualTo(SolvencyLookup.Source.CACHE);
        assertThat(primary.calls()).isEqualTo(1);
    }

    @Test
    void a_provider_that_is_down_is_retried_then_the_next_one_answers() {
        primary.answer(ScriptedProvider.Mode.DOWN);

        SolvencyLookup lookup = service.lookup(company, "FR");

        assertThat(primary.calls()).isEqualTo(3);
        assertThat(lookup.report()).get().extracting(SolvencyReport::provider).isEqualTo("secondary");
        assertThat(lookup.unavailable()).containsExactly("primary");
    }

    @Test
    void a_transient_failure_is_retried_until_the_provider_answers() {
        primary.failFirst(2);

        SolvencyLookup lookup = service.lookup(company, "FR");

        assertThat(primary.calls()).isEqualTo(3);
        assertThat(lookup.report()).get().extracting(SolvencyReport::provider).isEqualTo("primary");
        assertThat(lookup.unavailable()).isEmpty();
    }

    @Test
    void rejected_credentials_are_never_retried() {
        primary.answer(ScriptedProvider.Mode.REJECTS_CREDENTIALS);

        service.lookup(company, "FR");

        assertThat(primary.calls()).isEqualTo(1);
    }

    @Test
    void a_retry_after_within_the_maximum_wait_is_honoured_before_retrying() {
        primary.answer(ScriptedProvider.Mode.RATE_LIMITED).retryAfter(Duration.ofMillis(300));
        long start = System.nanoTime();

        service.lookup(company, "FR");

        long waitedMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(primary.calls()).isEqualTo(3);
        assertThat(waitedMillis).as("two waits of the provider's Retry-After").isGreaterThanOrEqualTo(600);
    }

    @Test
    void a_short_retry_after_pauses_the_provider_for_that_long_and_never_opens_its_circuit() throws InterruptedException {
        breaking.answer(ScriptedProvider.Mode.RATE_LIMITED).retryAfter(Duration.ofMillis(300));

        for (int i = 0; i < 6; i++) {
            SolvencyLookup lookup = service.lookup(newCompany(), "DE");
            assertThat(lookup.status()).isEqualTo(SolvencyLookup.Status.UNAVAILABLE);
            SolvencyLookup duringThePause = service.lookup(newCompany(), "DE");
            assertThat(duringThePause.unavailable()).containsExactly("breaking");
            Thread.sleep(350);
        }

        assertThat(breaking.calls()).as("asked once after each pause, never during one").isEqualTo(6);
        assertThat(circuitBreakers.circuitBreaker("breaking").getState())
                .as("six 429s in a row, more than the 4 calls that open this circuit on failures")
                .isEqualTo(io.github.resilience4j.circuitbreaker.CircuitBreaker.State.CLOSED);
        breaking.answer(ScriptedProvider.Mode.KNOWS);
        assertThat(service.lookup(newCompany(), "DE").status()).isEqualTo(SolvencyLookup.Status.FRESH);
    }

    @Test
    void a_long_retry_after_pauses_the_provider_instead_of_retrying_it() {
        limited.answer(ScriptedProvider.Mode.RATE_LIMITED).retryAfter(Duration.ofMinutes(1));

        SolvencyLookup first = service.lookup(company, "BE");
        SolvencyLookup second = service.lookup(newCompany(), "BE");

        assertThat(limited.calls()).as("one call, then paused for a minute").isEqualTo(1);
        assertThat(first.report()).get().extracting(SolvencyReport::provider).isEqualTo("secondary");
        assertThat(second.unavailable()).containsExactly("limited");
    }

    @Autowired
    SolvencySnapshots snapshots;
    @Autowired
    BureauProperties properties;
    @Autowired
    Clock clock;
    @Autowired
    MeterRegistry meters;
    /**
     * A new SolvencyService as after a restart: an empty cache and Resilience4j registries of its own (sharing this
     * context's would replace the running service's instances), every provider rejecting Arbiter's credentials.
     */
    private SolvencyService restartedWithProvidersDown() {
        List<SolvencyProvider> allDown = Stream.of("primary", "secondary", "breaking", "limited", "creditsafe")
                .map(name -> (SolvencyProvider) new ScriptedProvider(name).answer(ScriptedProvider.Mode.REJECTS_CREDENTIALS))
                .toList();
        return new SolvencyService(allDown, properties, snapshots, clock, meters, RetryRegistry.ofDefaults(),
                CircuitBreakerRegistry.ofDefaults(), RateLimiterRegistry.ofDefaults(), BulkheadRegistry.ofDefaults());
    }

    @Test
    void when_no_provider_answers_the_last_snapshot_is_used_even_after_a_restart() {
        SolvencyReport fetched = service.lookup(company, "FR").report().orElseThrow();

        SolvencyLookup lookup = restartedWithProvidersDown().lookup(company, "FR");

        assertThat(lookup.source()).isEqualTo(SolvencyLookup.Source.SNAPSHOT);
        assertThat(lookup.stale()).isTrue();
        assertThat(lookup.report()).contains(fetched);
        assertThat(lookup.unavailable()).containsExactly("primary", "secondary");
    }

    @Test
    void a_snapshot_written_by_an_older_arbiter_still_serves_as_the_fallback() {
        SolvencyReport fetched = service.lookup(company, "FR").report().orElseThrow();
        jdbc.sql("update solvency_snapshot set report = report || '{\"fieldSinceRemoved\": 1}' where company_key = :key")
                .param("key", "FR:" + company).update();

        SolvencyLookup lookup = restartedWithProvidersDown().lookup(company, "FR");

        assertThat(lookup.source()).isEqualTo(SolvencyLookup.Source.SNAPSHOT);
        assertThat(lookup.report()).contains(fetched);
    }

    @Test
    void with_no_provider_answering_and_no_snapshot_there_is_no_bureau_data() {
        primary.answer(ScriptedProvider.Mode.REJECTS_CREDENTIALS);
        secondary.answer(ScriptedProvider.Mode.REJECTS_CREDENTIALS);

        SolvencyLookup lookup = service.lookup(company, "FR");

        assertThat(lookup.report()).isEmpty();
        assertThat(lookup.source()).isEqualTo(SolvencyLookup.Source.NONE);
        assertThat(lookup.unavailable()).containsExactly("primary", "secondary");
    }

    @Test
    void a_report_older_than_the_maximum_age_is_marked_stale() {
        primary.answer(ScriptedProvider.Mode.OLD_REPORT);

        assertThat(service.lookup(company, "FR").stale()).isTrue();
    }

    @Test
    void the_circuit_opens_after_repeated_failures_and_lets_a_trial_call_through_later() throws InterruptedException {
        breaking.answer(ScriptedProvider.Mode.DOWN);
        for (int i = 0; i < 4; i++) {
            service.lookup(newCompany(), "DE");
        }
        assertThat(breaking.calls()).isEqualTo(4);

        service.lookup(newCompany(), "DE");
        assertThat(breaking.calls()).as("open circuit: not called").isEqualTo(4);

        Thread.sleep(700);
        breaking.answer(ScriptedProvider.Mode.KNOWS);
        SolvencyLookup afterWait = service.lookup(newCompany(), "DE");
        assertThat(breaking.calls()).as("half-open: one trial call").isEqualTo(5);
        assertThat(afterWait.source()).isEqualTo(SolvencyLookup.Source.PROVIDER);
    }
}
