package io.arbiter.bureau;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import io.arbiter.ledger.LedgerFixtures;
import tools.jackson.databind.JsonNode;

/**
 * Issue 20, fourth bullet of "Why", for a company never decided: dunning rates it on the bureau report already known
 * and on the ledger's payment history, as a decision on it does, so the class it is dunned with is the class the first
 * decision then gives. Worked example with the shipped scoring table: bureau grade 64 (band B) 30 + pays on time 25 +
 * customer for 5 years or more 15 + no open dispute 10 + no payment incident 10 = 90, class A; without the ledger's
 * history ("no payment history with us yet", 12) it would be 77, class B.
 */
class NeverDecidedCompanyTests extends ScriptedBureauTest {

    @Test
    void a_company_never_decided_is_dunned_with_the_class_its_first_decision_gives() {
        String siren = LedgerFixtures.siren();
        String account = new LedgerFixtures(jdbc).customerPayingOnTime(siren);
        LocalDate today = LocalDate.now();
        // A lookup (or a monitoring notification) stores the report; dunning never calls a bureau itself.
        bureau.answer(ScriptedProvider.Mode.KNOWS).grade(64);
        assertThat(get("/api/v1/companies/" + siren + "/solvency", ANALYST).status()).isEqualTo(200);

        JsonNode dunned = next(account, today);
        Response decided = post("/api/v1/credit-decisions", ORDER_SYSTEM, """
                {"requestId": "%s",
                 "customer": {"registrationNumber": "%s", "name": "Négoce", "country": "FR", "customerSince": "2015-01-01",
                              "paymentTermsDays": 30, "publicSector": false},
                 "order": {"amount": 2000, "currency": "EUR"}}""".formatted(newRequestId(), siren));

        assertThat(decided.status()).as(decided.text()).isEqualTo(201);
        JsonNode decision = decided.body();
        assertThat(decision.get("score").asInt()).as(decision.get("scorePoints").toString()).isEqualTo(90);
        assertThat(decision.get("riskClass").asString()).isEqualTo("A");
        assertThat(dunned.get("riskClass").asString()).isEqualTo("A");
        assertThat(dunned.get("dunningPlan").asString()).isEqualTo(decision.get("dunningPlan").asString());
        JsonNode after = next(account, today);
        assertThat(after.get("riskClass").asString()).isEqualTo("A");
        assertThat(after.get("dunningPlan").asString()).isEqualTo(decision.get("dunningPlan").asString());
    }

    private JsonNode next(String account, LocalDate asOf) {
        Response response = post("/api/v1/dunning/next-actions", DUNNING_ENGINE,
                "{\"customer\": \"%s\", \"asOf\": \"%s\"}".formatted(account, asOf));
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.body();
    }
}
