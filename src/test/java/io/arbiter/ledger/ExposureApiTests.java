package io.arbiter.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.arbiter.ApiTest;
import io.arbiter.shared.RegistrationNumbers;
import tools.jackson.databind.JsonNode;

class ExposureApiTests extends ApiTest {

    private static final LocalDate TODAY = LocalDate.now();

    private static String registration() {
        return "DE" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
    }

    @Test
    void exposure_is_open_receivables_plus_backlog_per_currency_and_summed_over_the_group() {
        LedgerFixtures ledger = new LedgerFixtures(jdbc);
        String eur = ledger.entity("EUR");
        String usd = ledger.entity("USD");
        String group = ledger.group("Groupe Durand");
        String registration = registration();
        long customer = ledger.customer(LedgerFixtures.NewCustomer.named(registration).inGroup(group));
        long sister = ledger.customer(LedgerFixtures.NewCustomer.named(registration()).inGroup(group));
        ledger.openInvoice(eur, customer, TODAY.minusDays(60), TODAY.minusDays(30), "1000", "EUR");   // overdue
        ledger.openInvoice(eur, customer, TODAY.minusDays(5), TODAY.plusDays(25), "2500.50", "EUR");
        ledger.invoice(eur, customer, TODAY.minusDays(40), TODAY.minusDays(10), "900", "0", "EUR", "PAID", TODAY.minusDays(2));
        ledger.openInvoice(usd, customer, TODAY.minusDays(5), TODAY.plusDays(25), "700", "USD");
        ledger.openOrder(eur, customer, TODAY, "400", "EUR");
        ledger.openInvoice(eur, sister, TODAY.minusDays(5), TODAY.plusDays(25), "10000", "EUR");
        ledger.openOrder(usd, sister, TODAY, "300", "USD");

        Response response = get("/api/v1/ledger/customers/" + registration + "/exposure?country=DE", ORDER_SYSTEM);

        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.body();
        assertThat(body.get("groups").get(0).asString()).isEqualTo(group);
        JsonNode ownEur = body.get("customer").get(0);
        assertThat(ownEur.get("total").get("currency").asString()).isEqualTo("EUR");
        assertThat(ownEur.get("openReceivables").get("amount").decimalValue()).isEqualByComparingTo("3500.50");
        assertThat(ownEur.get("overdue").get("amount").decimalValue()).isEqualByComparingTo("1000");
        assertThat(ownEur.get("ordersBacklog").get("amount").decimalValue()).isEqualByComparingTo("400");
        assertThat(ownEur.get("total").get("amount").decimalValue()).isEqualByComparingTo("3900.50");
        JsonNode ownUsd = body.get("customer").get(1);
        assertThat(ownUsd.get("total").get("currency").asString()).isEqualTo("USD");
        assertThat(ownUsd.get("total").get("amount").decimalValue()).isEqualByComparingTo("700");
        assertThat(body.get("group").get(0).get("total").get("amount").decimalValue()).isEqualByComparingTo("13900.50");
        assertThat(body.get("group").get(1).get("total").get("amount").decimalValue()).isEqualByComparingTo("1000");
    }

    /**
     * A French company is one debtor: the accounts an ERP keeps under its SIREN, under the SIRET of one of its
     * establishments (here written with spaces) or under its VAT number are all its exposure, whichever of these numbers
     * the caller asks with. Another company's account is not.
     */
    @Test
    void a_french_company_s_exposure_sums_every_account_of_its_establishments() {
        LedgerFixtures ledger = new LedgerFixtures(jdbc);
        String eur = ledger.entity("EUR");
        String siren = LedgerFixtures.siren();
        String headOffice = LedgerFixtures.siret(siren);
        String depot = LedgerFixtures.siret(siren);
        String spaced = headOffice.substring(0, 3) + " " + headOffice.substring(3, 6) + " " + headOffice.substring(6, 9)
                + " " + headOffice.substring(9);
        long byHeadOffice = ledger.customer(spaced);
        long byDepot = ledger.customer(depot);
        long byVat = ledger.customer(RegistrationNumbers.frenchVatNumber(siren));
        long bySiren = ledger.customer(siren);
        long otherCompany = ledger.customer(LedgerFixtures.siret(LedgerFixtures.siren()));
        ledger.openInvoice(eur, byHeadOffice, TODAY.minusDays(5), TODAY.plusDays(25), "1000", "EUR");
        ledger.openInvoice(eur, byDepot, TODAY.minusDays(5), TODAY.plusDays(25), "200", "EUR");
        ledger.openInvoice(eur, byVat, TODAY.minusDays(5), TODAY.plusDays(25), "30", "EUR");
        ledger.openOrder(eur, bySiren, TODAY, "4", "EUR");
        ledger.openInvoice(eur, otherCompany, TODAY.minusDays(5), TODAY.plusDays(25), "50000", "EUR");

        for (String asked : List.of(siren, depot, headOffice, RegistrationNumbers.frenchVatNumber(siren))) {
            Response response = get("/api/v1/ledger/customers/" + asked + "/exposure", ORDER_SYSTEM);

            assertThat(response.status()).as(asked).isEqualTo(200);
            assertThat(response.body().get("accounts").size()).as(asked).isEqualTo(4);
            JsonNode total = response.body().get("customer").get(0).get("total");
            assertThat(total.get("amount").decimalValue()).as(asked).isEqualByComparingTo("1234");
        }
    }

    @Test
    void an_unknown_customer_is_a_404_and_other_roles_are_refused() {
        assertThat(get("/api/v1/ledger/customers/" + registration() + "/exposure?country=DE", ANALYST).status()).isEqualTo(404);
        assertThat(get("/api/v1/ledger/customers/" + registration() + "/exposure?country=DE", DUNNING_ENGINE).status())
                .isEqualTo(403);
        assertThat(get("/api/v1/ledger/customers/12345/exposure", ANALYST).status()).isEqualTo(400);
    }
}
