package io.arbiter.decision;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.arbiter.ApiTest;
import tools.jackson.databind.JsonNode;

class ReviewVerdictApiTests extends ApiTest {

    private String reviewDecision() {
        Response decided = post("/api/v1/credit-decisions", ORDER_SYSTEM, reviewOrder(newRequestId()));
        assertThat(decided.body().get("outcome").asString()).isEqualTo("REVIEW");
        assertThat(decided.body().has("review")).as("a new decision has no verdict yet").isFalse();
        String id = decided.body().get("decisionId").asString();
        assertThat(queue()).contains(id);
        return id;
    }

    @Test
    void an_analyst_approves_a_review_decision_up_to_an_amount_and_the_order_system_reads_it_on_the_decision() {
        String id = reviewDecision();
        String before = jdbc.sql("select response::text from credit_decision where decision_id = ?::uuid").param(id)
                .query(String.class).single();

        Response reviewed = post("/api/v1/credit-decisions/" + id + "/review", ANALYST, """
                {"verdict": "APPROVE_UP_TO", "amount": {"amount": 60000, "currency": "EUR"},
                 "comment": "Customer paid its last 12 invoices on time; 60k now, the rest after payment."}""");
        assertThat(reviewed.status()).as(reviewed.text()).isEqualTo(201);

        JsonNode decision = get("/api/v1/credit-decisions/" + id, ORDER_SYSTEM).body();
        assertThat(decision.get("outcome").asString()).as("the decision itself never changes").isEqualTo("REVIEW");
        assertThat(decision.at("/review/verdict").asString()).isEqualTo("APPROVE_UP_TO");
        assertThat(decision.at("/review/amount/amount").decimalValue()).isEqualByComparingTo("60000");
        assertThat(decision.at("/review/amount/currency").asString()).isEqualTo("EUR");
        assertThat(decision.at("/review/comment").asString()).startsWith("Customer paid its last 12 invoices");
        assertThat(decision.at("/review/reviewedBy").asString()).isEqualTo("test credit analyst");
        assertThat(decision.at("/review/reviewedAt").asString()).isNotBlank();
        assertThat(jdbc.sql("select response::text from credit_decision where decision_id = ?::uuid").param(id)
                .query(String.class).single()).as("the stored decision record is untouched").isEqualTo(before);
        assertThat(jdbc.sql("select count(*) from credit_decision where decision_id = ?::uuid and outcome = 'REVIEW'")
                .param(id).query(Long.class).single()).isEqualTo(1);
        assertThat(queue()).as("a reviewed decision leaves the review queue").doesNotContain(id);
    }

    private java.util.List<String> queue() {
        java.util.List<String> ids = new java.util.ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = get("/api/v1/credit-decisions/review-queue?limit=500" + (cursor == null ? "" : "&cursor=" + cursor),
                    ANALYST).body();
            page.get("items").forEach(item -> ids.add(item.get("decisionId").asString()));
            cursor = page.path("next").isString() ? page.get("next").asString() : null;
        } while (cursor != null);
        return ids;
    }

    @Test
    void a_verdict_is_never_replaced() {
        String id = reviewDecision();
        assertThat(post("/api/v1/credit-decisions/" + id + "/review", MANAGER, "{\"verdict\": \"REJECT\"}").status())
                .isEqualTo(201);
        Response again = post("/api/v1/credit-decisions/" + id + "/review", ANALYST, "{\"verdict\": \"APPROVE\"}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().get("type").asString()).isEqualTo("urn:arbiter:problem:already-reviewed");
        assertThat(again.body().get("detail").asString()).contains("REJECT by test credit manager");
        assertThat(get("/api/v1/credit-decisions/" + id, ORDER_SYSTEM).body().at("/review/verdict").asString())
                .isEqualTo("REJECT");
        assertThat(jdbc.sql("select count(*) from review_verdict where decision_id = ?::uuid").param(id)
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void only_review_decisions_take_a_verdict_and_bad_verdicts_say_what_to_fix() {
        String approved = post("/api/v1/credit-decisions", ORDER_SYSTEM, smeOrder(newRequestId())).body()
                .get("decisionId").asString();
        Response notUnderReview = post("/api/v1/credit-decisions/" + approved + "/review", ANALYST, "{\"verdict\": \"APPROVE\"}");
        assertThat(notUnderReview.status()).isEqualTo(409);
        assertThat(notUnderReview.body().get("type").asString()).isEqualTo("urn:arbiter:problem:not-under-review");

        String id = reviewDecision();
        assertThat(refusedField(post("/api/v1/credit-decisions/" + id + "/review", ANALYST, "{\"verdict\": \"MAYBE\"}")))
                .isEqualTo("verdict");
        assertThat(refusedField(post("/api/v1/credit-decisions/" + id + "/review", ANALYST, "{\"verdict\": \"APPROVE_UP_TO\"}")))
                .isEqualTo("amount.amount");
        assertThat(refusedField(post("/api/v1/credit-decisions/" + id + "/review", ANALYST,
                "{\"verdict\": \"APPROVE_UP_TO\", \"amount\": {\"amount\": 100, \"currency\": \"USD\"}}")))
                .isEqualTo("amount.currency");
        assertThat(refusedField(post("/api/v1/credit-decisions/" + id + "/review", ANALYST,
                "{\"verdict\": \"REJECT\", \"amount\": {\"amount\": 100, \"currency\": \"EUR\"}}"))).isEqualTo("amount");
        assertThat(post("/api/v1/credit-decisions/00000000-0000-0000-0000-000000000000/review", ANALYST,
                "{\"verdict\": \"APPROVE\"}").status()).isEqualTo(404);
        assertThat(get("/api/v1/credit-decisions/" + id, ORDER_SYSTEM).body().has("review"))
                .as("nothing refused was recorded").isFalse();
    }

    @Test
    void order_systems_and_salespeople_give_no_verdict() {
        String id = reviewDecision();
        assertThat(post("/api/v1/credit-decisions/" + id + "/review", ORDER_SYSTEM, "{\"verdict\": \"APPROVE\"}").status())
                .isEqualTo(403);
        assertThat(post("/api/v1/credit-decisions/" + id + "/review", SALESPERSON, "{\"verdict\": \"APPROVE\"}").status())
                .isEqualTo(403);
    }
}
