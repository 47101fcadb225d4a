package io.arbiter.bureau;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import io.arbiter.ApiTest;
import io.arbiter.ledger.LedgerFixtures;
import tools.jackson.databind.JsonNode;

/**
 * A reaction to a notification that fails is not lost: the outbox keeps it failed and runs it again, here every
 * second, until it succeeds. Closed after its tests, so that no retry of its own runs under another class's tests.
 */
@TestPropertySource(properties = {"arbiter.bureau.waterfall.FR=retried", "arbiter.reactions.retry-interval=1s"})
@Import(ReactionRetryTests.Bureau.class)
@DirtiesContext
class ReactionRetryTests extends ApiTest {

    @TestConfiguration
    static class Bureau {
        @Bean
        ScriptedProvider retried() {
            return new ScriptedProvider("retried");
        }
    }

    @Autowired
    ScriptedProvider retried;

    @Test
    void a_standing_limit_review_that_fails_once_is_retried_and_recorded_once() {
        ReviewRefusals refusals = new ReviewRefusals(jdbc);
        String siren = LedgerFixtures.siren();
        String notificationId = "evt-" + UUID.randomUUID();
        refusals.refuse(notificationId, 1);
        retried.answer(ScriptedProvider.Mode.KNOWS).grade(40).status(CompanyStatus.ACTIVE);

        Response received = post("/api/v1/bureau/notifications", ADMIN, """
                {"provider": "retried", "notificationId": "%s", "registrationNumber": "%s", "country": "FR",
                 "type": "SCORE_BAND_CHANGED"}""".formatted(notificationId, siren));

        assertThat(received.status()).as(received.text()).isEqualTo(201);
        ReviewRefusals.Reaction reaction = await().atMost(Duration.ofSeconds(30))
                .until(() -> refusals.reaction(notificationId), ReviewRefusals.Reaction::completed);
        assertThat(reaction.status()).isEqualTo("COMPLETED");
        assertThat(reaction.attempts()).as("the first run and one retry").isEqualTo(2);
        assertThat(refusals.tries(notificationId)).as("refused once, then stored").isEqualTo(2);
        JsonNode reviews = get("/api/v1/limits/" + siren + "/reviews", ANALYST).body().get("items");
        assertThat(reviews).singleElement()
                .satisfies(review -> assertThat(review.get("notificationId").asString()).isEqualTo(notificationId));
    }
}
