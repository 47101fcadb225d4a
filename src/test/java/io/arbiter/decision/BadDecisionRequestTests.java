package io.arbiter.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.arbiter.ApiTest;

/** Client mistakes get a 4xx problem naming the field and the reason, and nothing is stored. */
class BadDecisionRequestTests extends ApiTest {

    private static final String CUSTOMER = """
            {"registrationNumber": "402202006", "name": "Atelier Moreau SARL", "country": "FR"}""";

    private static String request(String requestId, String customer, String order) {
        return """
                {"requestId": "%s", "customer": %s, "order": %s}""".formatted(requestId, customer, order);
    }

    private static String order(String amount, String currency) {
        return """
                {"amount": %s, "currency": "%s"}""".formatted(amount, currency);
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                Arguments.of("missing customer", 400, "customer", """
                        {"requestId": "%s", "order": {"amount": 10, "currency": "EUR"}}"""),
                Arguments.of("negative amount", 400, "order.amount", request("%s", CUSTOMER, order("-10", "EUR"))),
                Arguments.of("zero amount", 400, "order.amount", request("%s", CUSTOMER, order("0", "EUR"))),
                Arguments.of("absurd amount", 400, "order.amount", request("%s", CUSTOMER, order("5000000000000", "EUR"))),
                Arguments.of("fractions of a cent", 400, "order.amount", request("%s", CUSTOMER, order("10.001", "EUR"))),
                Arguments.of("amount that is not a number", 400, "order.amount", request("%s", CUSTOMER, order("\"lots\"", "EUR"))),
                Arguments.of("currency that is not a code", 400, "order.currency", request("%s", CUSTOMER, order("10", "euro"))),
                Arguments.of("unknown currency", 400, "order.currency", request("%s", CUSTOMER, order("10", "XYZ"))),
                Arguments.of("currency the policy is not in", 422, "order.currency", request("%s", CUSTOMER, order("10", "USD"))),
                Arguments.of("SIREN with a wrong check digit", 400, "customer.registrationNumber", request("%s", """
                        {"registrationNumber": "402202007", "name": "Typo SARL", "country": "FR"}""", order("10", "EUR"))),
                Arguments.of("country in lower case", 400, "customer.country", request("%s", """
                        {"registrationNumber": "402202006", "name": "Atelier Moreau SARL", "country": "fr"}""", order("10", "EUR"))),
                Arguments.of("customer since a future date", 400, "customer.customerSince", request("%s", """
                        {"registrationNumber": "402202006", "name": "Atelier Moreau SARL", "country": "FR",
                         "customerSince": "2999-01-01"}""", order("10", "EUR"))),
                Arguments.of("negative exposure", 400, "exposure.openReceivables", """
                        {"requestId": "%s", "customer": %s, "order": {"amount": 10, "currency": "EUR"},
                         "exposure": {"openReceivables": -1}}""".formatted("%s", CUSTOMER)),
                Arguments.of("overdue above the open receivables it is part of", 400, "exposure.overdue", """
                        {"requestId": "%s", "customer": %s, "order": {"amount": 1000, "currency": "EUR"},
                         "exposure": {"openReceivables": 1, "overdue": 30000000}}""".formatted("%s", CUSTOMER)),
                Arguments.of("customer since a year out of any ledger", 400, "customer.customerSince", """
                        {"requestId": "%s", "customer": {"registrationNumber": "402202006", "name": "Atelier Moreau SARL",
                         "country": "FR", "customerSince": "-999999999-01-01"}, "order": {"amount": 10, "currency": "EUR"}}"""),
                Arguments.of("order dated beyond 2200", 400, "order.date", request("%s", CUSTOMER, """
                        {"amount": 10, "currency": "EUR", "date": "+999999999-12-31"}""")),
                Arguments.of("misspelt field", 400, "order.ammount", request("%s", CUSTOMER, """
                        {"ammount": 10, "currency": "EUR"}""")),
                Arguments.of("date that does not parse", 400, "order.date", request("%s", CUSTOMER, """
                        {"amount": 10, "currency": "EUR", "date": "31/12/2026"}""")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void rejects_a_client_mistake_with_a_problem_naming_the_field_and_stores_nothing(String mistake, int status,
            String field, String template) {
        String requestId = newRequestId();
        Response response = post("/api/v1/credit-decisions", ORDER_SYSTEM, template.formatted(requestId));

        assertThat(response.status()).as(response.text()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().get("type").asString()).startsWith("urn:arbiter:problem:");
        assertThat(response.body().get("detail").asString()).contains(field);
        assertThat(response.body().get("errors").get(0).get("field").asString()).isEqualTo(field);
        assertThat(stored(requestId)).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedBodies")
    void answers_a_body_that_is_not_json_with_a_problem(String what, String body) {
        Response response = post("/api/v1/credit-decisions", ORDER_SYSTEM, body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().get("type").asString()).isEqualTo("urn:arbiter:problem:malformed-request");
    }

    static Stream<Arguments> malformedBodies() {
        return Stream.of(Arguments.of("truncated JSON", "{\"requestId\": \"x\", \"customer\": {"),
                Arguments.of("not JSON at all", "requestId=x&amount=10"),
                Arguments.of("empty body", ""));
    }

    private int stored(String requestId) {
        return jdbc.sql("select count(*) from credit_decision where request_id = :id").param("id", requestId)
                .query(Integer.class).single();
    }
}
