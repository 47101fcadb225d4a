package io.arbiter.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;

import org.junit.jupiter.api.Test;

import io.arbiter.ApiTest;
import tools.jackson.databind.JsonNode;

/**
 * Swagger UI can sign in: the OpenAPI document, read over HTTP as Swagger UI reads it, declares the bearer key and the
 * X-Api-Key header, and a request sent the way Swagger UI sends it after Authorize is let in; its examples decide.
 */
class OpenApiSecurityTests extends ApiTest {

    @Test
    void the_openapi_document_declares_both_ways_to_send_an_api_key_and_requires_one_of_them() {
        Response docs = get("/v3/api-docs", null);

        assertThat(docs.status()).isEqualTo(200);
        JsonNode schemes = docs.body().at("/components/securitySchemes");
        assertThat(schemes.at("/bearerKey/type").asString()).isEqualTo("http");
        assertThat(schemes.at("/bearerKey/scheme").asString()).isEqualTo("bearer");
        assertThat(schemes.at("/apiKeyHeader/type").asString()).isEqualTo("apiKey");
        assertThat(schemes.at("/apiKeyHeader/in").asString()).isEqualTo("header");
        assertThat(schemes.at("/apiKeyHeader/name").asString()).isEqualTo("X-Api-Key");
        assertThat(docs.body().get("security")).extracting(JsonNode::toString)
                .asString().contains("bearerKey").contains("apiKeyHeader");
    }

    @Test
    void what_swagger_ui_sends_after_authorize_is_let_in_with_either_scheme() {
        Response withoutKey = get("/api/v1/policies/active", null);
        Response bearer = get("/api/v1/policies/active", ANALYST);
        Response header = send(HttpRequest.newBuilder(uri("/api/v1/policies/active")).header("X-Api-Key", ANALYST)
                .GET(), null);

        assertThat(withoutKey.status()).isEqualTo(401);
        assertThat(bearer.status()).isEqualTo(200);
        assertThat(header.status()).isEqualTo(200);
        assertThat(get("/swagger-ui/index.html", null).status()).isEqualTo(200);
    }

    @Test
    void the_credit_decision_example_is_a_request_that_decides() {
        JsonNode example = get("/v3/api-docs", null).body().at("/paths/~1api~1v1~1credit-decisions/post/requestBody"
                + "/content/application~1json/examples");
        assertThat(example.isObject()).as("the decision request's examples").isTrue();
        JsonNode value = example.values().iterator().next().get("value");
        assertThat(value.isObject()).as("an object, not a string holding JSON").isTrue();

        String body = value.toString().replace("swagger-try-1", newRequestId());
        Response decided = post("/api/v1/credit-decisions", ORDER_SYSTEM, body);

        assertThat(decided.status()).as(decided.text()).isEqualTo(201);
        assertThat(decided.body().get("outcome").asString()).isEqualTo("APPROVED");
    }

    @Test
    void the_dunning_examples_are_in_the_document() {
        JsonNode paths = get("/v3/api-docs", null).body().get("paths");

        assertThat(paths.at("/~1api~1v1~1dunning~1next-actions/post/requestBody/content/application~1json/examples")
                .toString()).contains("411MOREAU");
        assertThat(paths.at("/~1api~1v1~1dunning~1outcomes/post/requestBody/content/application~1json/examples")
                .toString()).contains("PROMISE_TO_PAY");
    }
}
