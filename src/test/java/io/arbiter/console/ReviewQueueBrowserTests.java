package io.arbiter.console;

import static org.assertj.core.api.Assertions.assertThat;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.arbiter.security.Role;
import tools.jackson.databind.JsonNode;

/**
 * The order system's side of a review too: it asked with the key whose webhook the test configuration names
 * (src/test/resources/config), and its receiver, a WireMock on a port read at each delivery, gets the verdict signed.
 */
class ReviewQueueBrowserTests extends BrowserTest {

    private static final String WEBHOOK_ORDER_SYSTEM = "test-webhook-order-system";
    private static final String WEBHOOK_SECRET = "test-webhook-secret-0123456789abcdef";
    private static final String RECEIVER_PORT = "arbiter.test.webhook-receiver-port";
    private static final WireMockServer receiver = new WireMockServer(wireMockConfig().dynamicPort());

    @BeforeAll
    static void startReceiver() {
        receiver.start();
        receiver.stubFor(WireMock.post("/arbiter/events").willReturn(ok()));
        System.setProperty(RECEIVER_PORT, Integer.toString(receiver.port()));
    }

    @AfterAll
    static void stopReceiver() {
        receiver.stop();
        System.clearProperty(RECEIVER_PORT);
    }

    @Test
    void an_analyst_finds_a_review_decision_in_the_queue_and_approves_it_up_to_an_amount() throws Exception {
        Response decided = post("/api/v1/credit-decisions", WEBHOOK_ORDER_SYSTEM, reviewOrder(newRequestId()));
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

        JsonNode decision = get("/api/v1/credit-decisions/" + id, WEBHOOK_ORDER_SYSTEM).body();
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

        // The order system's receiver got the verdict once, signed with its secret.
        List<LoggedRequest> sent = Awaitility.await().atMost(Duration.ofSeconds(20)).until(
                () -> receiver.findAll(postRequestedFor(urlEqualTo("/arbiter/events")).withRequestBody(containing(id))),
                requests -> !requests.isEmpty());
        Thread.sleep(1_000);
        sent = receiver.findAll(postRequestedFor(urlEqualTo("/arbiter/events")).withRequestBody(containing(id)));
        assertThat(sent).hasSize(1);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        assertThat(sent.getFirst().getHeader("X-Arbiter-Signature"))
                .isEqualTo("sha256=" + HexFormat.of().formatHex(mac.doFinal(sent.getFirst().getBody())));
        JsonNode event = json.readTree(sent.getFirst().getBodyAsString());
        assertThat(event.get("type").asString()).isEqualTo("decision.reviewed");
        assertThat(event.get("verdict").asString()).isEqualTo("APPROVE_UP_TO");
        assertThat(event.at("/amountApproved/amount").decimalValue()).isEqualByComparingTo("60000");
        assertThat(event.get("reviewer").asString()).isEqualTo(analyst);
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
