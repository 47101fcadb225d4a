package io.arbiter.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.arbiter.ledger.LedgerFixtures;
import io.arbiter.limits.review.LimitChecks;
import io.arbiter.limits.review.ReviewTasks;
import tools.jackson.databind.JsonNode;

/**
 * The periodic check. Time is not moved: a test stands for days passing by moving a stored date into the past, as the
 * clock would.
 */
class LimitChecksTests extends LimitsApiTest {

    @Autowired
    LimitChecks checks;

    @Autowired
    ReviewTasks tasks;

    @Test
    void a_manager_closes_a_review_task_with_an_outcome_and_a_comment_and_it_leaves_the_open_list_once() {
        String siren = company(LedgerFixtures.unique("SP"));
        tasks.open("FR", siren, siren, "SCORE_DOWN", "Bureau band 2 → 4", "test-close-" + siren);
        long id = get("/api/v1/limits/companies/" + siren, ANALYST).body().at("/reviewTasks/0/id").asLong();
        String path = "/api/v1/limits/reviews/" + id + "/close";

        assertThat(post(path, SALESPERSON, "{\"outcome\": \"KEPT\", \"comment\": \"fine\"}").status())
                .as("a salesperson closes no review").isEqualTo(403);
        assertThat(refusedField(post(path, MANAGER, "{\"outcome\": \"KEPT\"}"))).isEqualTo("comment");
        assertThat(refusedField(post(path, MANAGER, "{\"outcome\": \"MAYBE\", \"comment\": \"x\"}"))).isEqualTo("outcome");
        Response unknown = post("/api/v1/limits/reviews/999999999/close", MANAGER, "{\"outcome\": \"KEPT\", \"comment\": \"x\"}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().get("type").asString()).endsWith("review-task-not-found");

        Response closed = post(path, MANAGER, "{\"outcome\": \"kept\", \"comment\": \"Accounts of June still solid\"}");
        assertThat(closed.status()).as(closed.text()).isEqualTo(200);
        assertThat(closed.body().get("status").asString()).isEqualTo("CLOSED");
        assertThat(closed.body().at("/closed/outcome").asString()).isEqualTo("KEPT");
        assertThat(closed.body().at("/closed/by").asString()).isEqualTo("test credit manager");
        assertThat(closed.body().at("/closed/comment").asString()).isEqualTo("Accounts of June still solid");
        assertThat(get("/api/v1/limits/reviews?limit=200", MANAGER).body().get("items"))
                .noneSatisfy(task -> assertThat(task.get("id").asLong()).isEqualTo(id));
        assertThat(get("/api/v1/limits/companies/" + siren, ANALYST).body().at("/reviewTasks/0/closed/outcome").asString())
                .isEqualTo("KEPT");

        Response again = post(path, ANALYST, "{\"outcome\": \"NO_LIMIT\", \"comment\": \"x\"}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");
        assertThat(again.body().get("type").asString()).endsWith("review-task-closed");
        assertThat(again.body().get("detail").asString()).contains("test credit manager");
    }

    @Test
    void a_limit_near_its_review_date_opens_one_review_task_and_once_past_it_expires_and_decisions_use_the_policy() {
        String siren = company(LedgerFixtures.unique("SP"));
        LocalDate today = LocalDate.now();
        String id = request(ANALYST, siren, "700000", ", \"validUntil\": \"" + today.plusDays(10) + "\"").body()
                .get("id").asString();
        verdict(MANAGER, id, "APPROVE", "");
        verdict(MANAGER_2, id, "APPROVE", "");

        checks.run();
        checks.run();
        JsonNode limits = get("/api/v1/limits/companies/" + siren, ANALYST).body();
        assertThat(limits.get("reviewTasks")).singleElement().satisfies(task -> {
            assertThat(task.get("trigger").asString()).isEqualTo("EXPIRING");
            assertThat(task.get("detail").asString()).contains(today.plusDays(10).toString());
        });
        assertThat(get("/api/v1/limits/reviews?limit=200", MANAGER).body().get("items")).anySatisfy(task ->
                assertThat(task.at("/company/registrationNumber").asString()).isEqualTo(siren));
        assertThat(decide(siren, "600000", today).body().at("/limitComposition/binding").asString()).isEqualTo("STANDING");

        jdbc.sql("update limit_standing set valid_until = ? where registration_number = ?")
                .params(java.sql.Date.valueOf(today.minusDays(1)), siren).update();
        checks.run();

        JsonNode expired = get("/api/v1/limits/companies/" + siren, ANALYST).body();
        assertThat(expired.at("/standingLimits/0/status").asString()).isEqualTo("EXPIRED");
        assertThat(expired.at("/history/0/change").asString()).isEqualTo("EXPIRED");
        JsonNode decision = decide(siren, "600000", today).body();
        assertThat(decision.at("/limitComposition/binding").asString()).isNotEqualTo("STANDING");
        assertThat(decision.get("outcome").asString()).isEqualTo("REJECTED");
    }

    @Test
    void a_request_nobody_decides_on_in_time_expires_and_takes_no_more_verdicts() {
        String siren = company(LedgerFixtures.unique("SP"));
        String id = request(ANALYST, siren, "5000", "").body().get("id").asString();
        jdbc.sql("update limit_request set expires_at = now() - interval '1 minute' where id = ?").param(UUID.fromString(id))
                .update();

        checks.run();

        assertThat(get("/api/v1/limits/requests/" + id, ANALYST).body().get("status").asString()).isEqualTo("EXPIRED");
        assertThat(verdict(MANAGER, id, "APPROVE", "").status()).isEqualTo(409);
        assertThat(request(ANALYST, siren, "5000", "").status()).as("a new request may follow").isEqualTo(201);
    }
}
