package io.arbiter.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import io.arbiter.policy.PolicyFixtures;
import io.arbiter.security.Role;

class PolicyWorkbenchBrowserTests extends BrowserTest {

    private static final String LIMITS = "credit-limits.drl.xlsx";

    @TempDir
    Path broken;

    @TempDir
    Path changed;

    @TempDir
    Path lowered;

    private String shippedId;

    @AfterEach
    void republishTheShippedPolicy() {
        if (shippedId != null && !get("/api/v1/policies/active", ANALYST).body().get("id").asString().equals(shippedId)) {
            assertThat(post("/api/v1/policies/versions/" + shippedId + "/publish", MANAGER, "").status()).isEqualTo(200);
        }
    }

    @Test
    void a_manager_sees_a_bad_cell_then_uploads_a_change_that_another_manager_approves_and_publishes_then_rolls_back() {
        shippedId = get("/api/v1/policies/active", ANALYST).body().get("id").asString();
        Path badWorkbook = PolicyFixtures.copyOfShippedPolicy(broken).setCell(LIMITS, "CreditLimits", "C15", "150 000 €")
                .tables().resolve(LIMITS);
        Path goodWorkbook = PolicyFixtures.copyOfShippedPolicy(changed).setCell(LIMITS, "CreditLimits", "C15", "175000")
                .tables().resolve(LIMITS);
        String camille = person("Camille Martin", Role.CREDIT_MANAGER);
        String hugo = person("Hugo Bernard", Role.CREDIT_MANAGER);

        signIn(camille, PASSWORD);
        open("/policy", "workbench");
        assertThat(browser.findElements(By.cssSelector("#active-files tbody tr")).stream().map(WebElement::getText))
                .anyMatch(row -> row.startsWith(LIMITS));

        browser.findElement(By.id("files")).sendKeys(badWorkbook.toString());
        browser.findElement(By.id("comment")).sendKeys("SME class A limit, typed as in Excel");
        screenshot("bad-workbook-chosen");
        browser.findElement(By.cssSelector("#upload button[type=submit]")).click();
        screenshot("bad-cell-refused");
        WebElement errors = waitFor(By.id("upload-errors"));
        List<String> rows = errors.findElements(By.cssSelector("tbody tr")).stream().map(WebElement::getText).toList();
        assertThat(rows).anyMatch(row -> row.startsWith(LIMITS + " CreditLimits C15") && row.contains("150 000 €"));

        browser.findElement(By.id("files")).sendKeys(goodWorkbook.toString());
        browser.findElement(By.id("comment")).clear();
        browser.findElement(By.id("comment")).sendKeys("SME class A up to 175k");
        browser.findElement(By.cssSelector("#upload button[type=submit]")).click();
        waitFor(By.id("diff"));
        screenshot("draft-with-diff");
        assertThat(browser.findElement(By.id("state")).getText()).isEqualTo("Draft");
        String draftUrl = browser.getCurrentUrl();
        List<String> cells = browser.findElements(By.cssSelector("#diff tbody tr")).stream().map(WebElement::getText).toList();
        assertThat(cells).anyMatch(row -> row.contains("C15 → C15") && row.contains("150000") && row.contains("175000"));
        assertThat(browser.findElements(By.cssSelector("#scenarios .bad"))).as("every scenario passed").isEmpty();

        browser.findElement(By.id("approve")).click();
        screenshot("author-cannot-approve");
        assertThat(browser.findElement(By.cssSelector("[role=alert]")).getText()).contains("someone other than its author");
        assertThat(browser.findElement(By.id("state")).getText()).isEqualTo("Draft");

        signIn(hugo, PASSWORD);
        browser.get(draftUrl);
        browser.findElement(By.id("approve")).click();
        screenshot("approved");
        assertThat(browser.findElement(By.id("state")).getText()).isEqualTo("Approved");
        browser.executeScript("arguments[0].value = '2099-01-04T09:00'",
                browser.findElement(By.cssSelector("input[name=effectiveFrom]")));
        browser.findElement(By.id("schedule")).click();
        screenshot("scheduled");
        assertThat(browser.findElement(By.id("state")).getText()).isEqualTo("Scheduled");
        assertThat(browser.findElement(By.cssSelector(".muted")).getText()).contains("scheduled by " + hugo).contains("2099");
        browser.findElement(By.id("cancel-schedule")).click();
        screenshot("schedule-cancelled");
        assertThat(browser.findElement(By.id("state")).getText()).isEqualTo("Approved");
        browser.findElement(By.id("publish")).click();
        screenshot("published");
        assertThat(browser.findElement(By.id("state")).getText()).isEqualTo("Published");
        assertThat(browser.findElement(By.cssSelector(".muted")).getText()).contains("uploaded by " + camille)
                .contains("approved by " + hugo).contains("published by " + hugo);
        String draftId = draftUrl.replaceAll(".*/versions/([^?]+).*", "$1");
        assertThat(get("/api/v1/policies/active", ANALYST).body().get("id").asString()).isEqualTo(draftId);
        var stored = get("/api/v1/policies/versions/" + draftId, ANALYST).body();
        assertThat(stored.get("author").asString()).isEqualTo(camille);
        assertThat(stored.get("approvedBy").asString()).isEqualTo(hugo);
        assertThat(stored.get("publishedBy").asString()).isEqualTo(hugo);

        open("/policy/versions/" + shippedId, "previous-version");
        browser.findElement(By.id("rollback")).click();
        screenshot("rolled-back");
        assertThat(browser.findElement(By.id("state")).getText()).isEqualTo("Published");
        assertThat(get("/api/v1/policies/active", ANALYST).body().get("id").asString()).isEqualTo(shippedId);
        open("/policy?lang=fr", "workbench-fr");
        assertThat(heading()).isEqualTo("Politique de crédit");
        open("/policy?lang=en", "workbench-en");
    }

    /**
     * The draft lowers SME class A's internal limit from 150,000 to 100,000 (CreditLimits!C15): an order taking Atelier
     * Moreau to 107,000 of exposure, approved today within its 120,000, would go to review (beyond 100,000 + 10 %).
     */
    @Test
    void a_manager_simulates_a_draft_lowering_a_limit_and_sees_the_order_it_would_send_to_review() {
        Path workbook = PolicyFixtures.copyOfShippedPolicy(lowered).setCell(LIMITS, "CreditLimits", "C15", "100000")
                .tables().resolve(LIMITS);
        Response decided = post("/api/v1/credit-decisions", ORDER_SYSTEM, """
                {"requestId": "%s",
                 "customer": {"registrationNumber": "402202006", "name": "Atelier Moreau SARL", "country": "FR",
                              "customerSince": "2021-03-01", "paymentTermsDays": 45},
                 "order": {"amount": 70000, "currency": "EUR"},
                 "exposure": {"openReceivables": 32000, "overdue": 0, "ordersBacklog": 5000},
                 "paymentHistory": {"averageDaysLate": 4, "openDisputes": 0}}
                """.formatted(newRequestId()));
        assertThat(decided.status()).as(decided.text()).isEqualTo(201);
        assertThat(decided.body().get("outcome").asString()).isEqualTo("APPROVED");
        String decisionId = decided.body().get("decisionId").asString();
        String camille = person("Camille Martin", Role.CREDIT_MANAGER);

        signIn(camille, PASSWORD);
        open("/policy", "workbench");
        browser.findElement(By.id("files")).sendKeys(workbook.toString());
        browser.findElement(By.id("comment")).sendKeys("SME class A down to 100k");
        browser.findElement(By.cssSelector("#upload button[type=submit]")).click();
        waitFor(By.id("diff"));
        String draftUrl = browser.getCurrentUrl().replaceAll("\\?.*", "");

        waitFor(By.id("simulate"));
        browser.findElement(By.cssSelector("#simulate input[value=last]")).click();
        WebElement last = browser.findElement(By.cssSelector("#simulate input[name=last]"));
        last.clear();
        last.sendKeys("20"); // the decision above, among whatever other tests decided meanwhile
        browser.findElement(By.id("simulate-start")).click();
        WebElement progress = waitFor(By.id("simulation-progress"));
        assertThat(progress.getTagName()).isEqualTo("progress");
        showSimulation();
        screenshot("simulation-progress");

        waitFor(By.id("changed-decisions"));
        waitFor(By.cssSelector("#transitions-chart svg"));
        showSimulation();
        screenshot("simulation-results");
        browser.executeScript("document.getElementById('changed-decisions').scrollIntoView()");
        screenshot("simulation-changed-decisions");
        List<String> transitions = browser.findElements(By.cssSelector("#transitions-table tbody tr")).stream()
                .map(WebElement::getText).toList();
        assertThat(transitions).anyMatch(row -> row.matches("Approved Review \\d+"));
        assertThat(browser.findElements(By.cssSelector("#segments-chart svg"))).isNotEmpty();
        assertThat(browser.findElements(By.cssSelector("#segments-table tbody tr")).stream().map(WebElement::getText))
                .anyMatch(row -> row.startsWith("SME ") && row.contains(" EUR"));
        WebElement row = browser.findElement(By.xpath("//table[@id='changed-decisions']//tr[td/a[contains(@href, '"
                + decisionId + "')]]"));
        assertThat(row.getText()).contains("402202006", "Approved → Review", "120,000.00 EUR", "100,000.00 EUR", "-20,000.00 EUR",
                "CreditLimits · row 15");
        assertThat((Long) browser.executeScript("return document.documentElement.scrollWidth")).as("no sideways scroll")
                .isLessThanOrEqualTo(1280L);

        String csv = (String) browser.executeAsyncScript("var done = arguments[arguments.length - 1];"
                + "fetch(document.getElementById('simulation-csv').href).then(r => r.text()).then(done);");
        assertThat(csv.lines()).anyMatch(line -> line.startsWith(decisionId + ",402202006,")
                && line.contains(",APPROVED,REVIEW,SME,SME,A,A,120000.00,100000.00,-20000.00,EUR,"));

        open(draftUrl.replace("http://localhost:" + port, "") + "?lang=fr", "draft-fr");
        waitFor(By.cssSelector("#transitions-chart svg"));
        showSimulation();
        screenshot("simulation-results-fr");
        assertThat(browser.findElement(By.id("simulation-title")).getText()).isEqualTo("Simulation d'impact");
        assertThat(browser.findElements(By.cssSelector("#transitions-table tbody tr")).stream().map(WebElement::getText))
                .anyMatch(line -> line.matches("Accordée En revue \\d+"));
        browser.get(draftUrl + "?lang=en");
    }

    /** The simulation sits below the version's diff: brought to the top of the window for its screenshot. */
    private void showSimulation() {
        browser.executeScript("document.getElementById('simulation').scrollIntoView()");
    }

    @Test
    void an_analyst_uploads_but_is_offered_no_approval() {
        String analyst = person("Inès Petit", Role.CREDIT_ANALYST);
        signIn(analyst, PASSWORD);
        String activeId = get("/api/v1/policies/active", ANALYST).body().get("id").asString();
        open("/policy/versions/" + activeId, "active-version-as-analyst");
        assertThat(browser.findElements(By.id("approve"))).isEmpty();
        assertThat(browser.findElements(By.id("publish"))).isEmpty();
        assertThat(browser.findElements(By.id("rollback"))).isEmpty();
    }
}
