package io.arbiter.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import io.arbiter.shared.RegistrationNumbers;
import tools.jackson.databind.JsonNode;

/**
 * What collections need from the ledger to follow the law (issue 20): a public body, its address, due dates computed
 * from terms, terms beyond the legal maximum flagged, and an export whose invoice column is headed {@code number}.
 */
class LedgerForCollectionsTests extends LedgerImportApiTest {

    /** A valid SIREN starting with 2: the State's and local authorities' numbers (INSEE, répertoire SIRENE). */
    private static String publicSiren() {
        while (true) {
            String candidate = "2" + ThreadLocalRandom.current().nextInt(10_000_000, 100_000_000);
            if (RegistrationNumbers.luhn(candidate)) {
                return candidate;
            }
        }
    }

    private static String query(String source) {
        return "kind=invoices&source=" + source + "&mode=delta";
    }

    /**
     * Code de commerce L441-10 I: at most 60 days from the invoice date, or 45 days end of month. Worked example
     * (DGCCRF, "Délais de paiement entre entreprises"): an invoice of 15 March on "45 jours fin de mois" is due 30 April
     * (15 March + 45 days = 29 April, end of that month); one of 1 March on 134 days (13 July) is beyond both limits
     * (latest 30 April: 60 days is 30 April, 45 days end of month is 30 April or 15 May) and is flagged.
     */
    @Test
    void terms_give_the_due_date_and_terms_beyond_the_legal_maximum_are_flagged_per_row() {
        String siren = LedgerFixtures.siren();
        String account = LedgerFixtures.unique("LME");
        String entity = LedgerFixtures.unique("E");
        String csv = """
                entity;number;account;customer name;siren;address;issue date;conditions de règlement;amount;currency
                %1$s;%2$s-1;%3$s;Forges %4$s;%4$s;"12 rue des Forges
                69002 Lyon";15/03/2026;45 jours fin de mois;1200,00;EUR
                %1$s;%2$s-2;%3$s;Forges %4$s;%4$s;"12 rue des Forges
                69002 Lyon";01/03/2026;134 jours;800,00;EUR
                %1$s;%2$s-3;%3$s;Forges %4$s;%4$s;"12 rue des Forges
                69002 Lyon";01/03/2026;30;500,00;EUR
                """.formatted(entity, account, account, siren);

        JsonNode job = importFile(query(LedgerFixtures.unique("terms")), "open-items.csv", csv.getBytes(StandardCharsets.UTF_8));

        assertThat(job.get("state").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        assertThat(job.get("imported").asLong()).isEqualTo(3);
        assertThat(dueDate(entity, account + "-1")).isEqualTo(LocalDate.of(2026, 4, 30));
        assertThat(dueDate(entity, account + "-2")).isEqualTo(LocalDate.of(2026, 7, 13));
        assertThat(dueDate(entity, account + "-3")).isEqualTo(LocalDate.of(2026, 3, 31));
        assertThat(job.get("flaggedCount").asLong()).isEqualTo(1);
        JsonNode flagged = job.get("flagged").get(0);
        assertThat(flagged.get("row").asLong()).isEqualTo(3);
        assertThat(flagged.get("message").asString()).contains("legal maximum", "L441-10");
        assertThat(jdbc.sql("select postal_address from ledger_customer where account = ?").param(account)
                .query(String.class).single()).isEqualTo("12 rue des Forges\n69002 Lyon");
    }

    /**
     * Code de la commande publique R2192-10: a public body pays within 30 days. Worked example: an invoice of 10 March
     * 2025 to a commune on 45-day terms is due 24 April 2025, past the latest lawful 9 April, and is flagged even when
     * the file has no public-sector column, since the commune's SIREN (starting with 2) makes it a public body; the
     * same terms for a company (up to 60 days, L441-10) are not.
     */
    @Test
    void a_commune_known_by_its_siren_alone_is_held_to_the_public_bodies_30_days() {
        String commune = publicSiren();
        String company = LedgerFixtures.siren();
        String entity = LedgerFixtures.unique("E");
        String csv = """
                entity;number;account;customer name;siren;issue date;conditions de règlement;amount;currency
                %1$s;%2$s-1;%2$s;Commune de Saint-Martin;%3$s;10/03/2025;45 jours;1200,00;EUR
                %1$s;%4$s-1;%4$s;Forges Martin;%5$s;10/03/2025;45 jours;1200,00;EUR
                """.formatted(entity, LedgerFixtures.unique("PUB"), commune, LedgerFixtures.unique("CO"), company);

        JsonNode job = importFile(query(LedgerFixtures.unique("public-terms")), "open-items.csv", csv.getBytes(StandardCharsets.UTF_8));

        assertThat(job.get("state").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        assertThat(job.get("flaggedCount").asLong()).as(job.toString()).isEqualTo(1);
        JsonNode flagged = job.get("flagged").get(0);
        assertThat(flagged.get("row").asLong()).isEqualTo(2);
        assertThat(flagged.get("message").asString()).contains("2025-04-09", "30 days for a public body", "R2192-10");
    }

    /**
     * Issue 20, "Why": a ledger customer can be a public body. Code de la commande publique R2192-31: a public body
     * owes the ECB rate + 8 points (not + 10). Worked example: 10,000 € due 30 September 2024, 30 days late on
     * 30 October 2024, ECB rate 4.25 % on 1 July 2024 (ECB, main refinancing operations; it fell to 3.65 % on 18
     * September, after the half-year's first day): 10,000 × 12.25 % × 30 / 365 = 100.68 € (a company owes 14.25 %,
     * 117.12 €). A commune imported without a public-sector column is one by its SIREN (starting with 2), gets the
     * policy's PUBLIC_SECTOR plan, and a customer the file says is public is one whatever its number.
     */
    @Test
    void a_commune_imported_from_the_ledger_is_dunned_as_a_public_body() {
        String commune = LedgerFixtures.unique("COMMUNE");
        String hospital = LedgerFixtures.unique("HOPITAL");
        String entity = LedgerFixtures.unique("E");
        String csv = """
                entity;invoice number;account;customer name;siren;public sector;issue date;due date;amount;currency
                %1$s;%2$s-1;%2$s;Commune de Saint-Martin;%3$s;;31/08/2024;30/09/2024;10000,00;EUR
                %1$s;%4$s-1;%4$s;Centre hospitalier;%5$s;oui;31/08/2024;30/09/2024;10000,00;EUR
                """.formatted(entity, commune, publicSiren(), hospital, LedgerFixtures.siren());
        JsonNode job = importFile(query(LedgerFixtures.unique("public")), "open-items.csv", csv.getBytes(StandardCharsets.UTF_8));
        assertThat(job.get("state").asString()).as(job.toString()).isEqualTo("SUCCEEDED");

        for (String account : List.of(commune, hospital)) {
            Response response = post("/api/v1/dunning/next-actions", DUNNING_ENGINE,
                    "{\"customer\": \"%s\", \"asOf\": \"2024-10-30\"}".formatted(account));
            assertThat(response.status()).as(response.text()).isEqualTo(200);
            JsonNode next = response.body();
            assertThat(next.get("dunningPlan").asString()).as(account).isEqualTo("PUBLIC_SECTOR");
            List<String> actions = new ArrayList<>();
            next.get("actions").forEach(action -> actions.add(action.get("action").asString()));
            assertThat(actions).as(account).doesNotContain("PAYMENT_ORDER");
            next.get("actions").forEach(action -> assertThat(action.get("invoices").get(0).get("interest").get("amount")
                    .decimalValue()).as(account).isEqualByComparingTo("100.68"));
        }
    }

    private LocalDate dueDate(String entity, String number) {
        return jdbc.sql("select due_date from ledger_invoice where entity_code = ? and number = ?").params(entity, number)
                .query(LocalDate.class).single();
    }
}
