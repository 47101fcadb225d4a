package io.arbiter.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;

import io.arbiter.ledger.LedgerFixtures;
import io.arbiter.ledger.LedgerFixtures.NewCustomer;
import io.arbiter.security.Role;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

/**
 * A collector's morning in the agenda: the day's actions, theirs first; an action opened with the amounts owed and the
 * letter in the customer's language; outcomes recorded with the keyboard, the list updated in place; a formal notice
 * sent only once confirmed; a reminder edited and e-mailed with its letter as PDF; a salesperson seeing their own
 * customers only.
 */
class AgendaBrowserTests extends BrowserTest {

    /** The SMTP server of the tests' configuration (spring.mail.port), which the collector's e-mails reach. */
    @RegisterExtension
    static final GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP);

    private final LocalDate today = LocalDate.now();
    private LedgerFixtures ledger;
    private String entity;
    private long customerId;

    private String customer(String name, String salesperson, boolean publicSector, int daysLate, String amount) {
        ledger = ledger == null ? new LedgerFixtures(jdbc) : ledger;
        entity = entity == null ? ledger.entity("EUR") : entity;
        String registration = String.valueOf(ThreadLocalRandom.current().nextLong(100_000_000L, 999_999_999L));
        NewCustomer customer = new NewCustomer(LedgerFixtures.unique("411"), registration, name + " " + registration, "FR",
                null, salesperson, null, 30, LocalDate.of(2020, 1, 1), publicSector);
        long id = ledger.customer(customer);
        customerId = id;
        LocalDate due = today.minusDays(daysLate);
        ledger.openInvoice(entity, id, due.minusDays(30), due, amount, "EUR");
        return customer.account();
    }

    private WebElement row(String account) {
        return browser.findElements(By.cssSelector("tr.entry")).stream().filter(row -> row.getText().contains(account))
                .findFirst().orElseThrow(() -> new AssertionError(account + " is not on the agenda"));
    }

    private List<String> rows() {
        return browser.findElements(By.cssSelector("tr.entry")).stream().map(WebElement::getText).toList();
    }

    private void openAction(String account) {
        row(account).findElement(By.cssSelector("button.open")).click();
        waitFor(By.cssSelector("#detail .totals"));
    }

    @Test
    void a_collector_records_a_promise_to_pay_and_the_action_leaves_the_agenda_until_the_promised_day() {
        String account = customer("Mairie de Vienne", "SP-" + LedgerFixtures.unique("X"), true, 15, "4500.00");
        String collector = person("Claire Petit", Role.CREDIT_ANALYST);
        signIn(collector, PASSWORD);
        open("/agenda", "agenda");
        assertThat(heading()).startsWith("Collection agenda");
        WebElement first = browser.findElement(By.cssSelector(".group"));
        assertThat(first.getAttribute("data-assignee")).as("the collector's own actions come first").isEqualTo("COLLECTOR");
        assertThat(first.getText()).contains("yours");
        assertThat(row(account).getText()).contains("Call").contains("4,500.00 EUR");
        browser.executeScript("window.notReloaded = true");

        openAction(account);
        screenshot("action-opened");
        String detail = browser.findElement(By.id("detail")).getText();
        assertThat(detail).contains("Late-payment interest").containsPattern("Recovery indemnity\\s+40(\\.00)? EUR");
        assertThat(browser.findElement(By.cssSelector(".preview pre")).getAttribute("lang"))
                .as("a French customer's message is shown in French").isEqualTo("fr");
        assertThat(browser.findElement(By.cssSelector(".preview pre")).getAttribute("textContent")).contains("Mairie de Vienne");

        // A few keystrokes: 4 (promise), the date, Enter.
        LocalDate promised = today.plusDays(10);
        browser.findElement(By.tagName("body")).sendKeys("4");
        WebElement date = browser.switchTo().activeElement();
        assertThat(date.getAttribute("id")).isEqualTo("promiseDate");
        // Typed as the browser's own date field orders day and month.
        String locale = (String) browser.executeScript("return new Intl.DateTimeFormat().resolvedOptions().locale");
        date.sendKeys(promised.format(DateTimeFormatter.ofPattern(locale.equals("en-US") ? "MMddyyyy" : "ddMMyyyy")));
        assertThat(date.getAttribute("value")).isEqualTo(promised.toString());
        screenshot("promise-typed");
        date.sendKeys(Keys.ENTER);

        WebElement recorded = waitFor(By.id("recorded"));
        screenshot("promise-recorded");
        assertThat(recorded.getText()).contains("Promise recorded").contains("Mairie de Vienne");
        assertThat(rows()).as("the list updated in place").noneMatch(text -> text.contains(account));
        assertThat(browser.executeScript("return window.notReloaded")).as("without reloading the page").isEqualTo(true);

        open("/agenda?date=" + promised, "agenda-on-the-promised-day");
        assertThat(rows()).as("paused until the promised day").noneMatch(text -> text.contains(account));
        open("/agenda?date=" + promised.plusDays(4), "agenda-after-the-promise-was-broken");
        assertThat(rows()).as("back once the promise and its grace are past").anyMatch(text -> text.contains(account));
    }

    @Test
    void a_formal_notice_is_sent_only_once_the_collector_confirmed_it() {
        String account = customer("Garage Lenoir", "SP-" + LedgerFixtures.unique("X"), false, 35, "12000.00");
        // An earlier invoice paid 20 days late: its interest is shown beside the notice, waived by the default plan.
        long paidLate = ledger.paidInvoice(entity, customerId, today.minusDays(110), today.minusDays(80), "3000.00", "EUR",
                today.minusDays(60));
        ledger.paymentAllocated(entity, customerId, paidLate, today.minusDays(60), "3000.00", "EUR");
        String manager = person("Nadia Roux", Role.CREDIT_MANAGER);
        signIn(manager, PASSWORD);
        open("/agenda", "agenda");
        assertThat(row(account).getText()).contains("Formal notice").contains("to confirm");
        openAction(account);
        screenshot("formal-notice-opened");
        assertThat(browser.findElement(By.id("late-paid")).getText()).contains("Paid after the due date")
                .contains("3,000.00 EUR").contains("20").contains("Waived").contains("not claimed");
        browser.findElement(By.tagName("body")).sendKeys("1");
        assertThat(browser.findElement(By.id("confirm")).isDisplayed()).as("sending asks for confirmation").isTrue();
        browser.findElement(By.cssSelector("#outcome-form button[type=submit]")).click();
        WebElement refused = waitFor(By.cssSelector("#detail [role=alert]"));
        screenshot("formal-notice-unconfirmed");
        assertThat(refused.getText()).contains("Nothing recorded: tick the confirmation");
        assertThat(rows()).anyMatch(text -> text.contains(account));

        browser.findElement(By.tagName("body")).sendKeys("1");
        browser.findElement(By.id("confirm")).click();
        browser.findElement(By.cssSelector("#outcome-form button[type=submit]")).click();
        assertThat(waitFor(By.id("recorded")).getText()).contains("Sent recorded").contains("Garage Lenoir");
        screenshot("formal-notice-sent");
        assertThat(rows()).noneMatch(text -> text.contains(account));
        assertThat(jdbc.sql("select count(*) from dunning_outcome where customer_account = ? and confirmed_by = ?")
                .params(account, manager).query(Long.class).single()).isEqualTo(1);

        // The same from the letter itself: printed from its PDF, recorded as sent once confirmed.
        String second = customer("Carrosserie Vidal", "SP-" + LedgerFixtures.unique("X"), false, 35, "9000.00");
        open("/agenda", "agenda-second-notice");
        openAction(second);
        assertThat(browser.findElements(By.id("send-email"))).as("a registered letter is not e-mailed").isEmpty();
        String pdf = browser.findElement(By.cssSelector("#send-form a.pdf")).getAttribute("href");
        assertThat(browser.executeAsyncScript("fetch(arguments[0]).then(r => arguments[1](r.status + ' '"
                + " + r.headers.get('content-type')))", pdf)).isEqualTo("200 application/pdf");
        browser.findElement(By.id("send-letter")).click();
        assertThat(waitFor(By.cssSelector("#send-form [role=alert]")).getText())
                .contains("Nothing recorded: tick the confirmation");
        browser.findElement(By.id("send-confirm")).click();
        browser.findElement(By.id("send-letter")).click();
        WebElement sent = waitFor(By.id("recorded"));
        screenshot("formal-notice-letter-sent");
        assertThat(sent.getText()).contains("Letter to Carrosserie Vidal").contains("recorded as sent")
                .contains("Print the letter (PDF)");
        assertThat(jdbc.sql("select count(*) from dunning_outcome where customer_account = ? and confirmed_by = ? and agent = ?")
                .params(second, manager, manager).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void a_collector_edits_the_reminder_and_sends_it_by_e_mail_with_the_letter_as_pdf() throws Exception {
        String account = customer("Menuiserie Caron", "SP-" + LedgerFixtures.unique("X"), false, 0, "1500.00");
        String collector = person("Lucie Martin", Role.CREDIT_ANALYST);
        signIn(collector, PASSWORD);
        open("/agenda", "agenda");
        assertThat(row(account).getText()).contains("Reminder").contains("e-mail");
        openAction(account);
        WebElement text = browser.findElement(By.id("message-text"));
        assertThat(text.getAttribute("value")).contains("Madame, Monsieur,").contains("1 500,00 €");
        // The collector adds a line of their own at the top of the message.
        text.click();
        text.sendKeys(Keys.chord(Keys.CONTROL, Keys.HOME));
        text.sendKeys("Suite à notre appel de ce matin, voici le rappel promis.", Keys.ENTER, Keys.ENTER);
        browser.findElement(By.id("send-to")).sendKeys("compta@caron.example");
        browser.executeScript("arguments[0].scrollTop = 0; arguments[0].scrollIntoView({block: 'center'})", text);
        screenshot("reminder-edited");
        browser.findElement(By.id("send-email")).click();

        WebElement sent = waitFor(By.id("recorded"));
        screenshot("reminder-sent");
        assertThat(sent.getText()).contains("E-mail sent to compta@caron.example for Menuiserie Caron");
        assertThat(sent.findElement(By.cssSelector("a.pdf")).getAttribute("href")).contains("/letter.pdf");
        assertThat(rows()).noneMatch(row -> row.contains(account));
        assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
        MimeMessage message = smtp.getReceivedMessages()[0];
        assertThat(message.getAllRecipients()[0].toString()).isEqualTo("compta@caron.example");
        Multipart parts = (Multipart) message.getContent();
        byte[] pdf = null;
        for (int i = 0; i < parts.getCount(); i++) {
            if (Part.ATTACHMENT.equalsIgnoreCase(parts.getBodyPart(i).getDisposition())) {
                pdf = parts.getBodyPart(i).getInputStream().readAllBytes();
            }
        }
        assertThat(pdf).as("the letter attached").isNotNull();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(new PDFTextStripper().getText(document)).contains("Suite à notre appel de ce matin, voici le rappel promis.")
                    .contains("1 500,00 €").contains("40 €");
        }
        assertThat(jdbc.sql("select personalised_text from dunning_outcome where customer_account = ? and kind = 'SENT' and agent = ?")
                .params(account, collector).query(String.class).single())
                .startsWith("Suite à notre appel de ce matin, voici le rappel promis.\n\n");
    }

    @Test
    void a_salesperson_sees_only_their_own_customers_actions() {
        String sales = person("Jean Dupont", Role.SALESPERSON);
        String own = customer("Boulangerie Petit", "SP-" + sales, false, 15, "800.00");
        String other = customer("Imprimerie Vidal", "SP-" + LedgerFixtures.unique("Y"), false, 15, "900.00");
        signIn(sales, PASSWORD);
        open("/agenda", "agenda");
        assertThat(rows()).isNotEmpty().allMatch(text -> text.contains("Boulangerie Petit"));
        assertThat(rows()).anyMatch(text -> text.contains(own)).noneMatch(text -> text.contains(other));
        openAction(own);
        screenshot("own-action");
        open("/agenda?lang=fr", "agenda-fr");
        assertThat(heading()).startsWith("Agenda de relance");
        assertThat(row(own).getText()).contains("800,00 EUR");
        open("/agenda?lang=en", "agenda-en");
        open("/agenda/actions/00000000-0000-0000-0000-000000000000?customer=" + other + "&date=" + today, "other-refused");
        assertThat(browser.getPageSource()).contains("not in your portfolio").doesNotContain("Imprimerie Vidal");
    }
}
