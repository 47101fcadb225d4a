package io.arbiter.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.function.BiFunction;

import org.springframework.jdbc.core.simple.JdbcClient;

import io.arbiter.ApiTest.Response;
import io.arbiter.bureau.CompanyStatus;
import io.arbiter.bureau.SolvencyReport;
import io.arbiter.ledger.LedgerFixtures;
import io.arbiter.ledger.LedgerFixtures.NewCustomer;
import io.arbiter.shared.Money;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A customer as a credit manager finds it after a year of trading: two accounts of one company (its SIREN and one of its
 * SIRETs) in a group with a sister company, invoices open and late with a dispute, a promise to pay, a year of payments
 * getting later, an order on the books (68,000 EUR of exposure, 98,000 EUR with the group), a credit decision, a bureau report, and a dunning call with its outcome.
 */
public final class CustomerFixtures {

    private static final LocalDate TODAY = LocalDate.now();

    /**
     * @param name the company's name; {@code sister} is the other company of its group, sold by another salesperson
     */
    public record Made(String name, String siren, String siret, String account, String secondAccount, String sisterSiren,
            String sisterName, String decisionId) {

        public String companyId() {
            return "FR:" + siren;
        }
    }

    private final JdbcClient jdbc;
    private final JsonMapper json;
    /** POSTs JSON with an API key: (path, body) → response. */
    private final BiFunction<String, String, Response> orderSystem;
    private final BiFunction<String, String, Response> dunningEngine;
    private final LedgerFixtures ledger;

    public CustomerFixtures(JdbcClient jdbc, JsonMapper json, BiFunction<String, String, Response> orderSystem,
            BiFunction<String, String, Response> dunningEngine) {
        this.jdbc = jdbc;
        this.json = json;
        this.orderSystem = orderSystem;
        this.dunningEngine = dunningEngine;
        this.ledger = new LedgerFixtures(jdbc);
    }

    /** The customer, its first account sold by {@code salesperson}, its second by someone else. */
    public Made customer(String name, String salesperson) {
        String siren = LedgerFixtures.siren();
        String siret = LedgerFixtures.siret(siren);
        String entity = ledger.entity("EUR");
        String group = ledger.group(name + " group");
        NewCustomer first = new NewCustomer(LedgerFixtures.unique("411"), siren, name, "FR", group, salesperson, null, 45,
                LocalDate.of(2019, 4, 1), false);
        NewCustomer second = new NewCustomer(LedgerFixtures.unique("411"), siret, name + " (Lyon)", "FR", group,
                "SP-" + LedgerFixtures.unique("OTHER"), null, 45, LocalDate.of(2021, 9, 1), false);
        long a = ledger.customer(first);
        long b = ledger.customer(second);
        String sisterSiren = LedgerFixtures.siren();
        String sisterName = "Sister of " + name;
        long sister = ledger.customer(new NewCustomer(LedgerFixtures.unique("411"), sisterSiren, sisterName, "FR", group,
                "SP-" + LedgerFixtures.unique("OTHER"), null, 30, LocalDate.of(2020, 1, 1), false));

        long late = ledger.openInvoice(entity, a, TODAY.minusDays(70), TODAY.minusDays(25), "40000.00", "EUR");
        ledger.openInvoice(entity, a, TODAY.minusDays(25), TODAY.plusDays(20), "12000.00", "EUR");
        ledger.openInvoice(entity, a, TODAY.minusDays(53), TODAY.minusDays(8), "3000.00", "EUR");
        long lyon = ledger.openInvoice(entity, b, TODAY.minusDays(48), TODAY.minusDays(3), "5000.00", "EUR");
        ledger.openOrder(entity, a, TODAY, "8000.00", "EUR");
        ledger.openInvoice(entity, sister, TODAY.minusDays(30), TODAY.plusDays(10), "30000.00", "EUR");
        ledger.dispute(a, "price not as agreed", TODAY.minusDays(10), null, List.of(late));
        ledger.promise(b, TODAY.minusDays(2), TODAY.plusDays(7), "5000.00", "EUR", "PENDING", List.of(lyon));
        // A year of payments, later and later: 2 days late a year ago, up to 20 days late last month.
        for (int month = 11; month >= 1; month--) {
            LocalDate due = TODAY.minusMonths(month).withDayOfMonth(10);
            ledger.paidInvoice(entity, a, due.minusDays(45), due, "10000.00", "EUR", due.plusDays(2 + (11 - month) * 18L / 10));
        }

        Response decision = orderSystem.apply("/api/v1/credit-decisions", """
                {"requestId": "%s", "customer": {"registrationNumber": "%s", "name": "%s", "country": "FR",
                 "customerSince": "2019-04-01", "paymentTermsDays": 45}, "order": {"amount": 15000, "currency": "EUR"}}"""
                .formatted(LedgerFixtures.unique("customer-page"), siret, name));
        assertThat(decision.status()).as(decision.text()).isEqualTo(201);

        SolvencyReport report = new SolvencyReport("creditsafe", LedgerFixtures.unique("R"), TODAY.minusDays(40), siren, "FR",
                name, CompanyStatus.ACTIVE, 64, SolvencyReport.bandOf(64), "64", "0-100", "Low risk",
                Money.of(new BigDecimal("150000"), Currency.getInstance("EUR")), 1, null, null);
        jdbc.sql("""
                        insert into solvency_snapshot (company_key, provider, report_id, report_date, fetched_at, report)
                        values (?, ?, ?, ?, ?, cast(? as jsonb))""")
                .params("FR:" + siren, report.provider(), report.reportId(), report.reportDate(),
                        Timestamp.from(Instant.now()), json.writeValueAsString(report))
                .update();

        Response next = dunningEngine.apply("/api/v1/dunning/next-actions", """
                {"account": "%s", "asOf": "%s", "dunningPlan": "SME", "riskClass": "B"}""".formatted(first.account(), TODAY));
        assertThat(next.status()).as(next.text()).isEqualTo(200);
        JsonNode action = next.body().get("actions").get(0);
        Response outcome = dunningEngine.apply("/api/v1/dunning/outcomes", """
                {"actionId": "%s", "account": "%s", "kind": "CALL_REACHED", "date": "%s", "agent": "Julie",
                 "note": "will pay the undisputed part"}""".formatted(action.get("id").asString(), first.account(), TODAY));
        assertThat(outcome.status()).as(outcome.text()).isEqualTo(201);
        return new Made(name, siren, siret, first.account(), second.account(), sisterSiren, sisterName,
                decision.body().get("decisionId").asString());
    }
}
