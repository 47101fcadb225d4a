package io.arbiter.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

import io.arbiter.ledger.LedgerFixtures;
import io.arbiter.ledger.LedgerFixtures.NewCustomer;
import io.arbiter.limits.review.ReviewTasks;
import io.arbiter.security.Role;
import tools.jackson.databind.JsonNode;

/** Credit limits in the console: asked by one person, approved by another, reviewed; with the default test policy. */
class LimitsBrowserTests extends BrowserTest {

    @Autowired
    ReviewTasks tasks;

    @Test
    void an_analyst_asks_for_a_limit_cannot_approve_it_and_a_manager_approves_it_into_the_standing_limit() {
        String siren = LedgerFixtures.siren();
        new LedgerFixtures(jdbc).customer(NewCustomer.named(siren).soldBy(LedgerFixtures.unique("SP")));
        String entity = new LedgerFixtures(jdbc).entity("EUR");
        String analyst = person("Inès Petit", Role.CREDIT_ANALYST);
        String manager = person("Camille Durand", Role.CREDIT_MANAGER);

        signIn(analyst, PASSWORD);
        open("/limits", "requests");
        browser.findElement(By.id("ask")).click();
        browser.findElement(By.id("registrationNumber")).sendKeys(siren);
        new Select(browser.findElement(By.id("entity"))).selectByValue(entity);
        browser.findElement(By.id("amount")).sendKeys("15000");
        browser.findElement(By.id("justification")).sendKeys("Framework contract signed for 2027, monthly deliveries");
        screenshot("request-filled");
        browser.findElement(By.cssSelector("#request-form button[type=submit]")).click();

        screenshot("request-sent");
        assertThat(browser.findElement(By.cssSelector("[role=status]")).getText()).contains("Request sent");
        assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("Pending");
        assertThat(browser.findElement(By.id("requested")).getText()).isEqualTo("15,000.00 EUR");
        assertThat(browser.findElement(By.id("approval")).getText()).contains("one credit manager");
        assertThat(browser.findElements(By.id("verdict-form"))).as("the requester has no verdict buttons").isEmpty();
        assertThat(browser.findElement(By.id("own-request")).getText()).contains("another person must approve");
        String id = browser.getCurrentUrl().replaceAll(".*/limits/requests/([^?]+).*", "$1");

        // Forced anyway (a form posted by hand): the service refuses as the API does, and the page says why.
        browser.executeScript("""
                const form = document.createElement('form');
                form.method = 'post'; form.action = '/limits/requests/' + arguments[0] + '/verdict';
                const fields = {verdict: 'APPROVE', comment: 'my own', _csrf: document.querySelector('meta[name=_csrf]').content};
                for (const [name, value] of Object.entries(fields)) {
                  const input = document.createElement('input'); input.name = name; input.value = value; form.appendChild(input);
                }
                document.body.appendChild(form); form.submit();""", id);
        screenshot("own-verdict-refused");
        assertThat(waitFor(By.id("problem")).getText()).contains(analyst + " made this request and may not approve");
        assertThat(get("/api/v1/limits/requests/" + id, ANALYST).body().get("verdicts")).isEmpty();

        signIn(manager, PASSWORD);
        open("/limits", "queue");
        WebElement link = findInQueue(id);
        screenshot("queue-with-the-request");
        assertThat(link.findElement(By.xpath("ancestor::tr")).getText()).contains(siren).contains("15,000.00 EUR")
                .contains(analyst).contains("1 credit manager");
        link.click();
        screenshot("request-for-the-manager");
        browser.findElement(By.cssSelector("input[value=APPROVE]")).click();
        browser.findElement(By.id("comment")).sendKeys("Accounts of 2025 seen; the contract is signed.");
        browser.findElement(By.cssSelector("#verdict-form button[type=submit]")).click();

        screenshot("approved");
        assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("Approved");
        assertThat(browser.findElement(By.id("granted")).getText()).isEqualTo("15,000.00 EUR");
        assertThat(browser.findElement(By.id("verdicts")).getText()).contains(manager).contains("Accounts of 2025 seen");
        browser.findElement(By.linkText(siren)).click();

        screenshot("standing-limit");
        WebElement standing = browser.findElement(By.id("standing-" + entity));
        assertThat(standing.findElement(By.className("standing-amount")).getText()).isEqualTo("15,000.00 EUR");
        assertThat(standing.getText()).contains(entity).contains("Active").contains(manager);
        assertThat(browser.findElement(By.id("history")).getText()).contains("Granted").contains(entity);
        JsonNode limits = get("/api/v1/limits/companies/" + siren, ANALYST).body();
        assertThat(limits.at("/standingLimits/0/amount/amount").decimalValue()).isEqualByComparingTo("15000");
        assertThat(limits.at("/standingLimits/0/approvedBy").asString()).isEqualTo(manager);
        assertThat(limits.at("/standingLimits/0/entity").asString()).isEqualTo(entity);
        open("/limits/companies/" + siren + "?lang=fr", "standing-limit-fr");
        assertThat(browser.findElement(By.cssSelector("#standing-" + entity + " .standing-amount")).getText())
                .isEqualTo("15\u202f000,00 EUR");
        open("/limits/requests/" + id + "?lang=en", "request-approved-en");
    }

    @Test
    void a_manager_closes_a_review_task_from_the_console_and_the_company_keeps_its_outcome() {
        String siren = LedgerFixtures.siren();
        new LedgerFixtures(jdbc).customer(NewCustomer.named(siren).soldBy(LedgerFixtures.unique("SP")));
        tasks.open("FR", siren, siren, "SCORE_DOWN", "Bureau band 2 → 4 (creditsafe)", "browser-" + siren);
        long task = tasks.of("FR", siren).getFirst().id();
        String manager = person("Camille Durand", Role.CREDIT_MANAGER);

        signIn(manager, PASSWORD);
        open("/limits/reviews", "reviews");
        WebElement row = findTask(task);
        screenshot("reviews-with-the-task");
        assertThat(row.getText()).contains(siren).contains("Lower bureau band").contains("Bureau band 2 → 4").contains("open for");
        row.findElement(By.name("comment")).sendKeys("Q3 accounts still solid; band 4 follows a late filing");
        row.findElement(By.tagName("button")).click();
        assertThat(browser.findElements(By.id("problem"))).as("an outcome is required").isEmpty();
        assertThat(browser.findElements(By.cssSelector("[role=status]"))).as("the browser asks for the outcome").isEmpty();
        new Select(findTask(task).findElement(By.name("outcome"))).selectByVisibleText("Limit kept as it is");
        findTask(task).findElement(By.tagName("button")).click();

        screenshot("task-closed");
        assertThat(browser.findElement(By.cssSelector("[role=status]")).getText()).contains("Review task closed");
        assertThat(browser.findElements(By.id("task-" + task))).isEmpty();
        ReviewTasks.Task closed = tasks.of("FR", siren).getFirst();
        assertThat(closed.status()).isEqualTo("CLOSED");
        assertThat(closed.closed().outcome()).isEqualTo("KEPT");
        assertThat(closed.closed().by()).isEqualTo(manager);

        open("/limits/companies/" + siren, "company-with-the-closed-task");
        assertThat(browser.findElement(By.id("company-tasks")).getText()).contains("Limit kept as it is")
                .contains("Q3 accounts still solid").contains(manager);
        open("/limits/reviews?lang=fr", "reviews-fr");
        assertThat(heading()).isEqualTo("Limites à revoir");
        open("/limits/alerts?lang=en", "alerts");
        assertThat(heading()).isEqualTo("Invoices to report to the credit insurer");
    }

    /** Pages through the pending requests, oldest first, until the request's link shows (other tests leave some). */
    private WebElement findInQueue(String id) {
        for (int page = 0; page < 100; page++) {
            List<WebElement> links = browser.findElements(By.cssSelector("#requests a[href='/limits/requests/" + id + "']"));
            if (!links.isEmpty()) {
                return links.getFirst();
            }
            List<WebElement> next = browser.findElements(By.linkText("Next page"));
            assertThat(next).as("request %s is in the queue", id).isNotEmpty();
            next.getFirst().click();
        }
        throw new AssertionError("queue longer than 100 pages");
    }

    private WebElement findTask(long id) {
        for (int page = 0; page < 100; page++) {
            List<WebElement> rows = browser.findElements(By.id("task-" + id));
            if (!rows.isEmpty()) {
                return rows.getFirst();
            }
            List<WebElement> next = browser.findElements(By.linkText("Next page"));
            assertThat(next).as("task %s is open", id).isNotEmpty();
            next.getFirst().click();
        }
        throw new AssertionError("more than 100 pages of tasks");
    }
}
