package io.arbiter.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.arbiter.ApiTest;
import io.arbiter.decision.storage.RecordCompression;
import tools.jackson.databind.JsonNode;

class CreditDecisionApiTests extends ApiTest {

    /** Atelier Moreau SARL in the sandbox bureau: an SME with grade 71 and a bureau limit of 120,000 €. */
    private static String smeOrder(String requestId, String amount, String openReceivables) {
        return """
                {"requestId": "%s",
                 "customer": {"registrationNumber": "402202006", "name": "Atelier Moreau SARL", "country": "FR",
                              "customerSince": "2021-03-01", "paymentTermsDays": 45},
                 "order": {"amount": %s, "currency": "EUR", "reference": "PO-1"},
                 "exposure": {"openReceivables": %s, "overdue": 0, "ordersBacklog": 5000},
                 "paymentHistory": {"averageDaysLate": 4, "openDisputes": 0}}
                """.formatted(requestId, amount, openReceivables);
    }

    private static String order(String requestId, String registrationNumber, String customerSince, String amount) {
        return """
                {"requestId": "%s",
                 "customer": {"registrationNumber": "%s", "name": "Customer %s", "country": "FR"%s},
                 "order": {"amount": %s, "currency": "EUR"}}
                """.formatted(requestId, registrationNumber, registrationNumber,
                customerSince == null ? "" : ", \"customerSince\": \"" + customerSince + "\"", amount);
    }

    @Test
    void approves_order_within_limit_and_names_the_rows_that_decided() {
        Response response = post("/api/v1/credit-decisions", ORDER_SYSTEM, smeOrder(newRequestId(), "18000", "32000"));

        assertThat(response.status()).isEqualTo(201);
        JsonNode decision = response.body();
        assertThat(decision.get("outcome").asString()).isEqualTo("APPROVED");
        assertThat(decision.get("segment").asString()).isEqualTo("SME");
        assertThat(decision.get("riskClass").asString()).isEqualTo("A");
        assertThat(decision.get("score").asInt()).isEqualTo(90);
        assertThat(decision.at("/grantedLimit/amount").decimalValue()).isEqualByComparingTo("120000");
        assertThat(decision.at("/limitComposition/binding").asString()).isEqualTo("BUREAU");
        assertThat(decision.at("/exposure/total/amount").decimalValue()).isEqualByComparingTo("55000");
        assertThat(decision.at("/availableCredit/amount").decimalValue()).isEqualByComparingTo("83000");
        assertThat(decision.at("/bureau/provider").asString()).isEqualTo("creditsafe");
        assertThat(decision.at("/bureau/stale").asBoolean()).isFalse();
        assertThat(response.location()).isEqualTo("/api/v1/credit-decisions/" + decision.get("decisionId").asString());
        assertThat(reasons(decision)).contains(
                "segmentation.drl.xlsx|Segmentation|13|Segments_13|Turnover from €2M to under €50M (PME): standard SME plan",
                "credit-limits.drl.xlsx|CreditLimits|15|CreditLimits_15|SME, class A",
                "risk-classes.drl.csv|null|10|RiskClasses_10|80 points or more: excellent, full limits");
        String activeVersion = get("/api/v1/policies/active", ANALYST).body().get("version").asString();
        assertThat(decision.get("policyVersion").asString()).isEqualTo(activeVersion);
    }

    @Test
    void rejects_order_of_customer_in_insolvency_proceedings_whatever_the_limit() {
        JsonNode decision = post("/api/v1/credit-decisions", ORDER_SYSTEM,
                order(newRequestId(), "404404006", "2019-01-01", "500")).body();

        assertThat(decision.get("outcome").asString()).isEqualTo("REJECTED");
        assertThat(reasons(decision)).contains("hard-stops.drl|null|10|Insolvency proceedings|The company is in insolvency"
                + " proceedings (procédure collective): no new credit; declare the claim instead");
    }

    @Test
    void rejects_order_when_exposure_exceeds_limit_beyond_tolerance() {
        Response response = post("/api/v1/credit-decisions", ORDER_SYSTEM, smeOrder(newRequestId(), "100000", "32000"));

        assertThat(response.body().get("outcome").asString()).isEqualTo("REJECTED");
        assertThat(response.body().get("summary").asString())
                .isEqualTo("Exposure with this order (137000.00 EUR) exceeds the granted limit (120000.00 EUR) by 14.2 %,"
                        + " beyond the 10 % review tolerance.");
    }

    @Test
    void sends_order_slightly_above_limit_to_review() {
        JsonNode decision = post("/api/v1/credit-decisions", ORDER_SYSTEM, smeOrder(newRequestId(), "90000", "32000")).body();

        assertThat(decision.get("outcome").asString()).isEqualTo("REVIEW");
        assertThat(decision.get("summary").asString()).contains("within the 10 % review tolerance");
    }

    @Test
    void sends_new_customer_unknown_to_bureaus_to_review() {
        JsonNode decision = post("/api/v1/credit-decisions", ORDER_SYSTEM,
                order(newRequestId(), "552100554", null, "3000")).body();

        assertThat(decision.get("outcome").asString()).isEqualTo("REVIEW");
        assertThat(decision.get("segment").asString()).isEqualTo("NEW_CUSTOMER");
        assertThat(decision.at("/bureau/available").asBoolean()).isFalse();
        assertThat(reasons(decision)).anyMatch(r -> r.startsWith("hard-stops.drl|null|26|New customer unknown to the bureaus|"));
    }

    @Test
    void sends_order_to_review_when_bureau_report_is_stale() {
        JsonNode decision = post("/api/v1/credit-decisions", ORDER_SYSTEM,
                order(newRequestId(), "406606004", "2020-01-01", "1000")).body();

        assertThat(decision.get("outcome").asString()).isEqualTo("REVIEW");
        assertThat(decision.at("/bureau/stale").asBoolean()).isTrue();
        assertThat(reasons(decision)).anyMatch(r -> r.contains("|Stale bureau report|"));
    }

    @Test
    void treats_french_public_law_entity_as_public_sector_from_its_siren() {
        JsonNode decision = post("/api/v1/credit-decisions", ORDER_SYSTEM,
                order(newRequestId(), "217500016", "2024-01-01", "40000")).body();

        assertThat(decision.get("segment").asString()).isEqualTo("PUBLIC_SECTOR");
        assertThat(decision.get("dunningPlan").asString()).isEqualTo("PUBLIC_SECTOR");
        assertThat(decision.get("outcome").asString()).isEqualTo("APPROVED");
    }

    @Test
    void stores_the_decision_before_answering_and_returns_it_by_id() {
        String requestId = newRequestId();
        JsonNode answered = post("/api/v1/credit-decisions", ORDER_SYSTEM, smeOrder(requestId, "18000", "32000")).body();
        String decisionId = answered.get("decisionId").asString();

        Response stored = get("/api/v1/credit-decisions/" + decisionId, ORDER_SYSTEM);
        assertThat(stored.status()).isEqualTo(200);
        assertThat(stored.body()).isEqualTo(answered);
        var row = jdbc.sql("""
                select outcome, policy_version, request, facts, response
                from credit_decision where request_id = :id""").param("id", requestId)
                .query((rs, n) -> List.of(rs.getString(1), rs.getString(2),
                        json.readTree(RecordCompression.unpackText(rs.getBytes(3))).get("requestId").asString(),
                        json.readTree(RecordCompression.unpackText(rs.getBytes(4))).get("bureauGrade").asString(),
                        json.readTree(RecordCompression.unpackText(rs.getBytes(5))).get("decisionId").asString())).single();
        assertThat(row).containsExactly("APPROVED", answered.get("policyVersion").asString(), requestId, "71", decisionId);
    }

    @Test
    void decision_records_cannot_be_altered() {
        String requestId = newRequestId();
        post("/api/v1/credit-decisions", ORDER_SYSTEM, smeOrder(requestId, "18000", "32000"));

        assertThatThrownBy(() -> jdbc.sql("update credit_decision set outcome = 'REJECTED' where request_id = :id")
                .param("id", requestId).update()).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from credit_decision where request_id = :id")
                .param("id", requestId).update()).hasMessageContaining("append-only");
    }

    @Test
    void asking_again_with_the_same_request_id_returns_the_stored_decision() {
        String body = smeOrder(newRequestId(), "18000", "32000");
        Response first = post("/api/v1/credit-decisions", ORDER_SYSTEM, body);
        Response second = post("/api/v1/credit-decisions", ORDER_SYSTEM, body);

        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(storedRows(first.body().get("requestId").asString())).isEqualTo(1);
    }

    @Test
    void asking_again_with_the_same_amounts_written_otherwise_returns_the_stored_decision() {
        String requestId = newRequestId();
        Response first = post("/api/v1/credit-decisions", ORDER_SYSTEM, smeOrder(requestId, "18000", "32000"));
        // A retry from another client library, which writes amounts with their cents: the same question.
        Response retried = post("/api/v1/credit-decisions", ORDER_SYSTEM, smeOrder(requestId, "18000.00", "32000.0"));

        assertThat(first.status()).isEqualTo(201);
        assertThat(retried.status()).as(retried.text()).isEqualTo(200);
        assertThat(retried.body()).isEqualTo(first.body());
        assertThat(storedRows(requestId)).isEqualTo(1);
    }

    @Test
    void concurrent_calls_with_the_same_request_id_decide_once() throws Exception {
        String requestId = newRequestId();
        String body = smeOrder(requestId, "18000", "32000");
        int callers = 16;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Response>> calls = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(callers)) {
            for (int i = 0; i < callers; i++) {
                calls.add(pool.submit((Callable<Response>) () -> {
                    start.await();
                    return post("/api/v1/credit-decisions", ORDER_SYSTEM, body);
                }));
            }
            start.countDown();
            Set<String> decisionIds = new HashSet<>();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Response> call : calls) {
                Response response = call.get();
                statuses.add(response.status());
                decisionIds.add(response.body().get("decisionId").asString());
            }
            assertThat(decisionIds).hasSize(1);
            assertThat(statuses).containsOnly(200, 201).containsOnlyOnce(201);
        }
        assertThat(storedRows(requestId)).isEqualTo(1);
    }

    @Test
    void reusing_a_request_id_for_a_different_order_is_a_conflict_and_changes_nothing() {
        String requestId = newRequestId();
        JsonNode original = post("/api/v1/credit-decisions", ORDER_SYSTEM, smeOrder(requestId, "18000", "32000")).body();

        Response reused = post("/api/v1/credit-decisions", ORDER_SYSTEM, smeOrder(requestId, "19000", "32000"));

        assertThat(reused.status()).isEqualTo(409);
        assertThat(reused.contentType()).startsWith("application/problem+json");
        assertThat(reused.body().get("type").asString()).isEqualTo("urn:arbiter:problem:request-id-reused");
        assertThat(reused.body().get("detail").asString()).contains(requestId);
        assertThat(storedRows(requestId)).isEqualTo(1);
        assertThat(get("/api/v1/credit-decisions/" + original.get("decisionId").asString(), ORDER_SYSTEM).body())
                .isEqualTo(original);
    }

    @Test
    void an_unknown_decision_id_is_not_found() {
        Response response = get("/api/v1/credit-decisions/7f0c7d8e-0000-4000-8000-000000000000", ORDER_SYSTEM);

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.body().get("type").asString()).isEqualTo("urn:arbiter:problem:decision-not-found");
    }

    private int storedRows(String requestId) {
        return jdbc.sql("select count(*) from credit_decision where request_id = :id").param("id", requestId)
                .query(Integer.class).single();
    }

    private static List<String> reasons(JsonNode decision) {
        List<String> reasons = new ArrayList<>();
        decision.get("reasons").forEach(r -> reasons.add(String.join("|", r.get("table").asString(),
                r.get("sheet").isNull() ? "null" : r.get("sheet").asString(), r.get("row").asString(),
                r.get("ruleName").asString(), r.get("description").asString())));
        return reasons;
    }
}
