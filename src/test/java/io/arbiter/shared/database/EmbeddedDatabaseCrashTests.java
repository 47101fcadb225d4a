package io.arbiter.shared.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.arbiter.ApiTest;

/**
 * The quickstart's embedded PostgreSQL killed (SIGKILL of its postmaster) while decisions are being asked: readiness
 * goes DOWN at once, Arbiter starts the server again, and every decision that had been answered 201 is in the
 * database afterwards. With the embedded library's defaults (fsync and synchronous commit off) a crash lost 12 of
 * 1,229 answered decisions.
 */
class EmbeddedDatabaseCrashTests extends ApiTest {

    private static final EmbeddedDatabase database = EmbeddedDatabase.start(null);

    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", database::jdbcUrl);
        registry.add("spring.datasource.hikari.connection-timeout", () -> "1000");
    }

    @Test
    void a_crash_under_load_loses_no_answered_decision_and_the_database_is_started_again() throws Exception {
        assertThat(jdbc.sql("show fsync").query(String.class).single()).isEqualTo("on");
        assertThat(jdbc.sql("show synchronous_commit").query(String.class).single()).isEqualTo("on");
        ConcurrentLinkedQueue<String> answered = new ConcurrentLinkedQueue<>();
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        AtomicBoolean loading = new AtomicBoolean(true);
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            clients.add(Thread.ofVirtual().start(() -> {
                while (loading.get()) {
                    String requestId = newRequestId();
                    Response response = decide(requestId);
                    statuses.computeIfAbsent(response.status(), s -> new AtomicInteger()).incrementAndGet();
                    if (response.status() == 201) {
                        answered.add(requestId);
                    }
                }
            }));
        }
        // The first decisions of a fresh application are slow (warm-up): crash once it answers steadily
        for (int i = 0; i < 120 && answered.size() < 30; i++) {
            Thread.sleep(500);
        }
        int answeredBeforeCrash = answered.size();

        database.postmaster().orElseThrow().destroyForcibly();
        boolean sawNotReady = false;
        for (int i = 0; i < 10 && !sawNotReady; i++) {
            sawNotReady = get("/actuator/health/readiness", null).status() == 503;
        }
        boolean readyAgain = false;
        for (int i = 0; i < 120 && !readyAgain; i++) {
            Thread.sleep(500);
            readyAgain = get("/actuator/health/readiness", null).status() == 200;
        }
        int answeredAtRestart = answered.size();
        Thread.sleep(2_000);
        loading.set(false);
        for (Thread client : clients) {
            client.join();
        }

        System.out.println("Embedded database crash: answers by status " + statuses + ", " + answered.size()
                + " answered 201 (" + answeredBeforeCrash + " before the crash)");
        assertThat(sawNotReady).as("readiness DOWN right after the crash").isTrue();
        assertThat(readyAgain).as("the embedded database started again").isTrue();
        assertThat(answeredBeforeCrash).isPositive();
        assertThat(answered.size()).as("decisions answered after the restart").isGreaterThan(answeredAtRestart);
        List<String> missing = answered.stream().filter(id -> jdbc.sql(
                "select count(*) from credit_decision where request_id = :id").param("id", id)
                .query(Integer.class).single() != 1).toList();
        assertThat(missing).as("answered 201 but not stored").isEmpty();
        assertThat(statuses.keySet()).as("refusals during the outage are 503, never 500").doesNotContain(500);
    }

    private Response decide(String requestId) {
        return post("/api/v1/credit-decisions", ORDER_SYSTEM, """
                {"requestId": "%s", "customer": {"registrationNumber": "401101001", "name": "Fromageries Durand SA",
                 "country": "FR", "customerSince": "2015-06-01"}, "order": {"amount": 500, "currency": "EUR"}}"""
                .formatted(requestId));
    }
}
