package io.arbiter.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.arbiter.ledger.LedgerFixtures;
import io.arbiter.ledger.LedgerFixtures.NewCustomer;
import io.arbiter.security.BrowserSession;
import io.arbiter.security.People;
import io.arbiter.security.Person;
import io.arbiter.security.Role;
import tools.jackson.databind.JsonNode;

/** The insurer's cover decisions imported as its portal exports them: they cap the granted limit and set deadlines. */
class InsuranceApiTests extends LimitsApiTest {

    @Autowired
    People people;

    private Response importCovers(String csv) {
        return send(HttpRequest.newBuilder(uri("/api/v1/limits/insurance/covers?insurer=TestInsurer"))
                .header("Content-Type", "text/csv").header("X-File-Name", "covers.csv")
                .POST(HttpRequest.BodyPublishers.ofString(csv)), MANAGER);
    }

    @Test
    void an_imported_cover_caps_the_granted_limit_and_a_later_reduction_lowers_it_with_history_kept() {
        String siren = company(LedgerFixtures.unique("SP"));
        LocalDate today = LocalDate.now();
        JsonNode uninsured = decide(siren, "30000", today).body();
        assertThat(uninsured.at("/limitComposition/insurerCover").isNull()).isTrue();
        assertThat(uninsured.at("/grantedLimit/amount").decimalValue()).isGreaterThan(new java.math.BigDecimal("100000"));

        Response imported = importCovers("""
                Identifiant acheteur;Pays;Type de décision;Montant agréé;Devise;Date d'effet;Date d'expiration;Référence assureur
                %s;FR;Agrément total;50 000,00;EUR;%s;;TI-001
                """.formatted(siren, today.minusDays(30)));
        assertThat(imported.status()).as(imported.text()).isEqualTo(201);
        assertThat(imported.body().get("decisions").asInt()).isEqualTo(1);

        JsonNode insured = decide(siren, "30000", today).body();
        assertThat(insured.at("/limitComposition/insurerCover/amount").decimalValue()).isEqualByComparingTo("50000");
        assertThat(insured.at("/limitComposition/binding").asString()).isEqualTo("INSURER");
        assertThat(insured.at("/grantedLimit/amount").decimalValue()).isEqualByComparingTo("50000");
        assertThat(insured.get("outcome").asString()).isEqualTo("APPROVED");

        assertThat(importCovers("""
                buyer id,decision,amount,currency,effective date,insurer reference
                %s,REDUCED,20000,EUR,%s,TI-002
                """.formatted(siren, today)).status()).isEqualTo(201);
        JsonNode reduced = decide(siren, "30000", today).body();
        assertThat(reduced.at("/grantedLimit/amount").decimalValue()).isEqualByComparingTo("20000");
        assertThat(reduced.get("outcome").asString()).isNotEqualTo("APPROVED");
        JsonNode limits = get("/api/v1/limits/companies/" + siren, ANALYST).body();
        assertThat(limits.at("/insurerCover/amount").decimalValue()).isEqualByComparingTo("20000");
        assertThat(limits.at("/insurerDecision/insurerReference").asString()).isEqualTo("TI-002");
        assertThat(limits.get("insurerHistory")).hasSize(2);
        assertThat(get("/api/v1/limits/companies/" + siren + "?asOf=" + today.minusDays(1), ANALYST).body()
                .at("/insurerCover/amount").decimalValue()).as("the full cover still held yesterday").isEqualByComparingTo("50000");
    }

    @Test
    void a_file_with_an_unknown_buyer_or_overlapping_decisions_is_refused_by_row_and_nothing_is_imported() {
        String siren = company(LedgerFixtures.unique("SP"));
        Response refused = importCovers("""
                buyer id,decision,amount,currency,effective date,expiry date,insurer reference
                %s,FULL,50000,EUR,2026-01-01,2026-12-31,TI-010
                %s,PARTIAL,30000,EUR,2026-06-01,,TI-011
                %s,FULL,10000,EUR,2026-01-01,,TI-012
                %s,SOMETIMES,10000,EUR,2026-01-01,,TI-013
                """.formatted(siren, siren, LedgerFixtures.siren(), siren));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        List<String> errors = StreamSupport.stream(refused.body().get("errors").spliterator(), false)
                .map(error -> error.get("row").asInt() + ":" + error.get("field").asString()).toList();
        assertThat(errors).contains("3:effectiveFrom", "4:buyer", "5:decision");
        assertThat(refused.body().at("/errors/0/file").asString()).isEqualTo("covers.csv");
        assertThat(jdbc.sql("select count(*) from insurance_cover where registration_number = ?").param(siren)
                .query(Long.class).single()).isZero();
        assertThat(get("/api/v1/limits/companies/" + siren, ANALYST).body().get("insurerCover").isNull()).isTrue();
    }

    @Test
    void an_insured_invoice_nearing_its_reporting_deadline_is_alerted_and_one_past_it_has_lost_its_cover() {
        LedgerFixtures ledger = new LedgerFixtures(jdbc);
        String entity = ledger.entity("EUR");
        String siren = LedgerFixtures.siren();
        long customer = ledger.customer(NewCustomer.named(siren).soldBy(OWN_SALESPERSON));
        LocalDate asOf = LocalDate.now();
        // TestInsurer: report within 30 days of the due date extended by 10, so by due date + 40.
        ledger.openInvoice(entity, customer, asOf.minusDays(60), asOf.minusDays(35), "4000", "EUR");
        ledger.openInvoice(entity, customer, asOf.minusDays(80), asOf.minusDays(50), "6000", "EUR");
        ledger.openInvoice(entity, customer, asOf.minusDays(20), asOf.minusDays(5), "9000", "EUR");
        assertThat(importCovers("""
                buyer id,decision,amount,currency,effective date,insurer reference
                %s,FULL,30000,EUR,%s,TI-020
                """.formatted(siren, asOf.minusDays(90))).status()).isEqualTo(201);

        JsonNode alerts = get("/api/v1/limits/insurance/alerts?asOf=" + asOf + "&limit=200", ANALYST).body().get("items");
        List<JsonNode> mine = StreamSupport.stream(alerts.spliterator(), false)
                .filter(alert -> alert.at("/company/registrationNumber").asString().equals(siren)).toList();
        assertThat(mine).hasSize(2);
        assertThat(mine.get(0).get("coverLost").asBoolean()).isTrue();
        assertThat(mine.get(0).get("reportBy").asString()).isEqualTo(asOf.minusDays(10).toString());
        assertThat(mine.get(1).get("coverLost").asBoolean()).isFalse();
        assertThat(mine.get(1).get("daysLeft").asInt()).isEqualTo(5);
        assertThat(mine.get(1).get("reportBy").asString()).isEqualTo(asOf.plusDays(5).toString());
        assertThat(mine.get(1).at("/openAmount/amount").decimalValue()).isEqualByComparingTo("4000");
        assertThat(get("/api/v1/limits/insurance/alerts?asOf=" + asOf + "&limit=200", SALESPERSON).body().get("items")).anySatisfy(
                alert -> assertThat(alert.at("/company/registrationNumber").asString()).isEqualTo(siren));

        // A page at a time, in the same order, following the cursor as the Link header gives it
        String cursor = null;
        for (int i = 0; i < Math.min(alerts.size(), 3); i++) {
            Response page = get("/api/v1/limits/insurance/alerts?asOf=" + asOf + "&limit=1"
                    + (cursor == null ? "" : "&cursor=" + cursor), ANALYST);
            assertThat(page.status()).as(page.text()).isEqualTo(200);
            assertThat(page.body().get("items")).containsExactly(alerts.get(i));
            cursor = page.body().get("next").isNull() ? null : page.body().get("next").asString();
            assertThat(page.link() != null).as("a Link header exactly when a page follows").isEqualTo(cursor != null);
        }
        assertThat(get("/api/v1/limits/insurance/alerts?cursor=bm90LWEtY3Vyc29y", ANALYST).status()).isEqualTo(400);

        // In the console the alert names the customer, whose page it opens, and keeps the limit page one click away.
        String manager = "alerts-" + UUID.randomUUID().toString().substring(0, 8);
        people.add(new Person(manager, "Camille Martin", Set.of(Role.CREDIT_MANAGER), null, false), "a long enough password");
        String row = alertRow(manager, "Customer " + siren + "</a>");
        assertThat(row).contains("href=\"/customers/FR:" + siren + "\"")
                .contains("href=\"/limits/companies/" + siren + "?country=FR\"").contains(">limit</a>");

        JsonNode kpis = get("/api/v1/limits/insurance/kpis?asOf=" + asOf, MANAGER).body();
        assertThat(kpis.get("insuredBuyers").asInt()).isPositive();
        assertThat(kpis.at("/insured/amount").decimalValue()).isGreaterThanOrEqualTo(new java.math.BigDecimal("19000"));
        assertThat(kpis.at("/insured/amount").decimalValue().add(kpis.at("/uninsured/amount").decimalValue())
                .add(kpis.at("/aboveCover/amount").decimalValue()))
                .isEqualByComparingTo(kpis.at("/exposure/amount").decimalValue());
    }

    @Test
    void a_reported_invoice_leaves_the_report_stage_and_comes_back_as_a_claim_with_its_deadline_once_only() {
        LedgerFixtures ledger = new LedgerFixtures(jdbc);
        String entity = ledger.entity("EUR");
        String siren = LedgerFixtures.siren();
        long customer = ledger.customer(NewCustomer.named(siren).soldBy(OWN_SALESPERSON));
        LocalDate asOf = LocalDate.now();
        String alerted = number(ledger.openInvoice(entity, customer, asOf.minusDays(60), asOf.minusDays(35), "4000", "EUR"));
        String recent = number(ledger.openInvoice(entity, customer, asOf.minusDays(20), asOf.minusDays(5), "9000", "EUR"));
        assertThat(importCovers("""
                buyer id,decision,amount,currency,effective date,insurer reference
                %s,FULL,30000,EUR,%s,TI-030
                """.formatted(siren, asOf.minusDays(90))).status()).isEqualTo(201);
        assertThat(mine(asOf, siren)).singleElement().satisfies(alert -> {
            assertThat(alert.get("invoice").asString()).isEqualTo(alerted);
            assertThat(alert.get("stage").asString()).isEqualTo("REPORT");
            assertThat(alert.get("claimBy").isNull()).isTrue();
        });
        String path = "/api/v1/limits/insurance/alerts/" + entity + "/" + alerted + "/reported";
        String body = """
                {"reportedOn": "%s", "insurerReference": "SIN-77", "comment": "Declared on the insurer's portal"}"""
                .formatted(asOf.minusDays(1));

        assertThat(post(path, SALESPERSON, body).status()).isEqualTo(403);
        Response undated = post(path, ANALYST, """
                {"comment": "Declared on the insurer's portal"}""");
        assertThat(undated.status()).isEqualTo(400);
        assertThat(undated.body().at("/errors/0/field").asString()).isEqualTo("reportedOn");
        Response unknown = post("/api/v1/limits/insurance/alerts/" + entity + "/NO-SUCH-INVOICE/reported", ANALYST, body);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(unknown.body().at("/errors/0/field").asString()).isEqualTo("invoice");
        assertThat(reports(entity)).as("nothing stored on a refused report").isZero();

        Response reported = post(path, ANALYST, body);
        assertThat(reported.status()).as(reported.text()).isEqualTo(201);
        assertThat(reported.body().get("claimBy").asString()).isEqualTo(asOf.plusDays(4).toString());
        assertThat(reported.body().get("reportedBy").asString()).isNotBlank();
        assertThat(reported.body().get("late").asBoolean()).isFalse();
        assertThat(reported.body().get("insurer").asString()).isEqualTo("TestInsurer");

        Response again = post(path, MANAGER, body);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().at("/errors/0/field").asString()).isEqualTo("invoice");
        assertThat(reports(entity)).isEqualTo(1);

        assertThat(post("/api/v1/limits/insurance/alerts/" + entity + "/" + recent + "/reported", MANAGER, """
                {"reportedOn": "%s", "comment": "Sent with the dunning file"}""".formatted(asOf)).status()).isEqualTo(201);
        List<JsonNode> alerts = mine(asOf, siren);
        assertThat(alerts).extracting(alert -> alert.get("invoice").asString()).containsExactly(alerted, recent);
        assertThat(alerts).allSatisfy(alert -> assertThat(alert.get("stage").asString()).isEqualTo("CLAIM"));
        assertThat(alerts.get(0).get("claimBy").asString()).isEqualTo(asOf.plusDays(4).toString());
        assertThat(alerts.get(0).get("daysLeft").asInt()).isEqualTo(4);
        assertThat(alerts.get(0).get("reportedOn").asString()).isEqualTo(asOf.minusDays(1).toString());
        assertThat(alerts.get(1).get("claimBy").asString()).isEqualTo(asOf.plusDays(5).toString());
        assertThat(mine(asOf.plusDays(5), siren).get(0).get("coverLost").asBoolean())
                .as("the claim not filed by its deadline").isTrue();

        // The console's alert shows the claim's deadline, not the report's, and when the overdue was reported.
        String manager = "claims-" + UUID.randomUUID().toString().substring(0, 8);
        people.add(new Person(manager, "Camille Martin", Set.of(Role.CREDIT_MANAGER), null, false), "a long enough password");
        String row = alertRow(manager, alerted + " · " + entity);
        // English picked with ?lang=en, no country: day, month, year ("7 Dec 2026"), not the United States' order.
        java.time.format.DateTimeFormatter english = java.time.format.DateTimeFormatter
                .ofLocalizedDate(java.time.format.FormatStyle.MEDIUM).withLocale(java.util.Locale.UK);
        assertThat(row).contains(english.format(asOf.plusDays(4)))
                .contains("file the claim (overdue reported on " + english.format(asOf.minusDays(1)) + ")");
    }

    /** The row of the console's alerts page holding {@code marker}, read as {@code manager} page after page. */
    private String alertRow(String manager, String marker) {
        BrowserSession console = new BrowserSession(port, HttpClient.Redirect.NEVER);
        console.signIn(manager, "a long enough password");
        for (int page = 0; ; page++) {
            String html = console.get("/limits/alerts?lang=en&page=" + page).body();
            int at = html.indexOf(marker);
            if (at >= 0) {
                return html.substring(html.lastIndexOf("<tr", at), html.indexOf("</tr>", at));
            }
            assertThat(html).as("the alert holding %s is listed", marker).contains("page=" + (page + 1));
        }
    }

    private String number(long invoiceId) {
        return jdbc.sql("select number from ledger_invoice where id = ?").param(invoiceId).query(String.class).single();
    }

    private long reports(String entity) {
        return jdbc.sql("select count(*) from insurance_overdue_report where entity = ?").param(entity).query(Long.class).single();
    }

    private List<JsonNode> mine(LocalDate asOf, String siren) {
        JsonNode alerts = get("/api/v1/limits/insurance/alerts?asOf=" + asOf + "&limit=200", ANALYST).body().get("items");
        return StreamSupport.stream(alerts.spliterator(), false)
                .filter(alert -> alert.at("/company/registrationNumber").asString().equals(siren)).toList();
    }
}
