package io.arbiter.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import io.arbiter.ledger.LedgerFixtures;
import io.arbiter.ledger.LedgerFixtures.NewCustomer;
import io.arbiter.security.Person;
import io.arbiter.security.Role;
import tools.jackson.databind.JsonNode;

/**
 * A credit manager's and a salesperson's KPI dashboard: its figures are the KPI API's answers for the same filters
 * (read from both), its panels load after the first paint, a figure opens the customers behind it, and a salesperson
 * sees their own portfolio's figures only. Each test's ledger is an entity of its own, dated from today.
 */
class KpiDashboardBrowserTests extends BrowserTest {

    /** The API key {@code SALESPERSON}'s portfolio (src/test/resources/config/application.yaml). */
    private static final String PORTFOLIO = "SP-PORTFOLIO-TEST";

    private final LocalDate today = LocalDate.now();

    private LedgerFixtures ledger() {
        return new LedgerFixtures(jdbc);
    }

    /** A customer who paid part of the quarter's sales late and still owes an invoice 45 days past due and one not due. */
    private String customer(LedgerFixtures ledger, String entity, String currency, String salesperson, String scale) {
        BigDecimal k = new BigDecimal(scale);
        NewCustomer customer = NewCustomer.named(LedgerFixtures.siren()).soldBy(salesperson);
        long id = ledger.customer(customer);
        ledger.paidInvoice(entity, id, today.minusDays(80), today.minusDays(50), amount(k, 4000), currency, today.minusDays(35));
        ledger.paidInvoice(entity, id, today.minusDays(60), today.minusDays(30), amount(k, 2500), currency, today.minusDays(30));
        ledger.openInvoice(entity, id, today.minusDays(75), today.minusDays(45), amount(k, 3000), currency);
        ledger.openInvoice(entity, id, today.minusDays(10), today.plusDays(20), amount(k, 1200), currency);
        return customer.account();
    }

    private static String amount(BigDecimal k, int amount) {
        return k.multiply(BigDecimal.valueOf(amount)).toPlainString();
    }

    /** The dashboard's figure {@code kpi} in {@code currency}, as a number (the page writes it in the reader's format). */
    private BigDecimal figure(String currency, String kpi) {
        WebElement element = waitFor(By.cssSelector("#figures-panel .figures[data-currency=" + currency + "] [data-kpi=" + kpi + "]"));
        return new BigDecimal(element.getText().replace(",", "").strip());
    }

    private static JsonNode row(JsonNode report, String currency) {
        return StreamSupport.stream(report.get("rows").spliterator(), false)
                .filter(r -> r.get("currency").asString().equals(currency)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + currency + " row in " + report));
    }

    private void waitForPanels() {
        waitFor(By.cssSelector("#trend-panel .chart svg"));
        waitFor(By.cssSelector("#aged-panel .chart svg"));
        waitFor(By.cssSelector("#forecast-panel .chart svg"));
    }

    @Test
    void a_credit_manager_s_dashboard_shows_the_api_s_figures_and_opens_the_customers_behind_a_bucket() {
        LedgerFixtures ledger = ledger();
        String entity = ledger.entity("EUR");
        String small = customer(ledger, entity, "EUR", "SP-" + LedgerFixtures.unique("A"), "1");
        String large = customer(ledger, entity, "EUR", "SP-" + LedgerFixtures.unique("B"), "2");
        String manager = person("Nadia Roux", Role.CREDIT_MANAGER);
        signIn(manager, PASSWORD);

        open("/kpis?entity=" + entity, "dashboard-loading");
        assertThat(heading()).isEqualTo("Receivables indicators");
        JsonNode api = row(get("/api/v1/kpis?entity=" + entity, MANAGER).body(), "EUR");
        assertThat(figure("EUR", "dsoSimple")).as("the dashboard's DSO is the API's for the same filter")
                .isEqualByComparingTo(api.get("dsoSimple").decimalValue());
        assertThat(figure("EUR", "dsoCountback")).isEqualByComparingTo(api.get("dsoCountback").decimalValue());
        assertThat(figure("EUR", "cei")).isEqualByComparingTo(api.get("cei").decimalValue());
        assertThat(figure("EUR", "overduePercent")).isEqualByComparingTo(api.get("overduePercent").decimalValue());
        assertThat(figure("EUR", "lateRatePercent")).isEqualByComparingTo(api.get("lateRatePercent").decimalValue());
        assertThat(figure("EUR", "openReceivables")).isEqualByComparingTo("12600");
        waitForPanels();
        screenshot("dashboard");

        WebElement aged = browser.findElement(By.id("aged-panel"));
        aged.findElement(By.tagName("summary")).click();
        screenshot("aged-balance-table");
        assertThat(aged.findElement(By.cssSelector("tr[data-bucket='31-60']")).getText()).contains("9,000.00").contains("71.4 %");
        assertThat(figure("EUR", "overduePercent")).isEqualByComparingTo("71.4");
        aged.findElement(By.cssSelector("tr[data-bucket='31-60'] a")).click();
        assertThat(heading()).isEqualTo("Customers behind: 31-60 days past due");
        screenshot("customers-behind-31-60");
        List<String> listed = browser.findElements(By.cssSelector("tr.kpi-customer")).stream()
                .map(r -> r.getAttribute("data-account")).toList();
        assertThat(listed).as("largest first").containsExactly(large, small);
        assertThat(browser.findElement(By.cssSelector("tr.kpi-customer")).getText()).contains("6,000.00 EUR").contains("66.7 %");
        String csv = browser.findElement(By.linkText("CSV")).getAttribute("href");
        assertThat(csv).contains("/kpis/export/customers.csv").contains("figure=31-60").contains("entity=" + entity);
        browser.navigate().back();
        waitForPanels();
        browser.executeScript("document.getElementById('forecast-panel').scrollIntoView()");
        screenshot("forecast");

        open("/kpis?entity=" + entity + "&lang=fr", "dashboard-fr");
        assertThat(heading()).isEqualTo("Indicateurs du poste clients");
        waitForPanels();
        assertThat(browser.findElement(By.id("aged-panel")).getText()).contains("Balance âgée");
        screenshot("dashboard-fr-loaded");
        open("/kpis?entity=" + entity + "&lang=en", "dashboard-en");
    }

    @Test
    void a_salesperson_s_dashboard_shows_their_portfolio_s_figures_as_the_api_gives_them_to_their_key() {
        LedgerFixtures ledger = ledger();
        String entity = ledger.entity("CHF");
        String own = customer(ledger, entity, "CHF", PORTFOLIO, "1");
        String colleague = customer(ledger, entity, "CHF", "SP-" + LedgerFixtures.unique("C"), "5");
        String username = "lea.martin-" + UUID.randomUUID().toString().substring(0, 6);
        people.add(new Person(username, "Léa Martin", Set.of(Role.SALESPERSON), PORTFOLIO, false), PASSWORD);
        signIn(username, PASSWORD);

        open("/kpis?entity=" + entity, "salesperson-dashboard");
        assertThat(browser.findElement(By.id("kpi-filters")).getText()).contains("Your portfolio only (" + PORTFOLIO + ")");
        JsonNode mine = row(get("/api/v1/kpis?entity=" + entity, SALESPERSON).body(), "CHF");
        JsonNode everyone = row(get("/api/v1/kpis?entity=" + entity, MANAGER).body(), "CHF");
        assertThat(figure("CHF", "openReceivables")).as("the salesperson's key's answer")
                .isEqualByComparingTo(mine.at("/openReceivables/amount").decimalValue())
                .isNotEqualByComparingTo(everyone.at("/openReceivables/amount").decimalValue());
        assertThat(figure("CHF", "dsoSimple")).isEqualByComparingTo(mine.get("dsoSimple").decimalValue());
        waitForPanels();
        screenshot("salesperson-dashboard-loaded");

        browser.findElement(By.cssSelector("[data-kpi=overdue]")).click();
        screenshot("salesperson-overdue-customers");
        List<String> listed = browser.findElements(By.cssSelector("tr.kpi-customer")).stream()
                .map(r -> r.getAttribute("data-account")).toList();
        assertThat(listed).containsExactly(own).doesNotContain(colleague);
        browser.findElement(By.cssSelector("tr.kpi-customer a")).click();
        assertThat(browser.getCurrentUrl()).as("the customer's page").contains("/customers/");
        screenshot("salesperson-customer-from-kpis");
        assertThat(waitFor(By.id("invoices")).getText()).as("the customer's own page, its open invoices").contains("3,000.00");

        open("/kpis?entity=" + entity + "&salesperson=SP-SOMEONE-ELSE", "another-portfolio");
        assertThat(waitFor(By.cssSelector("#figures-panel [role=alert]")).getText())
                .contains("your own portfolio (" + PORTFOLIO + ") only").doesNotContain("API key");
        screenshot("another-portfolio-refused");
        open("/kpis?entity=" + entity + "&salesperson=SP-SOMEONE-ELSE&lang=fr", "another-portfolio-fr");
        assertThat(waitFor(By.cssSelector("#figures-panel [role=alert]")).getText())
                .contains("votre propre portefeuille (" + PORTFOLIO + ")");
        screenshot("another-portfolio-refused-fr");
    }
}
