package io.arbiter.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;

import org.junit.jupiter.api.Test;

import io.arbiter.ApiTest;

/**
 * Errors Spring raises before a controller runs answer in the same shape as Arbiter's own: problem+json with a type, a
 * title, a detail and the parameter at fault in errors[].
 */
class ProblemShapeTests extends ApiTest {

    private void assertProblem(Response response, int status, String type, String field, String message) {
        assertThat(response.status()).as(response.text()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().has("type")).as(response.text()).isTrue();
        assertThat(response.body().get("type").asString()).isEqualTo("urn:arbiter:problem:" + type);
        assertThat(response.body().get("title").asString()).isNotBlank();
        assertThat(response.body().get("detail").asString()).contains(message);
        if (field != null) {
            assertThat(response.body().at("/errors/0/field").asString()).isEqualTo(field);
            assertThat(response.body().at("/errors/0/message").asString()).contains(message);
        }
    }

    @Test
    void a_path_id_that_is_not_a_uuid_names_the_id() {
        assertProblem(get("/api/v1/credit-decisions/not-a-uuid", ORDER_SYSTEM), 400, "invalid-request", "decisionId",
                "'not-a-uuid' is not an id: expected a UUID");
        assertProblem(get("/api/v1/policies/versions/42", ANALYST), 400, "invalid-request", "id", "is not an id");
    }

    @Test
    void a_bad_effective_from_names_the_parameter_and_publishes_nothing() {
        String before = jdbc.sql("select count(*) || '/' || coalesce(max(published_at)::text, '') from policy_version")
                .query(String.class).single();

        assertProblem(post("/api/v1/policies/versions/00000000-0000-0000-0000-000000000001/publish?effectiveFrom=tomorrow",
                MANAGER, ""), 400, "invalid-request", "effectiveFrom", "'tomorrow' is not an instant: expected an ISO instant");

        assertThat(jdbc.sql("select count(*) || '/' || coalesce(max(published_at)::text, '') from policy_version")
                .query(String.class).single()).isEqualTo(before);
    }

    @Test
    void a_query_parameter_of_the_wrong_type_names_the_parameter() {
        assertProblem(get("/api/v1/dunning/agenda?asOf=31/12/2026", DUNNING_ENGINE), 400, "invalid-request", "asOf",
                "'31/12/2026' is not a date: expected an ISO date");
    }

    @Test
    void an_unsupported_method_and_an_unknown_media_type_have_their_own_types() {
        Response method = send(HttpRequest.newBuilder(uri("/api/v1/policies/active"))
                .PUT(HttpRequest.BodyPublishers.ofString("{}")), ANALYST);
        assertProblem(method, 405, "method-not-allowed", null, "");

        Response media = send(HttpRequest.newBuilder(uri("/api/v1/credit-decisions")).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("hello")), ORDER_SYSTEM);
        assertProblem(media, 415, "unsupported-media-type", null, "");
    }

    @Test
    void a_dunning_refusal_names_the_field_at_fault() {
        Response response = post("/api/v1/dunning/next-actions", DUNNING_ENGINE, """
                {"asOf": "2026-03-02"}""");

        assertProblem(response, 422, "invalid-dunning-request", "account", "account is required");
    }

    @Test
    void a_customer_the_ledger_does_not_hold_is_one_problem_type_whether_named_by_account_or_by_number() {
        Response byAccount = post("/api/v1/dunning/next-actions", DUNNING_ENGINE, """
                {"account": "NO-SUCH-ACCOUNT", "asOf": "2026-03-02"}""");
        // No test puts this number in the ledger.
        Response byNumber = get("/api/v1/ledger/customers/719358269/behaviour", ANALYST);

        assertProblem(byAccount, 404, "customer-not-found", null, "NO-SUCH-ACCOUNT");
        assertProblem(byNumber, 404, "customer-not-found", null, "719358269");
    }

    @Test
    void a_401_is_utf_8_problem_json() {
        Response response = get("/api/v1/credit-decisions/00000000-0000-0000-0000-000000000001", "no-such-key");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json").containsIgnoringCase("charset=UTF-8");
        assertThat(response.body().get("type").asString()).isEqualTo("urn:arbiter:problem:unauthenticated");
    }
}
