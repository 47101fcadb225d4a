package io.arbiter.dunning;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import io.arbiter.ApiTest;
import io.arbiter.ledger.LedgerFixtures;
import io.arbiter.ledger.LedgerFixtures.NewCustomer;
import tools.jackson.databind.JsonNode;

/**
 * Collections that follow the law (issue 20): the letters, the rates, the indemnity, the agency file and cancelled
 * actions, each against a worked example from the law or an official guide, over HTTP against PostgreSQL.
 */
@TestPropertySource(properties = {"arbiter.dunning.suppliers.ANY.name=Outillage Dupont SAS",
        "arbiter.dunning.suppliers.ANY.address=12 rue de la Forge, 69002 Lyon",
        "arbiter.dunning.suppliers.ANY.registration-number=RCS Lyon 552 100 554",
        "arbiter.dunning.suppliers.ANY.contact=Service recouvrement, 04 72 00 00 00",
        "arbiter.dunning.late-payment-interest.SME=CLAIM", "arbiter.dunning.late-payment-interest.MICRO=CLAIM"})
class CollectionsLawTests extends ApiTest {

    private LedgerFixtures ledger;
    private String entity;

    private record Customer(String account, long id) {
    }

    private Customer customer() {
        return customer(false);
    }

    /** A company, or a public body (a SIREN starting with 2, as a commune's does). */
    private Customer customer(boolean publicBody) {
        ledger = new LedgerFixtures(jdbc);
        entity = entity == null ? ledger.entity("EUR") : entity;
        String registration = String.valueOf(publicBody ? ThreadLocalRandom.current().nextLong(200_000_000L, 299_999_999L)
                : ThreadLocalRandom.current().nextLong(300_000_000L, 999_999_999L));
        NewCustomer template = NewCustomer.named(registration);
        NewCustomer customer = new NewCustomer(template.account(), registration,
                (publicBody ? "Commune de " : "Atelier ") + registration, "FR", null, null, null, 30,
                LocalDate.of(2010, 1, 1), publicBody);
        long id = ledger.customer(customer);
        jdbc.sql("update ledger_customer set postal_address = ? where id = ?")
                .params("4 place du Marché\n38000 Grenoble", id).update();
        return new Customer(customer.account(), id);
    }

    private JsonNode next(Customer customer, LocalDate asOf) {
        return next(customer, asOf, "SME");
    }

    private JsonNode next(Customer customer, LocalDate asOf, String plan) {
        return next(customer, asOf, plan, "B");
    }

    private JsonNode next(Customer customer, LocalDate asOf, String plan, String riskClass) {
        Response response = post("/api/v1/dunning/next-actions", DUNNING_ENGINE, """
                {"customer": "%s", "asOf": "%s", "dunningPlan": "%s", "riskClass": "%s"}""".formatted(customer.account(),
                asOf, plan, riskClass));
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.body();
    }

    private static JsonNode action(JsonNode next, String name) {
        for (JsonNode action : next.get("actions")) {
            if (action.get("action").asString().equals(name)) {
                return action;
            }
        }
        throw new AssertionError("no " + name + " in " + next);
    }

    /**
     * Code de commerce L441-10 II and D441-5: a letter claiming penalties states the rate applied and how it is set,
     * the €40 indemnity with its basis, and that penalties run until full payment; the sender is the supplier's legal
     * entity. Worked example: 10,000 € due 30 September 2024, 30 days late on 30 October 2024; the ECB rate in force on
     * 1 July 2024 was 4.25 % (ECB, key interest rates), so the rate is 14.25 % and the interest
     * 10,000 × 14.25 % × 30 / 365 = 117.12 € (Banque de France publishes the half-year's rate; Service-Public.fr,
     * "Pénalités de retard", gives the formula).
     */
    @Test
    void the_formal_notice_states_the_rate_its_basis_the_indemnity_s_basis_and_the_sender_and_a_reminder_claims_nothing_it_does_not_show() {
        Customer customer = customer();
        ledger.openInvoice(entity, customer.id(), LocalDate.of(2024, 8, 31), LocalDate.of(2024, 9, 30), "10000.00", "EUR");

        JsonNode reminder = action(next(customer, LocalDate.of(2024, 9, 30)), "REMINDER");
        String friendly = reminder.get("preview").get("fr").asString();
        assertThat(friendly).contains("4 place du Marché", "Outillage Dupont SAS").doesNotContain("Pénalités", "Indemnité");

        JsonNode notice = action(next(customer, LocalDate.of(2024, 10, 30)), "FORMAL_NOTICE");
        String fr = notice.get("preview").get("fr").asString();
        assertThat(fr).contains("Outillage Dupont SAS", "12 rue de la Forge, 69002 Lyon", "RCS Lyon 552 100 554",
                "Service recouvrement, 04 72 00 00 00", "4 place du Marché\n38000 Grenoble",
                "taux annuel de 14,25 %", "au 01/07/2024 (4,25 %) majoré de 10 points", "article L441-10 du Code de commerce",
                "jusqu'au complet paiement", "40 € par facture payée en retard", "D441-5", "117,12 €");
        String en = notice.get("preview").get("en").asString();
        assertThat(en).contains("14.25%", "4.25%", "plus 10 points", "until payment in full", "D441-5");
    }

    /**
     * Code de commerce L441-10 II: the rate is "le taux appliqué par la Banque centrale européenne à son opération de
     * refinancement la plus récente majoré de 10 points", and "le taux applicable pendant le premier semestre de l'année
     * concernée est le taux en vigueur au 1er janvier de l'année en question" (and 1 July for the second half-year): a
     * delay over a new year is charged at two rates, and a letter states both, each with its days. Worked example:
     * 10,000 € due 15 December 2024, formal notice on 14 January 2025, 30 days late. ECB rate in force on 1 July 2024:
     * 4.25 % (decision of 12 June 2024), on 1 January 2025: 3.15 % (decision of 18 December 2024; ECB, key interest
     * rates). 16 days (16-31 December) at 14.25 %: 10,000 × 14.25 % × 16 / 365 = 62.4658 → 62.47 €; 14 days (1-14
     * January) at 13.15 %: 10,000 × 13.15 % × 14 / 365 = 50.4384 → 50.44 €; the invoice's interest is rounded once
     * from the sum, 112.9041 → 112.90 € (Service-Public.fr, "Pénalités de retard", gives the formula).
     */
    @Test
    void a_delay_over_two_half_years_is_charged_at_each_half_year_s_rate_and_the_letter_and_the_answer_state_both() {
        Customer customer = customer();
        ledger.openInvoice(entity, customer.id(), LocalDate.of(2024, 11, 15), LocalDate.of(2024, 12, 15), "10000.00", "EUR");

        JsonNode notice = action(next(customer, LocalDate.of(2025, 1, 14)), "FORMAL_NOTICE");

        JsonNode invoice = notice.get("invoices").get(0);
        assertThat(amount(invoice.get("interest"))).isEqualTo("112.90");
        List<String> periods = new ArrayList<>();
        invoice.get("interestPeriods").forEach(period -> periods.add(period.get("from").asString() + ".."
                + period.get("to").asString() + " " + period.get("days").asLong() + "d "
                + period.get("ratePercent").decimalValue().stripTrailingZeros().toPlainString() + "% = ECB "
                + period.get("referenceRatePercent").decimalValue().stripTrailingZeros().toPlainString() + "% on "
                + period.get("referenceRateOn").asString() + " + "
                + period.get("marginPoints").decimalValue().stripTrailingZeros().toPlainString() + " -> "
                + amount(period.get("interest"))));
        assertThat(periods).containsExactly("2024-12-16..2024-12-31 16d 14.25% = ECB 4.25% on 2024-07-01 + 10 -> 62.47",
                "2025-01-01..2025-01-14 14d 13.15% = ECB 3.15% on 2025-01-01 + 10 -> 50.44");

        String fr = notice.get("preview").get("fr").asString();
        assertThat(fr).contains("Les pénalités de retard sont calculées pour chaque semestre au taux de refinancement de"
                + " la Banque centrale européenne en vigueur à son premier jour (1er janvier ou 1er juillet), majoré de 10"
                + " points, soit un taux annuel de 14,25 % du 16/12/2024 au 31/12/2024, sur la base du taux de 4,25 % en"
                + " vigueur au 01/07/2024, puis de 13,15 % du 01/01/2025 au 14/01/2025, sur la base du taux de 3,15 % en"
                + " vigueur au 01/01/2025 (article L441-10 du Code de commerce).", "112,90 €")
                .doesNotContain("taux annuel de 13,15 % :");
        String en = notice.get("preview").get("en").asString();
        assertThat(en).contains("14.25% a year from 16 Dec 2024 to 31 Dec 2024, on the rate of 4.25% in force on 1 Jul 2024,"
                + " then 13.15% from 1 Jan 2025 to 14 Jan 2025, on the rate of 3.15% in force on 1 Jan 2025");
        assertThat(notice.get("legalMentions").get("fr").asString()).contains("14,25 % du 16/12/2024 au 31/12/2024",
                "13,15 % du 01/01/2025 au 14/01/2025");
    }

    /**
     * Code de commerce R123-237: a registered trader's registration number (RCS and the registry's town) appears on
     * "all correspondence", not only on the letters claiming interest. The friendly messages of the SME plan (pre-due
     * check at D-5, reminder on the due date, written confirmation at D+10) carry it like the formal notice.
     */
    @Test
    void the_friendly_messages_carry_the_supplier_s_registration_number_as_all_correspondence_must() {
        Customer customer = customer();
        LocalDate due = LocalDate.of(2025, 3, 31);
        ledger.openInvoice(entity, customer.id(), due.minusDays(30), due, "1200.00", "EUR");

        for (var step : List.of(List.of("PRE_DUE_CHECK", due.minusDays(5)), List.of("REMINDER", due),
                List.of("WRITTEN_CONFIRMATION", due.plusDays(10)))) {
            JsonNode action = action(next(customer, (LocalDate) step.get(1)), (String) step.get(0));
            for (String language : List.of("fr", "en")) {
                assertThat(action.get("preview").get(language).asString()).as(step.get(0) + " " + language)
                        .contains("Outillage Dupont SAS", "RCS Lyon 552 100 554");
            }
        }
    }

    /**
     * A public body owes "intérêts moratoires" (Code de la commande publique L2192-13), not "pénalités de retard", at
     * the ECB rate in force on the first day of the half-year in which they started to run, plus 8 points, for the
     * whole delay (R2192-31), and the €40 indemnity (D2192-35). A public procurement contract is an administrative
     * contract (CCP L6): the injonction de payer of the civil courts (Code de procédure civile 1405) is not open against
     * the public person, whose property cannot be seized; the remedy is the administrative judge's référé-provision
     * (Code de justice administrative R541-1), and for a local authority's unpaid interest the prefect's mandatement
     * d'office (CGCT L1612-18). Worked example (formula of the Direction des affaires juridiques' guide to payment
     * periods in public procurement, amount × rate × days / 365): 10,000 € due 29 November 2024, interest from
     * 30 November; the ECB rate on 1 July 2024 was 4.25 %, so 12.25 % for the whole delay, even past 1 January 2025
     * when the ECB rate was 3.15 %; on 28 January 2025, 60 days late: 10,000 × 12.25 % × 60 / 365 = 201.37 €.
     */
    @Test
    void a_public_body_s_formal_notice_claims_intérêts_moratoires_at_the_rate_fixed_when_they_started_and_threatens_no_payment_order() {
        Customer commune = customer(true);
        LocalDate due = LocalDate.of(2024, 11, 29);
        ledger.openInvoice(entity, commune.id(), due.minusDays(30), due, "10000.00", "EUR");

        JsonNode reminder = action(next(commune, due.plusDays(30), "PUBLIC_SECTOR"), "FIRM_REMINDER");
        assertThat(reminder.get("template").asString()).isEqualTo("firm-reminder-public");
        assertThat(reminder.get("preview").get("fr").asString()).contains("Intérêts moratoires", "majoré de 8 points")
                .doesNotContainIgnoringCase("pénalités de retard");

        JsonNode notice = action(next(commune, due.plusDays(60), "PUBLIC_SECTOR"), "FORMAL_NOTICE");
        assertThat(notice.get("template").asString()).isEqualTo("formal-notice-public");
        assertThat(notice.get("totals").get("interest").get("amount").decimalValue()).isEqualByComparingTo("201.37");
        String fr = notice.get("preview").get("fr").asString();
        assertThat(fr).contains("Intérêts moratoires arrêtés au 28/01/2025 : 201,37 €", "taux annuel de 12,25 %",
                "ont commencé à courir, le 01/07/2024 (4,25 %), majoré de 8 points", "R2192-31", "D2192-35",
                "RCS Lyon 552 100 554", "tribunal administratif", "R541-1", "jusqu'à la date de mise en paiement")
                .doesNotContainIgnoringCase("injonction de payer").doesNotContainIgnoringCase("pénalités de retard");
        String en = notice.get("preview").get("en").asString();
        assertThat(en).contains("Default interest", "12.25%", "1 Jul 2024 (4.25%), plus 8 points", "administrative court")
                .doesNotContainIgnoringCase("payment order").doesNotContainIgnoringCase("late-payment interest");

        // A company's formal notice is unchanged: it still names the payment order.
        Customer company = customer();
        ledger.openInvoice(entity, company.id(), due.minusDays(30), due, "10000.00", "EUR");
        JsonNode companyNotice = action(next(company, due.plusDays(30)), "FORMAL_NOTICE");
        assertThat(companyNotice.get("template").asString()).isEqualTo("formal-notice");
        assertThat(companyNotice.get("preview").get("fr").asString()).contains("injonction de payer");
    }

    /**
     * Every message to a public body is its public variant, whatever plan applies. A public body owes intérêts
     * moratoires at the ECB rate + 8 points (Code de la commande publique L2192-13, R2192-31), which every letter's
     * legal mentions state; it pays within the payment period of L2192-10 and R2192-10 (30 days for a commune), through
     * its authorising officer (ordonnateur) and public accountant; and it cannot be the target of an injonction de
     * payer or of a seizure (its property cannot be seized): the remedy is the administrative judge's référé-provision
     * (Code de justice administrative R541-1) and, for a local authority, the prefect (CGCT L1612-18). Its holder of an
     * administrative contract cannot as a rule withhold deliveries (CE, 8 October 2014, Société Grenke Location). So: a
     * commune's invoice walked through the public plan (reminder on the due date, call at D+15, written confirmation at
     * D+20, firm reminder at D+30, formal notice at D+60, the credit manager at D+90), and forced onto the SME plan (pre-due
     * check at D-5, agency at D+45, payment order at D+90) and the risky one (deliveries held at D+10): no action is a
     * payment order, no message to the commune names one or claims "pénalités de retard", each uses its public template,
     * and the D+90 step of the SME plan becomes the credit manager's step naming the administrative court and the prefect.
     */
    @Test
    void every_message_to_a_public_body_is_its_public_variant_with_the_public_rate_and_no_step_is_a_payment_order() {
        Customer commune = customer(true);
        LocalDate due = LocalDate.of(2025, 3, 31);
        ledger.openInvoice(entity, commune.id(), due.minusDays(30), due, "2400.00", "EUR");

        List<String> seen = new ArrayList<>();
        for (var step : List.of(List.of("PUBLIC_SECTOR", "B", 0, "REMINDER"), List.of("PUBLIC_SECTOR", "B", 15, "CALL"),
                List.of("PUBLIC_SECTOR", "B", 20, "WRITTEN_CONFIRMATION"), List.of("PUBLIC_SECTOR", "B", 30, "FIRM_REMINDER"),
                List.of("PUBLIC_SECTOR", "B", 60, "FORMAL_NOTICE"), List.of("PUBLIC_SECTOR", "B", 90, "INTERNAL_ALERT"),
                List.of("SME", "B", -5, "PRE_DUE_CHECK"), List.of("SME", "B", 45, "AGENCY_HANDOFF"),
                List.of("SME", "B", 90, "INTERNAL_ALERT"), List.of("SME", "D", 10, "STOP_DELIVERIES"))) {
            String plan = (String) step.get(0);
            int days = (Integer) step.get(2);
            JsonNode next = next(commune, due.plusDays(days), plan, (String) step.get(1));
            action(next, (String) step.get(3));
            for (JsonNode action : next.get("actions")) {
                String name = plan + " D" + (days < 0 ? "" : "+") + days + " " + action.get("action").asString();
                seen.add(name + " " + action.get("template").asString());
                assertThat(action.get("action").asString()).as(name).isNotEqualTo("PAYMENT_ORDER");
                assertThat(action.get("template").asString()).as(name).endsWith("-public");
                assertThat(action.get("legalMentions").get("fr").asString()).as(name)
                        .contains("intérêts moratoires", "majoré de 8 points", "L2192-13 et R2192-31", "D2192-35");
                assertThat(action.get("legalMentions").get("en").asString()).as(name).contains("plus 8 points");
                // What the commune reads; a call script and an internal step are for our staff.
                if (!List.of("INTERNAL", "PHONE").contains(action.get("channel").asString())) {
                    for (String language : List.of("fr", "en")) {
                        assertThat(action.get("preview").get(language).asString()).as(name + " " + language)
                                .doesNotContainIgnoringCase("injonction").doesNotContainIgnoringCase("pénalités de retard")
                                .doesNotContainIgnoringCase("late-payment interest");
                    }
                }
            }
        }
        assertThat(seen).contains("PUBLIC_SECTOR D+0 REMINDER reminder-public", "PUBLIC_SECTOR D+15 CALL call-public",
                "PUBLIC_SECTOR D+20 WRITTEN_CONFIRMATION written-confirmation-public", "SME D-5 PRE_DUE_CHECK pre-due-check-public",
                "SME D+45 AGENCY_HANDOFF agency-handoff-public", "SME D+10 STOP_DELIVERIES stop-deliveries-public");

        JsonNode reminder = action(next(commune, due, "PUBLIC_SECTOR"), "REMINDER");
        assertThat(reminder.get("preview").get("fr").asString()).contains("ordonnateur et du comptable public",
                "L2192-10 et R2192-10", "mises en paiement", "2 400,00 €");
        JsonNode instead = action(next(commune, due.plusDays(90), "SME"), "INTERNAL_ALERT");
        assertThat(instead.get("requiresConfirmation").asBoolean()).isTrue();
        assertThat(instead.get("assignee").asString()).isEqualTo("CREDIT_MANAGER");
        assertThat(instead.get("preview").get("fr").asString()).contains("ni d'une injonction de payer ni d'une saisie",
                "référé", "R541-1", "L1612-18");
        assertThat(instead.get("reason").get("description").asString()).contains("no payment order");
    }

    /**
     * R2192-31: a public body's rate is that of the half-year its interest started to run in, for the whole delay, so
     * two invoices late since two half-years are charged at two rates over the same days, and the letter states both;
     * what a public body owes for paying late is "intérêts moratoires" (L2192-13), in the invoices' table too.
     * Worked example (amount × rate × days / 365, the Direction des affaires juridiques' guide to payment periods):
     * 10,000 € due 20 December 2024, late from 21 December: ECB rate on 1 July 2024 4.25 %, so 12.25 %, and on
     * 10 March 2025, 80 days late, 10,000 × 12.25 % × 80 / 365 = 268.49 €; 5,000 € due 5 January 2025, late from
     * 6 January: ECB rate on 1 January 2025 3.15 %, so 11.15 %, 64 days: 5,000 × 11.15 % × 64 / 365 = 97.75 €.
     */
    @Test
    void a_public_body_s_invoices_late_since_two_half_years_are_charged_at_two_rates_and_the_letter_states_both() {
        Customer commune = customer(true);
        ledger.openInvoice(entity, commune.id(), LocalDate.of(2024, 11, 20), LocalDate.of(2024, 12, 20), "10000.00", "EUR");
        ledger.openInvoice(entity, commune.id(), LocalDate.of(2024, 12, 6), LocalDate.of(2025, 1, 5), "5000.00", "EUR");

        JsonNode notice = action(next(commune, LocalDate.of(2025, 3, 10), "PUBLIC_SECTOR"), "FORMAL_NOTICE");

        assertThat(notice.get("invoices")).hasSize(2);
        assertThat(amount(notice.get("invoices").get(0).get("interest"))).isEqualTo("268.49");
        assertThat(amount(notice.get("invoices").get(1).get("interest"))).isEqualTo("97.75");
        assertThat(notice.get("invoices").get(1).get("interestPeriods").get(0).get("referenceRateOn").asString())
                .isEqualTo("2025-01-01");
        assertThat(notice.get("preview").get("fr").asString()).contains("majoré de 8 points, pour toute la durée du retard,"
                + " soit un taux annuel de 12,25 % du 21/12/2024 au 10/03/2025 pour les retards ayant commencé à courir au"
                + " semestre ouvert le 01/07/2024, sur la base du taux de 4,25 % en vigueur ce jour-là et de 11,15 % du"
                + " 06/01/2025 au 10/03/2025 pour les retards ayant commencé à courir au semestre ouvert le 01/01/2025, sur"
                + " la base du taux de 3,15 % en vigueur ce jour-là (articles L2192-13 et R2192-31 du Code de la commande"
                + " publique)", "366,24 €", "Facture | Date | Échéance | Jours de retard | Restant dû | Intérêts moratoires |")
                .doesNotContain("Pénalités");
    }

    /**
     * Issue 20, "Why": a rate beyond the bundled data is flagged. The rate file's last line is 5 February 2026, so the
     * ECB rate on 1 July 2026 is not known: interest for the second half of 2026 uses the last rate, and says so, naming
     * the docs section that tells how to add a rate (which must exist).
     */
    @Test
    void a_rate_beyond_the_bundled_data_is_flagged_in_problems_and_the_docs_say_how_to_add_it() throws IOException {
        Customer customer = customer();
        ledger.openInvoice(entity, customer.id(), LocalDate.of(2026, 5, 15), LocalDate.of(2026, 6, 15), "1000.00", "EUR");

        JsonNode next = next(customer, LocalDate.of(2026, 8, 1));

        List<String> codes = new ArrayList<>();
        next.get("problems").forEach(problem -> codes.add(problem.get("ruleName").asString()));
        assertThat(codes).contains("RATE_BEYOND_DATA");
        assertThat(codes).as("the supplier's identity is configured here").doesNotContain("SUPPLIER_IDENTITY_MISSING");
        String message = next.get("problems").get(codes.indexOf("RATE_BEYOND_DATA")).get("description").asString();
        assertThat(message).contains("2026-07");
        // The message names a page and a section that tell how to add the rate: both must exist.
        Matcher where = Pattern.compile("(docs/[a-z-]+\\.md), \"([^\"]+)\"").matcher(message);
        assertThat(where.find()).as(message).isTrue();
        String page = Files.readString(Path.of(where.group(1)));
        assertThat(page).contains("\n### " + where.group(2) + "\n");
        assertThat(page.substring(page.indexOf("### " + where.group(2))))
                .contains("src/main/resources/law/", "ecb-mro-rates.csv", "redeployed");
    }

    /**
     * Loi 2012-387 art. 121 and décret 2012-1115: the €40 indemnity exists for late payments since 1 January 2013. An
     * invoice that fell due on 15 December 2012 owes interest but no indemnity; one due 15 January 2013 owes both.
     */
    @Test
    void the_40_euro_indemnity_is_not_owed_on_an_invoice_due_before_2013() {
        Customer customer = customer();
        ledger.openInvoice(entity, customer.id(), LocalDate.of(2012, 11, 15), LocalDate.of(2012, 12, 15), "500.00", "EUR");
        ledger.openInvoice(entity, customer.id(), LocalDate.of(2012, 12, 15), LocalDate.of(2013, 1, 15), "500.00", "EUR");

        Response file = get("/api/v1/dunning/accounts/" + customer.account() + "/agency-case?asOf=2013-03-01", MANAGER);

        assertThat(file.status()).as(file.text()).isEqualTo(200);
        JsonNode invoices = file.body().get("invoices");
        assertThat(invoices.get(0).get("dueDate").asString()).isEqualTo("2012-12-15");
        assertThat(invoices.get(0).get("indemnity").isNull()).isTrue();
        assertThat(invoices.get(0).get("interest").get("amount").decimalValue()).isPositive();
        assertThat(invoices.get(1).get("indemnity").get("amount").decimalValue()).isEqualByComparingTo("40");
    }

    /**
     * Issue 20, "Why": the agency case file holds what an agency can pursue: invoices past due and not disputed, in
     * every currency, one total per currency.
     */
    @Test
    void the_agency_file_holds_past_due_undisputed_invoices_in_every_currency() {
        Customer customer = customer();
        LocalDate asOf = LocalDate.of(2026, 3, 31);
        ledger.openInvoice(entity, customer.id(), LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 31), "1000.00", "EUR");
        ledger.openInvoice(entity, customer.id(), LocalDate.of(2026, 3, 20), LocalDate.of(2026, 4, 20), "2000.00", "EUR");
        long disputed = ledger.openInvoice(entity, customer.id(), LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 31), "3000.00", "EUR");
        ledger.dispute(customer.id(), "damaged", LocalDate.of(2026, 2, 10), null, List.of(disputed));
        String dollars = ledger.entity("USD");
        ledger.openInvoice(dollars, customer.id(), LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 31), "400.00", "USD");

        JsonNode file = get("/api/v1/dunning/accounts/" + customer.account() + "/agency-case?asOf=" + asOf, MANAGER).body();

        assertThat(file.get("invoices")).hasSize(2);
        List<String> totals = new ArrayList<>();
        file.get("totals").forEach(t -> totals.add(t.get("open").get("amount").decimalValue().setScale(2).toPlainString()
                + " " + t.get("open").get("currency").asString()));
        assertThat(totals).containsExactly("1000.00 EUR", "400.00 USD");
        assertThat(file.get("debtor").get("postalAddress").asString()).contains("38000 Grenoble");
    }

    /** Issue 20, "Why": an action is cancelled by a payment only from the payment's day on. */
    @Test
    void an_action_is_not_cancelled_as_of_a_day_before_the_payment() {
        Customer customer = customer();
        LocalDate due = LocalDate.of(2026, 3, 2);
        long invoice = ledger.openInvoice(entity, customer.id(), due.minusDays(30), due, "650.00", "EUR");
        action(next(customer, due), "REMINDER");
        jdbc.sql("update ledger_invoice set open_amount = 0, status = 'PAID', paid_on = ? where id = ?")
                .params(due.plusDays(10), invoice).update();

        assertThat(next(customer, due.plusDays(5)).get("cancelled")).isEmpty();
        assertThat(next(customer, due.plusDays(10)).get("cancelled")).hasSize(1);
    }

    private static String amount(JsonNode money) {
        return money.get("amount").decimalValue().setScale(2).toPlainString();
    }

    /**
     * Code de commerce L441-10 II: interest runs "from the day after the due date until the day of payment", and
     * D441-5: €40 per invoice paid late. Worked example: 10,000 € due 30 September 2024, paid 19 days late on
     * 19 October 2024; the ECB rate in force on 1 July 2024 was 4.25 % (ECB, key interest rates; Banque de France), so
     * 14.25 %, and LatePaymentInterest divides by 365 even in a leap year (Service-Public.fr, "Pénalités de retard"):
     * 10,000 × 14.25 % × 19 / 365 = 74.18 € (not 73.98 € on 366 days), plus 40 €. With the SME plan set to CLAIM, the
     * formal notice of 31 October 2024 on another invoice (1,000 € due 1 October: 1,000 × 14.25 % × 30 / 365 =
     * 11.71 € and 40 €) claims both: 1,000 + 11.71 + 40 + 74.18 + 40 = 1,165.89 €. An invoice paid on its due date
     * owes nothing and is not listed.
     */
    @Test
    void an_invoice_paid_19_days_late_owes_interest_to_its_payment_day_and_the_indemnity_claimed_when_the_plan_says_so() {
        Customer customer = customer();
        long late = ledger.paidInvoice(entity, customer.id(), LocalDate.of(2024, 8, 31), LocalDate.of(2024, 9, 30),
                "10000.00", "EUR", LocalDate.of(2024, 10, 19));
        ledger.paymentAllocated(entity, customer.id(), late, LocalDate.of(2024, 10, 19), "10000.00", "EUR");
        long onTime = ledger.paidInvoice(entity, customer.id(), LocalDate.of(2024, 8, 15), LocalDate.of(2024, 9, 15),
                "3000.00", "EUR", LocalDate.of(2024, 9, 15));
        ledger.paymentAllocated(entity, customer.id(), onTime, LocalDate.of(2024, 9, 15), "3000.00", "EUR");
        ledger.openInvoice(entity, customer.id(), LocalDate.of(2024, 9, 1), LocalDate.of(2024, 10, 1), "1000.00", "EUR");

        JsonNode next = next(customer, LocalDate.of(2024, 10, 31));
        JsonNode latePayments = next.get("latePayments");
        assertThat(latePayments.get("claimed").asBoolean()).isTrue();
        assertThat(latePayments.get("setting").asString()).isEqualTo("arbiter.dunning.late-payment-interest.SME=CLAIM");
        assertThat(latePayments.get("parts")).hasSize(1);
        JsonNode part = latePayments.get("parts").get(0);
        assertThat(part.get("daysLate").asLong()).isEqualTo(19);
        assertThat(part.get("paidOn").asString()).isEqualTo("2024-10-19");
        assertThat(amount(part.get("paid"))).isEqualTo("10000.00");
        assertThat(amount(part.get("interest"))).isEqualTo("74.18");
        assertThat(amount(part.get("indemnity"))).isEqualTo("40.00");

        JsonNode notice = action(next, "FORMAL_NOTICE");
        assertThat(notice.get("latePaid")).hasSize(1);
        JsonNode totals = notice.get("totals");
        assertThat(amount(totals.get("interest"))).isEqualTo("11.71");
        assertThat(amount(totals.get("latePaymentInterest"))).isEqualTo("74.18");
        assertThat(amount(totals.get("latePaymentIndemnity"))).isEqualTo("40.00");
        assertThat(totals.get("latePaymentClaimed").asBoolean()).isTrue();
        assertThat(amount(totals.get("claim"))).isEqualTo("1165.89");
        assertThat(notice.get("preview").get("fr").asString()).contains("Factures réglées après leur échéance",
                "30/09/2024 | 19/10/2024 | 19 | 10 000,00 € | 74,18 € | 40,00 €",
                "Intérêts et indemnités sur paiements tardifs : 114,18 €", "Total : 1 165,89 €");
        assertThat(notice.get("preview").get("en").asString()).contains("Interest and indemnities on late payments: €114.18");
        // Only the most escalated action carries them: the same day's internal alert claims nothing twice.
        for (JsonNode action : next.get("actions")) {
            if (!action.get("id").equals(notice.get("id"))) {
                assertThat(action.get("latePaid")).isEmpty();
            }
        }
    }

    /**
     * A part paid late accrues interest to its payment day, the rest still open to the day asked for (L441-10 II);
     * waived by the plan's default (the key accounts' here), the part's interest is shown but not claimed, nor written in
     * the letter. 6,000 €
     * due 30 September 2024, 2,000 € paid 19 October: 2,000 × 14.25 % × 19 / 365 = 14.84 €, no indemnity for the part
     * (the invoice is not paid in full: its open rest owes the 40 €); the 4,000 € open on 31 October, 31 days late:
     * 4,000 × 14.25 % × 31 / 365 = 48.41 €; claim 4,000 + 48.41 + 40 = 4,088.41 €.
     */
    @Test
    void a_part_paid_late_accrues_to_its_payment_day_the_rest_to_the_day_asked_and_a_waived_part_is_shown_not_claimed() {
        Customer customer = customer();
        long invoice = ledger.invoice(entity, customer.id(), LocalDate.of(2024, 8, 31), LocalDate.of(2024, 9, 30),
                "6000.00", "4000.00", "EUR", "OPEN", null);
        ledger.paymentAllocated(entity, customer.id(), invoice, LocalDate.of(2024, 10, 19), "2000.00", "EUR");

        JsonNode next = next(customer, LocalDate.of(2024, 10, 31), "KEY_ACCOUNT");
        JsonNode latePayments = next.get("latePayments");
        assertThat(latePayments.get("claimed").asBoolean()).isFalse();
        assertThat(latePayments.get("setting").asString()).isEqualTo("arbiter.dunning.late-payment-interest.KEY_ACCOUNT=WAIVE");
        JsonNode part = latePayments.get("parts").get(0);
        assertThat(amount(part.get("interest"))).isEqualTo("14.84");
        assertThat(part.get("indemnity").isNull()).isTrue();

        JsonNode notice = action(next, "FIRM_REMINDER");
        JsonNode totals = notice.get("totals");
        assertThat(amount(notice.get("invoices").get(0).get("interest"))).isEqualTo("48.41");
        assertThat(amount(totals.get("latePaymentInterest"))).isEqualTo("14.84");
        assertThat(totals.get("latePaymentClaimed").asBoolean()).isFalse();
        assertThat(amount(totals.get("claim"))).isEqualTo("4088.41");
        assertThat(notice.get("preview").get("fr").asString()).doesNotContain("14,84", "paiements tardifs")
                .contains("4 088,41 €");
    }

    /**
     * Interest on late payments (L441-10 II, D441-5) reaches the collection agency's file as it reaches the letters: the
     * same worked example as above (10,000 € due 30 September 2024 paid 19 days late: 74.18 € and 40 €; 1,000 € due
     * 1 October still open on 31 October: 11.71 € and 40 €), for a customer the policy puts on the micro plan, set to
     * CLAIM here: the file lists the part paid late and its claim is 1,000 + 11.71 + 40 + 74.18 + 40 = 1,165.89 €, in
     * JSON and in the CSV handed to the agency.
     */
    @Test
    void the_agency_file_carries_the_interest_and_indemnity_of_payments_received_late_in_json_and_csv() {
        Customer customer = customer();
        long late = ledger.paidInvoice(entity, customer.id(), LocalDate.of(2024, 8, 31), LocalDate.of(2024, 9, 30),
                "10000.00", "EUR", LocalDate.of(2024, 10, 19));
        ledger.paymentAllocated(entity, customer.id(), late, LocalDate.of(2024, 10, 19), "10000.00", "EUR");
        ledger.openInvoice(entity, customer.id(), LocalDate.of(2024, 9, 1), LocalDate.of(2024, 10, 1), "1000.00", "EUR");
        String path = "/api/v1/dunning/accounts/" + customer.account() + "/agency-case?asOf=2024-10-31";

        Response file = get(path, MANAGER);

        assertThat(file.status()).as(file.text()).isEqualTo(200);
        JsonNode latePayments = file.body().get("latePayments");
        assertThat(latePayments.get("claimed").asBoolean()).isTrue();
        assertThat(latePayments.get("setting").asString()).isEqualTo("arbiter.dunning.late-payment-interest.MICRO=CLAIM");
        JsonNode part = latePayments.get("parts").get(0);
        assertThat(latePayments.get("parts")).hasSize(1);
        assertThat(part.get("paidOn").asString()).isEqualTo("2024-10-19");
        assertThat(amount(part.get("interest"))).isEqualTo("74.18");
        assertThat(amount(part.get("indemnity"))).isEqualTo("40.00");
        JsonNode totals = file.body().get("totals").get(0);
        assertThat(amount(totals.get("latePaymentInterest"))).isEqualTo("74.18");
        assertThat(amount(totals.get("claim"))).isEqualTo("1165.89");

        Response csv = get(path + "&format=csv", MANAGER);
        assertThat(csv.status()).as(csv.text()).isEqualTo(200);
        List<String> lines = csv.text().lines().toList();
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("LATE_PAID").contains("2024-10-19",
                "due 2024-09-30, paid 19 days late", "10000.00", "74.18", "40.00", "EUR"));
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("TOTAL").contains("1165.89"));
    }

    /**
     * An external dunning engine sends the payments with the open items: an inline item paid in full 19 days late
     * (open amount 0, its payment given) owes what a ledger one does. The same worked example, inline, on the SME plan
     * (CLAIM here): the part is listed with 74.18 € and 40 €, the formal notice on the 1,000 € item claims 1,165.89 €;
     * an item paid on its due date owes nothing and is not listed.
     */
    @Test
    void payments_sent_inline_owe_interest_when_received_late_as_ledger_ones_do() {
        String account = LedgerFixtures.unique("EXT");
        Response response = post("/api/v1/dunning/next-actions", DUNNING_ENGINE, """
                {"customer": "%s", "asOf": "2024-10-31", "dunningPlan": "SME", "riskClass": "B",
                 "customerDetails": {"name": "Atelier Inline"},
                 "openItems": [
                   {"number": "F-1", "issueDate": "2024-09-01", "dueDate": "2024-10-01", "openAmount": 1000.00, "currency": "EUR"},
                   {"number": "F-2", "issueDate": "2024-08-31", "dueDate": "2024-09-30", "openAmount": 0, "currency": "EUR",
                    "payments": [{"date": "2024-10-19", "amount": 10000.00}]},
                   {"number": "F-3", "issueDate": "2024-08-15", "dueDate": "2024-09-15", "openAmount": 0, "currency": "EUR",
                    "payments": [{"date": "2024-09-15", "amount": 3000.00}]}]}""".formatted(account));

        assertThat(response.status()).as(response.text()).isEqualTo(200);
        JsonNode latePayments = response.body().get("latePayments");
        assertThat(latePayments.get("parts")).hasSize(1);
        JsonNode part = latePayments.get("parts").get(0);
        assertThat(part.get("number").asString()).isEqualTo("F-2");
        assertThat(part.get("daysLate").asLong()).isEqualTo(19);
        assertThat(amount(part.get("interest"))).isEqualTo("74.18");
        assertThat(amount(part.get("indemnity"))).isEqualTo("40.00");
        JsonNode notice = action(response.body(), "FORMAL_NOTICE");
        assertThat(amount(notice.get("totals").get("claim"))).isEqualTo("1165.89");
        assertThat(notice.get("preview").get("fr").asString()).contains("Factures réglées après leur échéance",
                "F-2 | 30/09/2024 | 19/10/2024 | 19 | 10 000,00 € | 74,18 € | 40,00 €");

        Response bad = post("/api/v1/dunning/next-actions", DUNNING_ENGINE, """
                {"customer": "%s", "asOf": "2024-10-31", "dunningPlan": "SME", "riskClass": "B",
                 "openItems": [{"number": "F-2", "issueDate": "2024-08-31", "dueDate": "2024-09-30", "openAmount": 0,
                   "currency": "EUR", "payments": [{"date": "2024-10-19", "amount": -5}]}]}""".formatted(account));
        assertThat(bad.status()).as(bad.text()).isEqualTo(422);
        assertThat(bad.body().get("errors").get(0).get("field").asString()).isEqualTo("openItems");
    }
}
