package io.arbiter.bureau;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.arbiter.ledger.LedgerFixtures;
import io.arbiter.ledger.LedgerFixtures.NewCustomer;
import tools.jackson.databind.JsonNode;

/**
 * Insolvency reaches dunning whatever the path (issue 20, first bullet of "Why"). Code de commerce L622-21: the opening
 * judgment stops every individual action (no formal notice, no payment order); L622-24/R622-24: the claim is declared
 * within two months of the BODACC publication; L622-28: interest on earlier debts stops at the judgment. Which debts:
 * L622-24 asks every creditor whose debt arose before the judgment to declare it, and L622-25 says the declaration
 * gives "le montant de la créance due au jour du jugement d'ouverture avec indication des sommes à échoir et de la
 * date de leurs échéances"; only debts arising after the judgment are left out (L622-17). Worked example
 * (Service-Public.fr, "Déclaration de créance", with L622-25): a supplier is owed 1,000 € due two months before the
 * judgment, and 300 € invoiced before the judgment but due after it. It declares 1,300 €: the 1,000 € with the
 * interest run until the judgment and the €40 indemnity (D441-5), and the 300 € as a sum "à échoir" with its due date,
 * without interest or indemnity since it was not late. A 200 € invoice issued after the judgment is not declared.
 */
class InsolvencyReachesDunningTests extends ScriptedBureauTest {

    @Test
    void a_customer_kept_under_its_siret_with_spaces_gets_only_the_claim_once_a_lookup_and_an_unchanged_notification_said_insolvent() {
        LedgerFixtures ledger = new LedgerFixtures(jdbc);
        String siren = LedgerFixtures.siren();
        String siret = LedgerFixtures.siret(siren);
        String spaced = siret.substring(0, 3) + " " + siret.substring(3, 6) + " " + siret.substring(6, 9) + " "
                + siret.substring(9);
        NewCustomer template = NewCustomer.named(siren);
        long customer = ledger.customer(new NewCustomer(template.account(), spaced, "Chaudronnerie " + siren, "FR", null,
                null, null, 30, LocalDate.of(2015, 1, 1), false));
        String entity = ledger.entity("EUR");
        LocalDate today = LocalDate.now();
        LocalDate reportDate = today.minusDays(3);
        LocalDate due = today.minusDays(60);
        ledger.openInvoice(entity, customer, due.minusDays(30), due, "1000.00", "EUR");
        ledger.openInvoice(entity, customer, today.minusDays(20), today.minusDays(1), "300.00", "EUR");
        ledger.openInvoice(entity, customer, today.minusDays(1), today.plusDays(29), "200.00", "EUR");

        // A lookup first stores the insolvent report; the notification that follows finds no change in the status.
        bureau.answer(ScriptedProvider.Mode.KNOWS).grade(5).status(CompanyStatus.INSOLVENCY_PROCEEDINGS);
        assertThat(get("/api/v1/companies/" + siren + "/solvency", ANALYST).status()).isEqualTo(200);
        Response notified = post("/api/v1/bureau/notifications", ADMIN, """
                {"provider": "scripted", "notificationId": "evt-%s", "registrationNumber": "%s", "country": "FR",
                 "type": "STATUS_CHANGED"}""".formatted(UUID.randomUUID(), siren));
        assertThat(notified.status()).as(notified.text()).isEqualTo(201);

        // Dunning hears of the insolvency once the report's transaction has committed, on another thread
        Response response = await().atMost(Duration.ofSeconds(30)).until(() -> post("/api/v1/dunning/next-actions",
                DUNNING_ENGINE, "{\"customer\": \"%s\", \"asOf\": \"%s\"}".formatted(template.account(), today)),
                answer -> answer.body() != null && answer.body().hasNonNull("insolvency"));

        assertThat(response.status()).as(response.text()).isEqualTo(200);
        JsonNode next = response.body();
        List<String> actions = new ArrayList<>();
        next.get("actions").forEach(action -> actions.add(action.get("action").asString()));
        assertThat(actions).containsExactly("DECLARE_CLAIM");
        JsonNode claim = next.get("actions").get(0);
        assertThat(claim.get("invoices")).hasSize(2);
        JsonNode declared = claim.get("invoices").get(0).get("dueDate").asString().equals(due.toString())
                ? claim.get("invoices").get(0) : claim.get("invoices").get(1);
        assertThat(declared.get("daysLate").asLong()).isEqualTo(ChronoUnit.DAYS.between(due, reportDate));
        assertThat(declared.get("notYetDue").asBoolean()).isFalse();
        assertThat(declared.get("indemnity").get("amount").decimalValue()).isEqualByComparingTo("40");
        JsonNode notYetDue = claim.get("invoices").get(0) == declared ? claim.get("invoices").get(1)
                : claim.get("invoices").get(0);
        assertThat(notYetDue.get("openAmount").get("amount").decimalValue()).isEqualByComparingTo("300.00");
        assertThat(notYetDue.get("notYetDue").asBoolean()).isTrue();
        assertThat(notYetDue.get("daysLate").asLong()).isZero();
        assertThat(notYetDue.get("interest").get("amount").decimalValue()).isEqualByComparingTo("0");
        assertThat(notYetDue.get("indemnity").isNull()).isTrue();
        assertThat(claim.get("totals").get("open").get("amount").decimalValue()).isEqualByComparingTo("1300.00");
        assertThat(claim.get("totals").get("indemnity").get("amount").decimalValue()).isEqualByComparingTo("40");
        assertThat(claim.get("preview").get("fr").asString())
                .contains("Dont sommes à échoir au jour du jugement : 300,00 €")
                .contains("| à échoir | 300,00 € | 0,00 € | -");
        assertThat(claim.get("preview").get("en").asString()).contains("(\"à échoir\"): €300.00");
        JsonNode insolvency = next.get("insolvency");
        assertThat(insolvency.get("publishedOn").asString()).isEqualTo(reportDate.toString());
        assertThat(insolvency.get("approximate").asBoolean()).isTrue();
        assertThat(insolvency.get("claimDeadline").asString()).isEqualTo(reportDate.plusMonths(2).toString());
        assertThat(insolvency.get("notDeclared")).singleElement()
                .satisfies(apart -> assertThat(apart.get("openAmount").get("amount").decimalValue()).isEqualByComparingTo("200.00"));
    }
}
