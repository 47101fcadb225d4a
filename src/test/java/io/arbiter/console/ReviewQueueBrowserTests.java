package io.arbiter.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import io.arbiter.security.Role;
import tools.jackson.databind.JsonNode;

class ReviewQueueBrowserTests extends BrowserTest {

    @Test
    void an_analyst_finds_a_review_decision_in_the_queue_and_approves_it_up_to_an_amount() {
        Response decided = post("/api/v1/credit-decisions", ORDER_SYSTEM, reviewOrder(newRequestId()));
        assertThat(decided.body().get("outcome").asString()).isEqualTo("REVIEW");
        String id = decided.body().get("decisionId").asString();

        String analyst = person("Inès Petit", Role.CREDIT_ANALYST);
        signIn(analyst, PASSWORD);
        open("/review", "queue");
        assertThat(Integer.parseInt(browser.findElement(By.id("pending-count")).getText())).isPositive();
        assertThat(browser.findElement(By.id("oldest-age")).getText()).matches("\\d+ (min|h \\d+ min|d \\d+ h)");
        WebElement link = findInQueue(id);
        screenshot("queue-with-the-decision");
        assertThat(link.getText()).isEqualTo("Atelier Moreau SARL");
        link.click();

        screenshot("decision");
        assertThat(heading()).contains("402202006").contains("REVIEW");
        assertThat(browser.findElement(By.id("order-amount")).getText()).isEqualTo("90,000.00 EUR");
        List<String> reasons = browser.findElements(By.cssSelector("#reasons tbody tr")).stream().map(WebElement::getText).toList();
        assertThat(reasons).isNotEmpty().anyMatch(reason -> reason.contains("row"));

        browser.findElement(By.cssSelector("input[value=APPROVE_UP_TO]")).click();
        browser.findElement(By.id("amount")).sendKeys("60000");
        browser.findElement(By.id("comment")).sendKeys("Paid its last invoices on time: 60k now, the rest after payment.");
        screenshot("verdict-filled");
        browser.findElement(By.cssSelector("#verdict-form button[type=submit]")).click();

        screenshot("queue-after-verdict");
        assertThat(browser.findElement(By.cssSelector("[role=status]")).getText()).contains("Verdict recorded");
        assertThat(browser.findElements(By.cssSelector("a[href='/review/" + id + "']"))).isEmpty();

        JsonNode decision = get("/api/v1/credit-decisions/" + id, ORDER_SYSTEM).body();
        assertThat(decision.at("/review/verdict").asString()).isEqualTo("APPROVE_UP_TO");
        assertThat(decision.at("/review/amount/amount").decimalValue()).isEqualByComparingTo("60000");
        assertThat(decision.at("/review/reviewedBy").asString()).isEqualTo(analyst);

        open("/review/" + id, "decision-reviewed");
        assertThat(browser.findElement(By.id("verdict")).getText()).contains("Approve up to").contains("60,000.00 EUR")
                .contains("by " + analyst);
        assertThat(browser.findElements(By.id("verdict-form"))).isEmpty();
        open("/review/" + id + "?lang=fr", "decision-reviewed-fr");
        assertThat(browser.findElement(By.id("verdict")).getText()).contains("Accepter jusqu'à").contains("60\u202f000,00 EUR");
        open("/review?lang=en", "queue-en");
    }

    /** Pages through the queue, oldest first, until the decision's link shows (other tests leave decisions in it). */
    private WebElement findInQueue(String decisionId) {
        for (int page = 0; page < 100; page++) {
            List<WebElement> links = browser.findElements(By.cssSelector("#queue a[href='/review/" + decisionId + "']"));
            if (!links.isEmpty()) {
                return links.getFirst();
            }
            List<WebElement> next = browser.findElements(By.linkText("Next page"));
            assertThat(next).as("decision %s is in the queue", decisionId).isNotEmpty();
            next.getFirst().click();
        }
        throw new AssertionError("queue longer than 100 pages");
    }
}
