package io.arbiter.bureau;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

class MonitoringNotificationTests extends ScriptedBureauTest {

    /** A Luhn-valid SIREN that no other test uses. */
    private static final String COMPANY = "407707009";

    private static String notification(String id) {
        return """
                {"provider": "scripted", "notificationId": "%s", "registrationNumber": "%s", "country": "FR",
                 "type": "STATUS_CHANGED"}""".formatted(id, COMPANY);
    }

    /** The company's latest standing limit review, once the notification's reaction (after its commit) has run. */
    private JsonNode latestReview(String company, String notificationId) {
        return await().atMost(Duration.ofSeconds(30)).until(
                () -> get("/api/v1/limits/" + company + "/reviews", ANALYST).body().get("items").get(0),
                review -> review != null && notificationId.equals(review.get("notificationId").asString()));
    }

    @Test
    void a_notification_refreshes_the_report_records_the_change_and_reviews_the_standing_limit() {
        bureau.answer(ScriptedProvider.Mode.KNOWS).grade(72).status(CompanyStatus.ACTIVE);
        JsonNode decision = post("/api/v1/credit-decisions", ORDER_SYSTEM, """
                {"requestId": "%s", "customer": {"registrationNumber": "%s", "name": "Watched SA", "country": "FR",
                 "customerSince": "2018-01-01"}, "order": {"amount": 1000, "currency": "EUR"}}"""
                .formatted(newRequestId(), COMPANY)).body();
        assertThat(decision.get("outcome").asString()).isEqualTo("APPROVED");

        bureau.grade(8).status(CompanyStatus.INSOLVENCY_PROCEEDINGS);
        String notificationId = "evt-" + UUID.randomUUID();
        Response received = post("/api/v1/bureau/notifications", ADMIN, notification(notificationId));

        assertThat(received.status()).as(received.text()).isEqualTo(201);
        assertThat(received.body().at("/current/status").asString()).isEqualTo("INSOLVENCY_PROCEEDINGS");
        assertThat(received.body().at("/current/band").asString()).isEqualTo("E");
        assertThat(received.body().at("/previous/band").asString()).isEqualTo("B");
        assertThat(events.stream(SolvencyChanged.class, COMPANY, notificationId)).singleElement()
                .satisfies(change -> assertThat(change.current().status()).isEqualTo(CompanyStatus.INSOLVENCY_PROCEEDINGS));
        assertThat(events.stream(InsolvencyReported.class, COMPANY, notificationId)).isNotEmpty();

        JsonNode review = latestReview(COMPANY, notificationId);
        assertThat(review.get("outcome").asString()).isEqualTo("REJECTED");
        assertThat(review.at("/previousLimit/amount").decimalValue())
                .isEqualByComparingTo(decision.at("/grantedLimit/amount").decimalValue());
    }

    @Test
    void a_standing_limit_review_starts_from_the_company_own_decision_not_one_abroad_with_the_same_digits() {
        String siren = "512638149";
        Response abroad = post("/api/v1/credit-decisions", ORDER_SYSTEM, """
                {"requestId": "%s", "customer": {"registrationNumber": "%s", "name": "Gleiche Ziffern GmbH", "country": "DE"},
                 "order": {"amount": 1000, "currency": "EUR"}}""".formatted(newRequestId(), siren));
        assertThat(abroad.status()).as(abroad.text()).isEqualTo(201);

        bureau.answer(ScriptedProvider.Mode.KNOWS).grade(72).status(CompanyStatus.ACTIVE);
        String notificationId = "evt-" + UUID.randomUUID();
        Response received = post("/api/v1/bureau/notifications", ADMIN, """
                {"provider": "scripted", "notificationId": "%s", "registrationNumber": "%s", "country": "FR",
                 "type": "STATUS_CHANGED"}""".formatted(notificationId, siren));
        assertThat(received.status()).as(received.text()).isEqualTo(201);

        JsonNode review = latestReview(siren, notificationId);
        JsonNode previous = review.get("previousLimit");
        assertThat(previous == null || previous.isNull()).as("the German company's limit is not the French one's: "
                + previous).isTrue();
    }

    @Test
    void the_same_notification_twice_is_handled_once() {
        bureau.answer(ScriptedProvider.Mode.KNOWS).grade(55).status(CompanyStatus.ACTIVE);
        String notificationId = "evt-" + UUID.randomUUID();

        Response first = post("/api/v1/bureau/notifications", ADMIN, notification(notificationId));
        bureau.resetCalls();
        Response again = post("/api/v1/bureau/notifications", ADMIN, notification(notificationId));

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().get("duplicate").asBoolean()).isTrue();
        assertThat(again.body().get("current")).isEqualTo(first.body().get("current"));
        assertThat(bureau.calls()).as("no second refresh").isZero();
        assertThat(events.stream(SolvencyChanged.class, COMPANY, notificationId)).hasSize(1);
        latestReview(COMPANY, notificationId);
        assertThat(jdbc.sql("select count(*) from standing_limit_review where notification_id = :id")
                .param("id", notificationId).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void a_notification_about_a_company_no_bureau_knows_is_recorded_and_answered_as_ignored() {
        bureau.answer(ScriptedProvider.Mode.DOES_NOT_KNOW);
        String notificationId = "evt-" + UUID.randomUUID();

        Response response = post("/api/v1/bureau/notifications", ADMIN, notification(notificationId));
        Response redelivered = post("/api/v1/bureau/notifications", ADMIN, notification(notificationId));

        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(response.body().get("ignored").asString()).contains("knows company " + COMPANY);
        assertThat(redelivered.status()).isEqualTo(200);
        assertThat(redelivered.body().get("duplicate").asBoolean()).isTrue();
        assertThat(redelivered.body().get("ignored").asString()).isEqualTo(response.body().get("ignored").asString());
        assertThat(jdbc.sql("select ignored from bureau_notification where notification_id = :id")
                .param("id", notificationId).query(String.class).single()).contains("nothing to refresh");
        assertThat(events.stream(SolvencyChanged.class, COMPANY, notificationId)).isEmpty();
    }

    @Test
    void a_notification_no_bureau_can_confirm_is_refused_and_not_recorded() {
        bureau.answer(ScriptedProvider.Mode.REJECTS_CREDENTIALS);
        String notificationId = "evt-" + UUID.randomUUID();

        Response response = post("/api/v1/bureau/notifications", ADMIN, notification(notificationId));

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.body().get("type").asString()).isEqualTo("urn:arbiter:problem:bureau-unavailable");
        assertThat(jdbc.sql("select count(*) from bureau_notification where notification_id = :id")
                .param("id", notificationId).query(Integer.class).single()).isZero();
    }

    @Test
    void finance_staff_read_a_company_solvency_and_order_systems_may_not() {
        bureau.answer(ScriptedProvider.Mode.KNOWS).grade(81).status(CompanyStatus.ACTIVE);

        Response solvency = get("/api/v1/companies/" + COMPANY + "/solvency", ANALYST);

        assertThat(solvency.status()).isEqualTo(200);
        assertThat(solvency.body().get("available").asBoolean()).isTrue();
        assertThat(solvency.body().at("/report/provider").asString()).isEqualTo("scripted");
        assertThat(get("/api/v1/companies/" + COMPANY + "/solvency", ORDER_SYSTEM).status()).isEqualTo(403);
        assertThat(get("/api/v1/companies/123/solvency", ANALYST).status()).isEqualTo(400);
        // A country in lower case is the same country, for the lookup and in the answer.
        Response lowerCase = get("/api/v1/companies/" + COMPANY + "/solvency?country=fr", ANALYST);
        assertThat(lowerCase.body().get("country").asString()).isEqualTo("FR");
        assertThat(lowerCase.body().at("/report/provider").asString()).isEqualTo("scripted");
    }
}
