package io.arbiter.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import io.arbiter.customer.CustomerFixtures;
import io.arbiter.ledger.LedgerFixtures;
import io.arbiter.security.Role;

/**
 * A credit manager looking a customer up before a call: found by part of its name, its page showing the exposure against
 * the limit, the open invoices with their days late, and the payment trend; a salesperson finding their own customers
 * only.
 */
class CustomerBrowserTests extends BrowserTest {

    private CustomerFixtures fixtures() {
        return new CustomerFixtures(jdbc, json, (path, body) -> post(path, ORDER_SYSTEM, body),
                (path, body) -> post(path, DUNNING_ENGINE, body));
    }

    private List<String> results() {
        return browser.findElements(By.cssSelector("tr.result")).stream().map(WebElement::getText).toList();
    }

    @Test
    void a_credit_manager_finds_a_customer_by_name_and_sees_its_exposure_invoices_and_payment_trend() {
        String name = "Tissages Lemaire " + LedgerFixtures.unique("T");
        CustomerFixtures.Made made = fixtures().customer(name, "SP-" + LedgerFixtures.unique("S"));
        signIn(person("Nadia Roux", Role.CREDIT_MANAGER), PASSWORD);
        open("/", "home");
        browser.findElement(By.linkText("Customers")).click();
        WebElement search = waitFor(By.id("q"));
        search.sendKeys(name.substring(0, 24).toLowerCase(), Keys.ENTER);
        waitFor(By.id("results"));
        screenshot("search-results");
        assertThat(results()).as("the company, and its group's sister whose name holds it").hasSize(2)
                .anySatisfy(row -> assertThat(row).startsWith(name).contains(made.siren()).contains(made.account())
                        .contains(made.secondAccount()));

        browser.findElement(By.linkText(name)).click();
        waitFor(By.id("trend-chart"));
        assertThat(heading()).isEqualTo(name);
        assertThat(browser.findElement(By.id("limit-tile")).getText()).contains("98,000.00 EUR")
                .contains("Measured on the group's exposure");
        assertThat(browser.findElement(By.id("exposure")).getText()).contains("Group, EUR").contains("98,000.00 EUR");
        assertThat(browser.findElement(By.id("bureau-tile")).getText()).contains("40 days old");
        List<WebElement> invoices = browser.findElements(By.cssSelector("#invoices tbody tr"));
        assertThat(invoices).hasSize(4);
        assertThat(invoices.getFirst().getText()).contains("25").contains("40,000.00 EUR").contains("price not as agreed");
        waitFor(By.cssSelector("#trend-chart svg"));
        assertThat(browser.findElement(By.id("decisions")).getText()).contains("Review");
        assertThat(browser.findElement(By.id("dunning")).getText()).contains("Reached").contains("will pay the undisputed part");
        screenshot("customer-page");
        browser.executeScript("window.scrollTo(0, document.body.scrollHeight / 2)");
        screenshot("customer-page-middle");
        browser.executeScript("window.scrollTo(0, document.body.scrollHeight)");
        screenshot("customer-page-bottom");

        open("/customers/" + made.companyId() + "?lang=fr", "customer-page-fr");
        assertThat(browser.findElement(By.id("limit-tile")).getText()).contains("Encours face à la limite").containsPattern("98.000,00");
        assertThat(browser.getPageSource()).doesNotContain("??");
        open("/customers?lang=en", "back-in-english");
    }

    @Test
    void a_salesperson_s_search_finds_only_their_own_customers() {
        String sales = person("Jean Dupont", Role.SALESPERSON);
        String name = "Boulangerie Petit " + LedgerFixtures.unique("B");
        CustomerFixtures.Made made = fixtures().customer(name, "SP-" + sales);
        signIn(sales, PASSWORD);
        open("/customers", "own-customers");
        assertThat(results()).hasSize(1).first().asString().contains(name);

        browser.findElement(By.id("q")).sendKeys(made.sisterName(), Keys.ENTER);
        waitFor(By.id("no-results"));
        screenshot("sister-not-found");
        assertThat(results()).isEmpty();

        browser.findElement(By.id("q")).clear();
        browser.findElement(By.id("q")).sendKeys(made.siret(), Keys.ENTER);
        waitFor(By.id("results")).findElement(By.linkText(name)).click();
        waitFor(By.id("limit-tile"));
        screenshot("own-customer-page");
        assertThat(browser.findElement(By.id("limit-tile")).getText()).contains("Measured on the company's exposure")
                .contains("68,000.00 EUR");

        open("/customers/FR:" + made.sisterSiren(), "sister-refused");
        assertThat(heading()).isEqualTo("Customer not found");
        assertThat(browser.findElement(By.cssSelector("[role=alert]")).getText()).contains("Neither your portfolio nor");
        assertThat(browser.getPageSource()).doesNotContain(made.sisterName());
    }
}
