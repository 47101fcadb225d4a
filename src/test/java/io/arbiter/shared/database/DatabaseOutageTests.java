package io.arbiter.shared.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.arbiter.ApiTest;
import io.arbiter.TcpProxy;

/**
 * The database goes away under a running Arbiter (its link cut by a proxy): requests are answered 503 problem+json
 * with Retry-After, not 500, readiness says DOWN within seconds, and once the database is back the same request is
 * decided and stored.
 */
class DatabaseOutageTests extends ApiTest {

    private static final TcpProxy database;
    private static final String SCHEMA = "arbiter_outage_" + ThreadLocalRandom.current().nextInt(100_000, 1_000_000);

    static {
        try {
            database = new TcpProxy(5432);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void throughTheProxy(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:postgresql://127.0.0.1:" + database.port()
                + "/test?user=postgres&currentSchema=" + SCHEMA + "&connectTimeout=2&socketTimeout=10");
        registry.add("spring.flyway.schemas", () -> SCHEMA);
        registry.add("spring.datasource.hikari.connection-timeout", () -> "1000");
    }

    @AfterAll
    static void dropSchema() throws Exception {
        database.close();
        try (var connection = java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
                var statement = connection.createStatement()) {
            statement.execute("drop schema if exists " + SCHEMA + " cascade");
        }
    }

    private Response decide(String requestId) {
        return post("/api/v1/credit-decisions", ORDER_SYSTEM, """
                {"requestId": "%s", "customer": {"registrationNumber": "401101001", "name": "Fromageries Durand SA",
                 "country": "FR", "customerSince": "2015-06-01"}, "order": {"amount": 500, "currency": "EUR"}}"""
                .formatted(requestId));
    }

    @Test
    void a_database_outage_answers_503_with_retry_after_and_the_retry_is_stored_once_it_is_back() throws Exception {
        assertThat(decide(newRequestId()).status()).isEqualTo(201);
        String requestId = newRequestId();

        database.cut();
        try {
            long start = System.nanoTime();
            var refused = send(HttpRequest.newBuilder(uri("/api/v1/credit-decisions"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("""
                            {"requestId": "%s", "customer": {"registrationNumber": "401101001", "name": "Fromageries Durand SA",
                             "country": "FR", "customerSince": "2015-06-01"}, "order": {"amount": 500, "currency": "EUR"}}"""
                            .formatted(requestId))), ORDER_SYSTEM);
            assertThat(refused.status()).as(refused.text()).isEqualTo(503);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.body().get("type").asString()).endsWith("database-unavailable");
            assertThat(retryAfter(requestId)).isEqualTo("5");
            assertThat(get("/actuator/health/readiness", null).status()).isEqualTo(503);
            assertThat((System.nanoTime() - start) / 1_000_000).as("refused within seconds, not Hikari's 30").isLessThan(15_000);
        } finally {
            database.restore();
        }

        Response retried = null;
        for (int attempt = 0; attempt < 20 && (retried == null || retried.status() != 201); attempt++) {
            Thread.sleep(500);
            retried = decide(requestId);
        }
        assertThat(retried.status()).as(retried.text()).isEqualTo(201);
        assertThat(jdbc.sql("select count(*) from credit_decision where request_id = :id").param("id", requestId)
                .query(Integer.class).single()).isEqualTo(1);
    }

    /** The Retry-After header of a decision asked while the database is away. */
    private String retryAfter(String requestId) throws Exception {
        var response = java.net.http.HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri("/api/v1/credit-decisions"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + ORDER_SYSTEM)
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"requestId": "%s", "customer": {"registrationNumber": "401101001", "name": "Fromageries Durand SA",
                         "country": "FR", "customerSince": "2015-06-01"}, "order": {"amount": 500, "currency": "EUR"}}"""
                        .formatted(requestId))).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        return response.headers().firstValue("Retry-After").orElse(null);
    }
}
