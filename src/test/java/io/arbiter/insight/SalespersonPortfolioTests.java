package io.arbiter.insight;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;

import io.arbiter.ApiTest;
import io.arbiter.ledger.LedgerFixtures;
import io.arbiter.ledger.LedgerFixtures.NewCustomer;
import tools.jackson.databind.JsonNode;

/**
 * docs/architecture.md §1: a salesperson sees their own portfolio only. The test key {@code SALESPERSON} is the salesperson
 * {@code SP-PORTFOLIO-TEST}, whose customers only this class makes; its invoices are in XTS (ISO 4217's code for
 * testing) and in 2032, so that other tests' cash stays out of its forecast.
 */
class SalespersonPortfolioTests extends ApiTest {

    private static final String OWN = "SP-PORTFOLIO-TEST";
    private static final String AS_OF = "2032-03-01";

    @Test
    void a_salesperson_s_key_sees_the_kpis_forecast_and_customers_of_its_own_portfolio_only() {
        LedgerFixtures ledger = new LedgerFixtures(jdbc);
        String entity = ledger.entity("XTS");
        String colleague = LedgerFixtures.unique("SP");
        String mySiren = LedgerFixtures.siren();
        String theirSiren = LedgerFixtures.siren();
        NewCustomer mine = NewCustomer.named(mySiren).soldBy(OWN);
        NewCustomer theirs = NewCustomer.named(theirSiren).soldBy(colleague);
        long myId = ledger.customer(mine);
        long theirId = ledger.customer(theirs);
        // Due 9 days after the as-of day, no payment history (no delay): expected in week 2.
        ledger.openInvoice(entity, myId, LocalDate.parse("2032-02-01"), LocalDate.parse("2032-03-10"), "1000", "XTS");
        ledger.openInvoice(entity, theirId, LocalDate.parse("2032-02-01"), LocalDate.parse("2032-03-10"), "7000", "XTS");

        JsonNode kpis = get("/api/v1/kpis?by=customer&asOf=" + AS_OF, SALESPERSON).body();
        assertThat(kpis.get("filter").get("salesperson").asString()).isEqualTo(OWN);
        List<String> accounts = StreamSupport.stream(kpis.get("rows").spliterator(), false)
                .map(row -> row.get("key").asString()).toList();
        assertThat(accounts).contains(mine.account()).doesNotContain(theirs.account());
        assertThat(get("/api/v1/kpis?by=customer&asOf=" + AS_OF + "&salesperson=" + OWN, SALESPERSON).status())
                .isEqualTo(200);
        Response another = get("/api/v1/kpis?salesperson=" + colleague, SALESPERSON);
        assertThat(another.status()).isEqualTo(403);
        assertThat(another.body().get("detail").asString()).contains(OWN);

        assertThat(week2Xts(get("/api/v1/forecast/cash-in?asOf=" + AS_OF, SALESPERSON))).isEqualByComparingTo("1000");
        assertThat(week2Xts(get("/api/v1/forecast/cash-in?asOf=" + AS_OF + "&salesperson=" + colleague, ANALYST)))
                .isEqualByComparingTo("7000");
        assertThat(week2Xts(get("/api/v1/forecast/cash-in?asOf=" + AS_OF, ANALYST))).isGreaterThanOrEqualTo(new java.math.BigDecimal("8000"));
        assertThat(get("/api/v1/forecast/cash-in?salesperson=" + colleague, SALESPERSON).status()).isEqualTo(403);

        for (String view : List.of("exposure", "behaviour", "history")) {
            assertThat(get("/api/v1/ledger/customers/" + mySiren + "/" + view, SALESPERSON).status()).as(view).isEqualTo(200);
            Response hidden = get("/api/v1/ledger/customers/" + theirSiren + "/" + view, SALESPERSON);
            assertThat(hidden.status()).as(view).isEqualTo(404);
            assertThat(hidden.body().get("detail").asString()).as(view).contains(OWN + "'s portfolio");
            assertThat(get("/api/v1/ledger/customers/" + theirSiren + "/" + view, ANALYST).status()).as(view).isEqualTo(200);
        }
        assertThat(get("/api/v1/ledger/imports", SALESPERSON).status()).isEqualTo(403);
        assertThat(post("/api/v1/credit-decisions", SALESPERSON, "{}").status()).isEqualTo(403);
    }

    @Test
    void the_same_number_in_another_country_is_another_company_and_a_group_s_other_members_stay_hidden() {
        LedgerFixtures ledger = new LedgerFixtures(jdbc);
        String entity = ledger.entity("XTS");
        String colleague = LedgerFixtures.unique("SP");
        String group = ledger.group("Groupe partagé");
        String digits = LedgerFixtures.siren();
        // A Norwegian company whose organisation number has the same nine digits as a French colleague's customer; its
        // invoices are in 2040, out of the other test's forecast.
        NewCustomer norwegianAccount = NewCustomer.named(digits).in("NO").soldBy(OWN).inGroup(group);
        long norwegian = ledger.customer(norwegianAccount);
        long french = ledger.customer(NewCustomer.named(digits).soldBy(colleague));
        long sister = ledger.customer(NewCustomer.named(LedgerFixtures.siren()).soldBy(colleague).inGroup(group));
        ledger.openInvoice(entity, norwegian, LocalDate.parse("2040-02-01"), LocalDate.parse("2040-03-10"), "10", "XTS");
        ledger.openInvoice(entity, french, LocalDate.parse("2040-02-01"), LocalDate.parse("2040-03-10"), "50000", "XTS");
        ledger.openInvoice(entity, sister, LocalDate.parse("2040-02-01"), LocalDate.parse("2040-02-10"), "90000", "XTS");

        assertThat(get("/api/v1/ledger/customers/" + digits + "/exposure", SALESPERSON).status()).isEqualTo(404);
        JsonNode own = get("/api/v1/ledger/customers/" + digits + "/exposure?country=no", SALESPERSON).body();
        assertThat(own.get("accounts").valueStream().map(JsonNode::asString)).containsExactly(norwegianAccount.account());
        assertThat(own.has("customerIds")).as("the ledger's own ids stay inside").isFalse();
        assertThat(own.get("customer").get(0).get("openReceivables").get("amount").decimalValue()).isEqualByComparingTo("10");
        // The group's total would show the colleague's customer's balance: a salesperson's key does not get it.
        assertThat(own.get("groups")).isEmpty();
        assertThat(own.get("group")).isEmpty();
        JsonNode finance = get("/api/v1/ledger/customers/" + digits + "/exposure?country=NO", ANALYST).body();
        assertThat(finance.get("group").get(0).get("openReceivables").get("amount").decimalValue()).isEqualByComparingTo("90010");
        JsonNode frenchCompany = get("/api/v1/ledger/customers/" + digits + "/exposure", ANALYST).body();
        assertThat(frenchCompany.get("customer").get(0).get("openReceivables").get("amount").decimalValue()).isEqualByComparingTo("50000");
    }

    private static java.math.BigDecimal week2Xts(Response forecast) {
        assertThat(forecast.status()).isEqualTo(200);
        return StreamSupport.stream(forecast.body().get("weeks").get(1).get("amounts").spliterator(), false)
                .filter(amount -> "XTS".equals(amount.get("currency").asString()))
                .map(amount -> amount.get("expected").get("amount").decimalValue()).findFirst().orElseThrow();
    }
}
