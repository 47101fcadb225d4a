package io.arbiter.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.arbiter.ledger.LedgerFixtures;
import io.arbiter.limits.review.LimitChecks;
import tools.jackson.databind.JsonNode;

/**
 * The periodic check. Time is not moved: a test stands for days passing by moving a stored date into the past, as the
 * clock would.
 */
class LimitChecksTests extends LimitsApiTest {

    @Autowired
    LimitChecks checks;

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
        assertThat(expired.at("/standingLimit/status").asString()).isEqualTo("EXPIRED");
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
