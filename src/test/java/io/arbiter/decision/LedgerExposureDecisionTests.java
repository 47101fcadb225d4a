package io.arbiter.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.arbiter.ApiTest;
import io.arbiter.decision.storage.RecordCompression;
import io.arbiter.ledger.LedgerFixtures;
import tools.jackson.databind.JsonNode;

/**
 * A decision without an exposure in the request takes the ledger's: open receivables + orders backlog (+ the order),
 * summed over the customer's group, which shares its limit.
 */
class LedgerExposureDecisionTests extends ApiTest {

    private static final LocalDate TODAY = LocalDate.now();
    private static final String MOREAU = "402202006";

    /** A SIRET of the sandbox's Atelier Moreau SARL (SIREN 402202006, bureau limit 120,000 €). */
    private static String moreauEstablishment() {
        return LedgerFixtures.siret(MOREAU);
    }

    private static String order(String requestId, String siret, String amount) {
        return """
                {"requestId": "%s",
                 "customer": {"registrationNumber": "%s", "name": "Atelier Moreau SARL", "country": "FR",
                              "customerSince": "2021-03-01", "paymentTermsDays": 45},
                 "order": {"amount": %s, "currency": "EUR"}}
                """.formatted(requestId, siret, amount);
    }

    @Test
    void an_order_that_fits_alone_is_rejected_once_the_ledger_s_exposure_counts() {
        String siret = moreauEstablishment();
        LedgerFixtures ledger = new LedgerFixtures(jdbc);
        ledger.setAsideCompany(MOREAU);
        Response alone = post("/api/v1/credit-decisions", ORDER_SYSTEM, order(newRequestId(), siret, "18000"));
        assertThat(alone.status()).isEqualTo(201);
        assertThat(alone.body().get("outcome").asString()).isEqualTo("APPROVED");
        assertThat(alone.body().get("exposure").get("source").asString()).isEqualTo("NONE");

        String eur = ledger.entity("EUR");
        String usd = ledger.entity("USD");
        String group = ledger.group("Moreau group");
        long customer = ledger.customer(LedgerFixtures.NewCustomer.named(siret).inGroup(group));
        long sister = ledger.customer(LedgerFixtures.NewCustomer.named("DE" + siret).inGroup(group));
        ledger.openInvoice(eur, customer, TODAY.minusDays(70), TODAY.minusDays(25), "40000", "EUR");
        ledger.openInvoice(eur, customer, TODAY.minusDays(10), TODAY.plusDays(35), "30000", "EUR");
        ledger.openInvoice(usd, customer, TODAY.minusDays(10), TODAY.plusDays(35), "9000", "USD");
        ledger.openOrder(eur, customer, TODAY, "20000", "EUR");
        ledger.openInvoice(eur, sister, TODAY.minusDays(10), TODAY.plusDays(35), "30000", "EUR");
        long paid = ledger.paidInvoice(eur, customer, TODAY.minusDays(100), TODAY.minusDays(55), "5000", "EUR",
                TODAY.minusDays(40));
        ledger.dispute(customer, "price", TODAY.minusDays(20), null, List.of(paid));

        Response withLedger = post("/api/v1/credit-decisions", ORDER_SYSTEM, order(newRequestId(), siret, "18000"));

        assertThat(withLedger.status()).isEqualTo(201);
        JsonNode exposure = withLedger.body().get("exposure");
        assertThat(exposure.get("source").asString()).isEqualTo("LEDGER");
        // the group's receivables: 40,000 + 30,000 (this customer) + 30,000 (its sister company)
        assertThat(exposure.get("openReceivables").get("amount").decimalValue()).isEqualByComparingTo("100000");
        assertThat(exposure.get("overdue").get("amount").decimalValue()).isEqualByComparingTo("40000");
        assertThat(exposure.get("ordersBacklog").get("amount").decimalValue()).isEqualByComparingTo("20000");
        assertThat(exposure.get("total").get("amount").decimalValue()).isEqualByComparingTo("138000");
        assertThat(exposure.get("ledger").get("groups").get(0).asString()).isEqualTo(group);
        assertThat(exposure.get("ledger").get("notCounted").get(0).get("currency").asString()).isEqualTo("USD");
        assertThat(exposure.get("ledger").get("paymentHistoryFromLedger").asBoolean()).isTrue();
        assertThat(withLedger.body().get("outcome").asString()).isEqualTo("REJECTED");
        assertThat(withLedger.body().get("summary").asString()).contains("138000.00 EUR");

        String stored = jdbc.sql("select facts from credit_decision where request_id = ?")
                .param(withLedger.body().get("requestId").asString())
                .query((rs, n) -> RecordCompression.unpackText(rs.getBytes(1))).single();
        assertThat(stored).contains("\"openDisputes\":1").contains("\"averageDaysLate\":15")
                .contains("\"latePaymentSharePercent\":100").contains("\"paymentHistoryAvailable\":true");
    }

    @Test
    void an_exposure_in_the_request_wins_over_the_ledger() {
        String siret = moreauEstablishment();
        LedgerFixtures ledger = new LedgerFixtures(jdbc);
        long customer = ledger.customer(siret);
        ledger.openInvoice(ledger.entity("EUR"), customer, TODAY.minusDays(10), TODAY.plusDays(35), "500000", "EUR");

        Response response = post("/api/v1/credit-decisions", ORDER_SYSTEM, """
                {"requestId": "%s",
                 "customer": {"registrationNumber": "%s", "name": "Atelier Moreau SARL", "country": "FR",
                              "customerSince": "2021-03-01", "paymentTermsDays": 45},
                 "order": {"amount": 18000, "currency": "EUR"},
                 "exposure": {"openReceivables": 32000, "overdue": 0, "ordersBacklog": 5000}}
                """.formatted(newRequestId(), siret));

        assertThat(response.body().get("exposure").get("source").asString()).isEqualTo("REQUEST");
        assertThat(response.body().get("exposure").get("total").get("amount").decimalValue()).isEqualByComparingTo("55000");
        assertThat(response.body().get("outcome").asString()).isEqualTo("APPROVED");
    }

    /**
     * Issue 20, LME terms at order time: Code de commerce L441-10 I allows at most 60 days from the invoice date, or 45
     * days end of month (DGCCRF, "Délais de paiement entre entreprises"). A customer whose ledger holds an invoice
     * issued 100 days ago and due in 34 days (134 days of terms) is decided with {@code termsBeyondLegalMaximum} true,
     * as dunning rates it, whether or not the order system sends the exposure; one whose invoice runs 45 days, false.
     */
    @Test
    void a_decision_on_a_customer_whose_ledger_terms_exceed_the_legal_maximum_has_the_fact() {
        LedgerFixtures ledger = new LedgerFixtures(jdbc);
        String entity = ledger.entity("EUR");
        String beyond = LedgerFixtures.siren();
        ledger.openInvoice(entity, ledger.customer(beyond), TODAY.minusDays(100), TODAY.plusDays(34), "3000", "EUR");
        String within = LedgerFixtures.siren();
        ledger.openInvoice(entity, ledger.customer(within), TODAY.minusDays(10), TODAY.plusDays(35), "3000", "EUR");

        assertThat(termsBeyondLegalMaximum(order(newRequestId(), beyond, "1000"))).isTrue();
        assertThat(termsBeyondLegalMaximum(order(newRequestId(), beyond, "1000").replace("\"order\":",
                "\"exposure\": {\"openReceivables\": 3000}, \"order\":"))).as("with the exposure in the request").isTrue();
        assertThat(termsBeyondLegalMaximum(order(newRequestId(), within, "1000"))).isFalse();
    }

    /** The fact as the decision stored it for the policy. */
    private boolean termsBeyondLegalMaximum(String request) {
        Response decided = post("/api/v1/credit-decisions", ORDER_SYSTEM, request);
        assertThat(decided.status()).as(decided.text()).isEqualTo(201);
        String stored = jdbc.sql("select facts from credit_decision where request_id = ?")
                .param(decided.body().get("requestId").asString())
                .query((rs, n) -> RecordCompression.unpackText(rs.getBytes(1))).single();
        return json.readTree(stored).get("termsBeyondLegalMaximum").asBoolean();
    }
}
