package io.arbiter.dunning;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.arbiter.ApiTest;
import io.arbiter.ledger.LedgerFixtures;
import io.arbiter.ledger.LedgerFixtures.NewCustomer;
import tools.jackson.databind.JsonNode;

/**
 * Issue 20, fourth bullet of "Why": a company has one segment and one risk class, whether a credit decision or
 * dunning asks. Dunning used to segment and rate the ledger's customer without the bureau report or the payment
 * history a decision had, so a company decided SME / class A was dunned as MICRO / class C, and the risky plan (class
 * D-E) never fired unless the caller named the class. The sandbox bureau's sample companies give the facts; the
 * shipped tables (segmentation by turnover and seniority, scoring, risk classes) turn them into a plan and a class.
 */
class OneSegmentAndClassTests extends ApiTest {

    private static final LocalDate TODAY = LocalDate.now();

    private record Dunned(String plan, String riskClass, List<String> actions) {
    }

    private LedgerFixtures ledger;
    private String entity;

    private String customer(String siren, String name) {
        ledger = new LedgerFixtures(jdbc);
        entity = entity == null ? ledger.entity("EUR") : entity;
        ledger.setAsideCompany(siren);
        NewCustomer template = NewCustomer.named(siren);
        ledger.customer(new NewCustomer(template.account(), siren, name, "FR", null, null, null, 30,
                LocalDate.of(2015, 1, 1), false));
        return template.account();
    }

    private long id(String account) {
        return jdbc.sql("select id from ledger_customer where account = ?").param(account).query(Long.class).single();
    }

    private JsonNode decide(String siren, String name) {
        Response decided = post("/api/v1/credit-decisions", ORDER_SYSTEM, """
                {"requestId": "%s",
                 "customer": {"registrationNumber": "%s", "name": "%s", "country": "FR", "customerSince": "2015-01-01",
                              "paymentTermsDays": 30},
                 "order": {"amount": 2000, "currency": "EUR"}}""".formatted(newRequestId(), siren, name));
        assertThat(decided.status()).as(decided.text()).isEqualTo(201);
        return decided.body();
    }

    /** Next actions as a dunning engine asks for them: no plan, no class. */
    private Dunned dunned(String account) {
        Response response = post("/api/v1/dunning/next-actions", DUNNING_ENGINE,
                "{\"customer\": \"%s\", \"asOf\": \"%s\"}".formatted(account, TODAY));
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        List<String> actions = new ArrayList<>();
        response.body().get("actions").forEach(action -> actions.add(action.get("action").asString()));
        return new Dunned(response.body().get("dunningPlan").asString(), response.body().get("riskClass").asString(),
                actions);
    }

    /**
     * Vieux Port Négoce SA (sandbox: grade 64, one payment incident, turnover €5.2M), a customer since 2015 that paid
     * its last invoice on its due date. Scoring: bureau band B 30 + pays on time 25 + customer for 5 years or more 15
     * + no open dispute 10 + one or two incidents 4 = 84, class A (80 or more); turnover from €2M to under €50M: SME.
     */
    @Test
    void a_company_decided_sme_class_a_is_dunned_on_the_sme_plan_as_class_a() {
        String siren = "406606004";
        String account = customer(siren, "Vieux Port Négoce SA");
        ledger.paidInvoice(entity, id(account), TODAY.minusDays(90), TODAY.minusDays(60), "4000.00", "EUR",
                TODAY.minusDays(60));
        ledger.openInvoice(entity, id(account), TODAY.minusDays(30), TODAY, "2500.00", "EUR");

        JsonNode decision = decide(siren, "Vieux Port Négoce SA");

        assertThat(decision.get("segment").asString()).isEqualTo("SME");
        assertThat(decision.get("score").asInt()).as(decision.get("scorePoints").toString()).isEqualTo(84);
        assertThat(decision.get("riskClass").asString()).isEqualTo("A");
        Dunned dunned = dunned(account);
        assertThat(dunned.plan()).isEqualTo(decision.get("dunningPlan").asString()).isEqualTo("SME");
        assertThat(dunned.riskClass()).isEqualTo(decision.get("riskClass").asString());
        assertThat(dunned.actions()).containsExactly("REMINDER");
    }

    /**
     * Boulangerie Petit EURL (sandbox: grade 24, three payment incidents, turnover €0.6M), no payment history with us:
     * bureau band D 8 + no history 12 + 5 years or more 15 + no dispute 10 + three incidents 0 = 45, class D (35 to
     * 49); turnover under €2M: MICRO. Class D takes the risky plan whatever the segment: ten days late, a firm
     * reminder and deliveries stopped, where the MICRO plan alone would only confirm a payment date in writing.
     */
    @Test
    void a_company_decided_class_d_gets_the_risky_plan_without_the_caller_naming_the_class() {
        String siren = "403303001";
        String account = customer(siren, "Boulangerie Petit EURL");
        ledger.openInvoice(entity, id(account), TODAY.minusDays(40), TODAY.minusDays(10), "900.00", "EUR");

        JsonNode decision = decide(siren, "Boulangerie Petit EURL");

        assertThat(decision.get("segment").asString()).isEqualTo("MICRO");
        assertThat(decision.get("score").asInt()).as(decision.get("scorePoints").toString()).isEqualTo(45);
        assertThat(decision.get("riskClass").asString()).isEqualTo("D");
        Dunned dunned = dunned(account);
        assertThat(dunned.plan()).isEqualTo("MICRO");
        assertThat(dunned.riskClass()).isEqualTo("D");
        assertThat(dunned.actions()).containsExactlyInAnyOrder("FIRM_REMINDER", "STOP_DELIVERIES");
    }
}
