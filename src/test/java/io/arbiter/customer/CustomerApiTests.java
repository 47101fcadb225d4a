package io.arbiter.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.arbiter.ApiTest;
import io.arbiter.ledger.LedgerFixtures;
import io.arbiter.shared.RegistrationNumbers;
import tools.jackson.databind.JsonNode;

/**
 * What an integrator gets from {@code /api/v1/customers}: a company found by any of its names and numbers, and its
 * whole page; a salesperson's key finding and opening its own portfolio's companies only.
 */
class CustomerApiTests extends ApiTest {

    /** {@code SALESPERSON}'s portfolio (src/test/resources/config/application.yaml). */
    private static final String OWN = "SP-PORTFOLIO-TEST";

    private CustomerFixtures fixtures() {
        return new CustomerFixtures(jdbc, json, (path, body) -> post(path, ORDER_SYSTEM, body),
                (path, body) -> post(path, DUNNING_ENGINE, body));
    }

    private JsonNode search(String q, String apiKey) {
        Response response = get("/api/v1/customers?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8), apiKey);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.body();
    }

    private static List<String> companyIds(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("companyId").asString()));
        return ids;
    }

    @Test
    void a_company_is_found_by_its_name_any_of_its_numbers_or_an_account_and_answers_once_with_all_its_accounts() {
        String name = "Tissages Lemaire " + LedgerFixtures.unique("T");
        CustomerFixtures.Made made = fixtures().customer(name, OWN);

        for (String q : List.of(name.substring(0, 22).toLowerCase(), made.siren(), made.siret(),
                RegistrationNumbers.frenchVatNumber(made.siren()), made.secondAccount().toLowerCase())) {
            JsonNode page = search(q.equals(made.siren()) ? made.siren().substring(0, 3) + " " + made.siren().substring(3) : q,
                    MANAGER);
            List<JsonNode> found = new ArrayList<>();
            page.get("items").forEach(item -> {
                if (item.get("companyId").asString().equals(made.companyId())) {
                    found.add(item);
                }
            });
            assertThat(found).as("searching '%s'", q).hasSize(1);
            assertThat(found.getFirst().get("name").asString()).isEqualTo(name);
            assertThat(found.getFirst().get("accounts").toString()).contains(made.account()).contains(made.secondAccount());
        }
        assertThat(companyIds(search("no such customer " + LedgerFixtures.unique("X"), MANAGER))).isEmpty();
    }

    @Test
    void the_customer_page_shows_exposure_against_the_limit_open_invoices_decisions_bureau_and_dunning() {
        CustomerFixtures.Made made = fixtures().customer("Filature Dubreuil " + LedgerFixtures.unique("F"), OWN);

        Response response = get("/api/v1/customers/" + made.siret(), ANALYST);

        assertThat(response.status()).as(response.text()).isEqualTo(200);
        JsonNode c = response.body();
        assertThat(c.get("companyId").asString()).as("any of its numbers opens the company").isEqualTo(made.companyId());
        assertThat(c.get("accounts")).hasSize(2);
        JsonNode exposure = c.get("exposure");
        assertThat(exposure.get("measuredOn").asString()).isEqualTo("GROUP");
        // 40,000 + 12,000 + 3,000 + 5,000 open + 8,000 on order; the group adds its sister's 30,000
        assertThat(exposure.at("/customer/0/total/amount").decimalValue()).isEqualByComparingTo("68000");
        assertThat(exposure.at("/customer/0/overdue/amount").decimalValue()).isEqualByComparingTo("48000");
        assertThat(exposure.at("/group/0/total/amount").decimalValue()).isEqualByComparingTo("98000");
        JsonNode limit = c.get("limit");
        assertThat(limit.at("/granted/currency").asString()).isEqualTo("EUR");
        assertThat(limit.at("/used/amount").decimalValue()).isEqualByComparingTo("98000");
        assertThat(limit.at("/available/amount").decimalValue())
                .isEqualByComparingTo(limit.at("/granted/amount").decimalValue().subtract(new java.math.BigDecimal("98000")));
        assertThat(c.at("/bureau/ageDays").asInt()).isEqualTo(40);
        assertThat(c.at("/bureau/report/band").asString()).isEqualTo("B");
        assertThat(c.at("/pool/status").asString()).isNotBlank();
        assertThat(c.at("/behaviour/paidInvoices").asInt()).isEqualTo(11);
        assertThat(c.get("paymentTrend").size()).isGreaterThanOrEqualTo(12);

        assertThat(c.get("openInvoiceCount").asInt()).isEqualTo(4);
        JsonNode first = c.get("openInvoices").get(0);
        assertThat(first.get("daysLate").asInt()).as("the oldest due first").isEqualTo(25);
        assertThat(first.at("/disputes/0/reason").asString()).isEqualTo("price not as agreed");
        assertThat(first.at("/openAmount/amount").decimalValue()).isEqualByComparingTo("40000");
        assertThat(c.at("/promises/0/amount/amount").decimalValue()).isEqualByComparingTo("5000");
        assertThat(c.at("/promises/0/account").asString()).isEqualTo(made.secondAccount());

        assertThat(c.at("/decisions/0/decisionId").asString()).isEqualTo(made.decisionId());
        assertThat(c.at("/decisions/0/reasons")).isNotEmpty();
        assertThat(c.at("/dunningHistory/0/outcome").asString()).isEqualTo("CALL_REACHED");
        assertThat(c.at("/dunningHistory/0/note").asString()).isEqualTo("will pay the undisputed part");
        assertThat(c.at("/dunningHistory/0/account").asString()).isEqualTo(made.account());
    }

    @Test
    void a_salesperson_finds_and_opens_only_their_portfolio_s_companies_without_their_groups() {
        CustomerFixtures.Made made = fixtures().customer("Menuiserie Carré " + LedgerFixtures.unique("M"), OWN);

        List<String> everything = new ArrayList<>();
        String next = "/api/v1/customers?limit=200";
        while (next != null) {
            JsonNode page = get(next, SALESPERSON).body();
            everything.addAll(companyIds(page));
            next = page.get("next").isNull() ? null
                    : "/api/v1/customers?limit=200&cursor=" + page.get("next").asString();
        }
        List<String> portfolio = jdbc.sql("select distinct trim(country) || ':' || company_id from ledger_customer"
                + " where salesperson = ? and company_id is not null").param(OWN).query(String.class).list();
        assertThat(everything).contains(made.companyId()).doesNotContain("FR:" + made.sisterSiren())
                .allMatch(portfolio::contains);
        assertThat(companyIds(search(made.sisterName(), SALESPERSON))).isEmpty();
        assertThat(companyIds(search(made.sisterName(), MANAGER))).containsExactly("FR:" + made.sisterSiren());

        JsonNode own = get("/api/v1/customers/" + made.companyId(), SALESPERSON).body();
        assertThat(own.get("name").asString()).isEqualTo(made.name());
        assertThat(own.get("exposure").get("group")).as("a group's total shows other salespeople's customers").isEmpty();
        assertThat(own.get("exposure").get("measuredOn").asString()).isEqualTo("COMPANY");
        assertThat(own.at("/limit/used/amount").decimalValue()).isEqualByComparingTo("68000");

        Response other = get("/api/v1/customers/FR:" + made.sisterSiren(), SALESPERSON);
        assertThat(other.status()).isEqualTo(404);
        assertThat(other.contentType()).startsWith("application/problem+json");
        assertThat(other.body().get("type").asString()).endsWith("customer-not-found");
        assertThat(other.text()).doesNotContain(made.sisterName());
        assertThat(get("/api/v1/customers/FR:" + made.sisterSiren(), MANAGER).status()).isEqualTo(200);
    }

    @Test
    void the_search_pages_by_name_and_refuses_what_is_not_a_company() {
        String prefix = "Quincaillerie " + LedgerFixtures.unique("Q");
        LedgerFixtures ledger = new LedgerFixtures(jdbc);
        for (String suffix : List.of("C", "A", "B")) {
            ledger.customer(new LedgerFixtures.NewCustomer(LedgerFixtures.unique("411"), LedgerFixtures.siren(),
                    prefix + " " + suffix, "FR", null, null, null, 30, null, false));
        }
        Response first = get("/api/v1/customers?limit=2&q=" + URLEncoder.encode(prefix, StandardCharsets.UTF_8), MANAGER);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.link()).contains("rel=\"next\"");
        List<String> names = new ArrayList<>();
        first.body().get("items").forEach(item -> names.add(item.get("name").asString()));
        Response second = get("/api/v1/customers?limit=2&q=" + URLEncoder.encode(prefix, StandardCharsets.UTF_8) + "&cursor="
                + first.body().get("next").asString(), MANAGER);
        second.body().get("items").forEach(item -> names.add(item.get("name").asString()));
        assertThat(second.body().get("next").isNull()).isTrue();
        assertThat(names).containsExactly(prefix + " A", prefix + " B", prefix + " C");

        assertThat(refusedField(get("/api/v1/customers/552100555", MANAGER))).isEqualTo("companyId");
        assertThat(refusedField(get("/api/v1/customers?cursor=bm90LWEtY3Vyc29y", MANAGER))).isEqualTo("cursor");
        Response unknown = get("/api/v1/customers/FR:552100554", MANAGER);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().get("type").asString()).endsWith("customer-not-found");
        assertThat(get("/api/v1/customers", ORDER_SYSTEM).status()).isEqualTo(403);
        assertThat(get("/api/v1/customers", null).status()).isEqualTo(401);
    }
}
