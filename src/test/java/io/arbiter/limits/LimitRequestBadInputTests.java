package io.arbiter.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.arbiter.ledger.LedgerFixtures;

/** Requests the API refuses, naming the field, with nothing stored. */
class LimitRequestBadInputTests extends LimitsApiTest {

    @Test
    void a_request_for_an_unknown_company_or_with_a_wrong_amount_currency_or_date_is_refused_and_nothing_is_stored() {
        String siren = company(LedgerFixtures.unique("SP"));

        Response unknown = request(ANALYST, LedgerFixtures.siren(), "5000", "");
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.body().at("/errors/0/field").asString()).isEqualTo("company.registrationNumber");
        assertThat(refusedField(request(ANALYST, "123", "5000", ""))).isEqualTo("company.registrationNumber");
        assertThat(refusedField(request(ANALYST, siren, "-5000", ""))).isEqualTo("amount.amount");
        assertThat(refusedField(request(ANALYST, siren, "0", ""))).isEqualTo("amount.amount");
        assertThat(refusedField(request(ANALYST, siren, "1000000000000", ""))).isEqualTo("amount.amount");
        assertThat(refusedField(request(ANALYST, siren, "5000.123", ""))).isEqualTo("amount.amount");
        Response dollars = post("/api/v1/limits/requests", ANALYST, """
                {"company": {"registrationNumber": "%s"}, "entity": "%s", "amount": {"amount": 5000, "currency": "USD"},
                 "justification": "x"}""".formatted(siren, entity));
        assertThat(dollars.status()).isEqualTo(422);
        assertThat(dollars.body().at("/errors/0/field").asString()).isEqualTo("amount.currency");
        assertThat(refusedField(post("/api/v1/limits/requests", ANALYST, """
                {"company": {"registrationNumber": "%s"}, "entity": "%s", "amount": {"amount": 5000, "currency": "EUR"}}"""
                .formatted(siren, entity))))
                .isEqualTo("justification");
        assertThat(refusedField(request(ANALYST, siren, "5000", ", \"validUntil\": \"2020-01-01\""))).isEqualTo("validUntil");
        assertThat(refusedField(request(ORDER_SYSTEM, siren, "5000", ""))).isEqualTo("decisionId");
        Response noDecision = request(ORDER_SYSTEM, siren, "5000", ", \"decisionId\": \"" + UUID.randomUUID() + "\"");
        assertThat(noDecision.status()).isEqualTo(422);
        assertThat(noDecision.body().at("/errors/0/field").asString()).isEqualTo("decisionId");
        assertThat(request(DUNNING_ENGINE, siren, "5000", "").status()).isEqualTo(403);

        assertThat(jdbc.sql("select count(*) from limit_request where registration_number = ?").param(siren)
                .query(Long.class).single()).isZero();
    }

    @Test
    void the_order_system_asks_after_a_rejected_decision_and_a_second_pending_request_is_a_conflict() {
        String siren = company(LedgerFixtures.unique("SP"));
        String decisionId = decide(siren, "600000", java.time.LocalDate.now()).body().get("decisionId").asString();

        Response asked = request(ORDER_SYSTEM, siren, "650000", ", \"decisionId\": \"" + decisionId + "\"");
        assertThat(asked.status()).as(asked.text()).isEqualTo(201);
        assertThat(asked.body().get("decisionId").asString()).isEqualTo(decisionId);
        assertThat(asked.body().get("requesterRole").asString()).isEqualTo("ORDER_SYSTEM");
        Response again = request(ANALYST, siren, "5000", "");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().get("detail").asString()).contains(asked.body().get("id").asString());

        Response refusal = verdict(MANAGER, asked.body().get("id").asString(), "REFUSE", "");
        assertThat(refusal.body().get("status").asString()).isEqualTo("REFUSED");
        assertThat(verdict(MANAGER_2, asked.body().get("id").asString(), "APPROVE", "").status()).isEqualTo(409);
        assertThat(get("/api/v1/limits/companies/" + siren, ORDER_SYSTEM).body().get("standingLimits")).isEmpty();
    }
}
