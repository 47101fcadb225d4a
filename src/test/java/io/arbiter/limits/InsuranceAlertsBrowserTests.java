package io.arbiter.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import io.arbiter.console.BrowserTest;
import io.arbiter.ledger.LedgerFixtures;
import io.arbiter.ledger.LedgerFixtures.NewCustomer;
import io.arbiter.security.Role;

/**
 * The console's insurance alerts in Chromium, in the limits tests' application (the only one with an insurance
 * contract): an insured invoice nearing the insurer's reporting deadline is a row a credit manager reads at a glance.
 */
@LimitsContext
class InsuranceAlertsBrowserTests extends BrowserTest {

    @Test
    void an_insured_invoice_nearing_its_reporting_deadline_shows_as_a_row_with_its_stage_deadline_and_customer() {
        LedgerFixtures ledger = new LedgerFixtures(jdbc);
        String entity = ledger.entity("EUR");
        String siren = LedgerFixtures.siren();
        long customer = ledger.customer(NewCustomer.named(siren).soldBy(LedgerFixtures.unique("SP")));
        LocalDate today = LocalDate.now();
        // TestInsurer: report within 30 days of the due date extended by 10, so by due date + 40: five days from now.
        long invoice = ledger.openInvoice(entity, customer, today.minusDays(65), today.minusDays(35), "4800.00", "EUR");
        String number = jdbc.sql("select number from ledger_invoice where id = ?").param(invoice).query(String.class).single();
        Response imported = send(HttpRequest.newBuilder(uri("/api/v1/limits/insurance/covers?insurer=TestInsurer"))
                .header("Content-Type", "text/csv").header("X-File-Name", "covers.csv")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        buyer id,decision,amount,currency,effective date,insurer reference
                        %s,FULL,30000,EUR,%s,TI-BR-01
                        """.formatted(siren, today.minusDays(90)))), MANAGER);
        assertThat(imported.status()).as(imported.text()).isEqualTo(201);

        signIn(person("Camille Martin", Role.CREDIT_MANAGER), PASSWORD);
        open("/limits/alerts?lang=en", "alerts");
        assertThat(heading()).isEqualTo("Invoices to report to the credit insurer");
        assertThat(browser.findElement(By.id("alert-count")).getText()).contains("to report");
        WebElement row = row(number + " · " + entity);
        browser.executeScript("arguments[0].scrollIntoView({block: 'center'});"
                + " arguments[0].style.outline = '3px solid #d97706';", row);
        screenshot("alert-row");

        List<WebElement> cells = row.findElements(By.tagName("td"));
        // English as the browser asks for it: British (12 Dec 2026) or, without a country, American (Dec 12, 2026).
        List<String> reportBy = List.of(Locale.UK, Locale.ENGLISH).stream().map(locale -> DateTimeFormatter
                .ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale).format(today.plusDays(5))).toList();
        assertThat(cells.get(0).getText()).contains("report the overdue")
                .satisfiesAnyOf(text -> assertThat(text).contains(reportBy.get(0)),
                        text -> assertThat(text).contains(reportBy.get(1)));
        assertThat(cells.get(1).getText()).isEqualTo("5");
        assertThat(cells.get(3).getText()).contains("Customer " + siren).contains("limit");
        assertThat(cells.get(4).getText()).isEqualTo("4,800.00 EUR");
        assertThat(cells.get(6).getText()).isEqualTo("TestInsurer · TI-BR-01");

        cells.get(3).findElement(By.linkText("limit")).click();
        screenshot("limit-page-from-the-alert");
        assertThat(browser.getCurrentUrl()).contains("/limits/companies/" + siren);
        assertThat(browser.findElement(By.tagName("body")).getText()).contains("TestInsurer · TI-BR-01");
    }

    /** The alerts row holding {@code marker}, page after page (other tests leave alerts of their own). */
    private WebElement row(String marker) {
        for (int page = 0; page < 100; page++) {
            for (WebElement row : browser.findElements(By.cssSelector("#alerts tbody tr"))) {
                if (row.getText().contains(marker)) {
                    return row;
                }
            }
            List<WebElement> next = browser.findElements(By.linkText("Next page"));
            assertThat(next).as("the alert %s is listed", marker).isNotEmpty();
            next.getFirst().click();
        }
        throw new AssertionError("more than 100 pages of alerts");
    }
}
