package io.arbiter.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.arbiter.ApiTest;

/** What the API shows and accepts of anyone: sizes, health details. */
class ApiHygieneTests extends ApiTest {

    /** 5 MB of leading whitespace before a decision request: above the 4 MB default of arbiter.http.max-json-size. */
    private static byte[] padded() {
        String request = """
                {"requestId": "%s", "customer": {"registrationNumber": "401101001", "name": "Fromageries Durand SA",
                 "country": "FR"}, "order": {"amount": 500, "currency": "EUR"}}""".formatted(newRequestId());
        return (" ".repeat(5 * 1024 * 1024) + request).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void a_json_body_above_the_maximum_size_is_refused_with_413_whether_its_length_is_declared_or_not() {
        Response declared = send(HttpRequest.newBuilder(uri("/api/v1/credit-decisions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(padded())),
                ORDER_SYSTEM);
        Response chunked = send(HttpRequest.newBuilder(uri("/api/v1/credit-decisions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(padded()))), ORDER_SYSTEM);

        for (Response refused : new Response[] {declared, chunked}) {
            assertThat(refused.status()).as(refused.text()).isEqualTo(413);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.body().get("type").asString()).endsWith("request-too-large");
        }
    }

    @Test
    void anonymous_health_shows_the_status_only_and_an_admin_sees_the_details() {
        Response anonymous = get("/actuator/health", null);
        Response admin = get("/actuator/health", ADMIN);

        assertThat(anonymous.status()).isEqualTo(200);
        assertThat(anonymous.body().properties()).extracting(java.util.Map.Entry::getKey).containsOnly("status", "groups");
        assertThat(anonymous.text()).doesNotContain("diskSpace").doesNotContain("PostgreSQL").doesNotContain("policy");
        assertThat(admin.body().at("/components/db/details/database").asString()).isEqualTo("PostgreSQL");
        assertThat(admin.body().at("/components/diskSpace/details/total").isNumber()).isTrue();
    }
}
