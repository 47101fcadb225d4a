package io.arbiter.bureau;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.arbiter.ledger.LedgerFixtures;

/**
 * A bureau sends a notification again when it doubts it was handled. One whose reaction failed is processed again (its
 * failed reaction runs at once); one whose reactions all succeeded is a duplicate. The timed retry is an hour away in
 * the tests (src/test/resources/config/application.yaml), so only the redelivery can run the reaction again here.
 */
class NotificationRedeliveryTests extends ScriptedBureauTest {

    @Test
    void a_notification_whose_review_failed_is_processed_again_when_sent_again_then_answered_duplicate() {
        ReviewRefusals refusals = new ReviewRefusals(jdbc);
        String siren = LedgerFixtures.siren();
        String notificationId = "evt-" + UUID.randomUUID();
        String notification = """
                {"provider": "scripted", "notificationId": "%s", "registrationNumber": "%s", "country": "FR",
                 "type": "SCORE_BAND_CHANGED"}""".formatted(notificationId, siren);
        refusals.refuse(notificationId, Integer.MAX_VALUE);
        bureau.answer(ScriptedProvider.Mode.KNOWS).grade(35).status(CompanyStatus.ACTIVE);

        Response first = post("/api/v1/bureau/notifications", ADMIN, notification);
        assertThat(first.status()).as(first.text()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(30)).until(() -> refusals.reaction(notificationId).status(), "FAILED"::equals);
        assertThat(get("/api/v1/limits/" + siren + "/reviews", ANALYST).body().get("items")).isEmpty();

        refusals.allow(notificationId);
        bureau.resetCalls();
        Response again = post("/api/v1/bureau/notifications", ADMIN, notification);

        assertThat(again.status()).as(again.text()).isEqualTo(201);
        assertThat(again.body().get("duplicate").asBoolean()).isFalse();
        assertThat(again.body().get("current")).isEqualTo(first.body().get("current"));
        assertThat(bureau.calls()).as("the report was stored: only the failed reaction runs again").isZero();
        ReviewRefusals.Reaction reaction = await().atMost(Duration.ofSeconds(30))
                .until(() -> refusals.reaction(notificationId), ReviewRefusals.Reaction::completed);
        assertThat(reaction.attempts()).isEqualTo(2);
        assertThat(get("/api/v1/limits/" + siren + "/reviews", ANALYST).body().get("items")).singleElement()
                .satisfies(review -> assertThat(review.get("notificationId").asString()).isEqualTo(notificationId));

        Response third = post("/api/v1/bureau/notifications", ADMIN, notification);
        assertThat(third.status()).isEqualTo(200);
        assertThat(third.body().get("duplicate").asBoolean()).isTrue();
        assertThat(refusals.reaction(notificationId).attempts()).as("nothing ran again").isEqualTo(2);
    }
}
