package io.arbiter.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;

import org.junit.jupiter.api.Test;

import io.arbiter.ApiTest;

class ApiKeySecurityTests extends ApiTest {

    private static final String ORDER = """
            {"requestId": "%s", "customer": {"registrationNumber": "402202006", "name": "Atelier Moreau SARL", "country": "FR"},
             "order": {"amount": 100, "currency": "EUR"}}""";

    @Test
    void a_request_without_key_is_unauthenticated_and_stores_nothing() {
        String requestId = newRequestId();
        Response response = post("/api/v1/credit-decisions", null, ORDER.formatted(requestId));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.wwwAuthenticate()).isEqualTo("Bearer");
        assertThat(response.body().get("type").asString()).isEqualTo("urn:arbiter:problem:unauthenticated");
        assertThat(jdbc.sql("select count(*) from credit_decision where request_id = :id").param("id", requestId)
                .query(Integer.class).single()).isZero();
    }

    @Test
    void an_unknown_key_is_unauthenticated() {
        Response response = post("/api/v1/credit-decisions", "not-a-key", ORDER.formatted(newRequestId()));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.body().get("detail").asString()).contains("not known");
    }

    @Test
    void the_dunning_engine_may_not_ask_for_credit_decisions() {
        Response response = post("/api/v1/credit-decisions", DUNNING_ENGINE, ORDER.formatted(newRequestId()));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().get("type").asString()).isEqualTo("urn:arbiter:problem:forbidden");
    }

    @Test
    void only_finance_staff_see_the_policy() {
        assertThat(get("/api/v1/policies/active", ORDER_SYSTEM).status()).isEqualTo(403);
        Response active = get("/api/v1/policies/active", ANALYST);
        assertThat(active.status()).isEqualTo(200);
        // The shipped policy: segmentation, scoring, risk classes, credit limits, hard stops, escalation, approval matrix.
        assertThat(active.body().get("files").size()).isEqualTo(7);
    }

    @Test
    void the_key_may_also_come_in_an_x_api_key_header() {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/api/v1/policies/active")).header("X-Api-Key", ANALYST).GET();

        assertThat(send(request, null).status()).isEqualTo(200);
    }

    @Test
    void health_and_api_documentation_are_public() {
        Response readiness = get("/actuator/health/readiness", null);
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.body().get("status").asString()).isEqualTo("UP");
        // A probe sees the status only; which component is down is for an administrator.
        assertThat(readiness.body().has("components")).isFalse();
        Response detailed = get("/actuator/health/readiness", ADMIN);
        assertThat(detailed.body().at("/components/policy/status").asString()).isEqualTo("UP");
        assertThat(detailed.body().at("/components/db/status").asString()).isEqualTo("UP");
        Response docs = get("/v3/api-docs", null);
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body().at("/paths").has("/api/v1/credit-decisions")).isTrue();
    }

    @Test
    void metrics_are_for_administrators_and_count_decisions_bureau_calls_and_cache_use() {
        post("/api/v1/credit-decisions", ORDER_SYSTEM, ORDER.formatted(newRequestId()));
        // A company no bureau knows is never cached, so this decision asks the providers.
        post("/api/v1/credit-decisions", ORDER_SYSTEM, ORDER.replace("402202006", "552100554").formatted(newRequestId()));

        assertThat(get("/actuator/prometheus", null).status()).isEqualTo(401);
        assertThat(get("/actuator/prometheus", ORDER_SYSTEM).status()).isEqualTo(403);
        Response metrics = get("/actuator/prometheus", ADMIN);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.text()).contains("arbiter_decisions_total{").contains("arbiter_policy_evaluation_seconds")
                .contains("arbiter_bureau_calls_seconds_count{").contains("outcome=\"not_found\"")
                .contains("cache_gets_total{").contains("cache=\"solvency-reports\"").contains("resilience4j_circuitbreaker_state{");
    }
}
