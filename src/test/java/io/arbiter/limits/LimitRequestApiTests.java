package io.arbiter.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;

import io.arbiter.bureau.CompanyStatus;
import io.arbiter.ledger.LedgerFixtures;
import tools.jackson.databind.JsonNode;

/** Limit requests routed by the shipped approval matrix, maker-checker, and decisions using the approved limit. */
class LimitRequestApiTests extends LimitsApiTest {

    @Test
    void a_large_request_needs_two_managers_never_its_requester_and_decisions_use_the_limit_until_its_review_date() {
        String siren = company(LedgerFixtures.unique("SP"));
        LocalDate today = LocalDate.now();
        JsonNode before = decide(siren, "600000", today).body();
        assertThat(before.get("outcome").asString()).as(before.toString()).isEqualTo("REJECTED");
        assertThat(before.at("/limitComposition/standing").isNull()).isTrue();

        Response asked = request(MANAGER, siren, "700000", ", \"validUntil\": \"" + today.plusDays(30) + "\"");
        assertThat(asked.status()).as(asked.text()).isEqualTo(201);
        JsonNode request = asked.body();
        String id = request.get("id").asString();
        assertThat(asked.location()).endsWith("/api/v1/limits/requests/" + id);
        assertThat(request.get("status").asString()).isEqualTo("PENDING");
        assertThat(request.at("/approval/role").asString()).isEqualTo("CREDIT_MANAGER");
        assertThat(request.at("/approval/approvers").asInt()).isEqualTo(2);
        assertThat(request.at("/approval/rule/table").asString()).isEqualTo("approval-matrix.drl.xlsx");
        assertThat(request.at("/approval/rule/description").asString()).isEqualTo("Above €200,000: two credit managers");
        assertThat(request.at("/proposal/grantedLimit/amount").decimalValue()).isEqualByComparingTo(
                before.at("/grantedLimit/amount").decimalValue());
        assertThat(request.at("/proposal/reasons")).isNotEmpty();
        assertThat(request.at("/requested/amount").decimalValue()).isEqualByComparingTo("700000");

        Response byRequester = verdict(MANAGER, id, "APPROVE", "");
        assertThat(byRequester.status()).as(byRequester.text()).isEqualTo(403);
        assertThat(byRequester.contentType()).startsWith("application/problem+json");
        assertThat(byRequester.body().get("type").asString()).endsWith("maker-checker");
        assertThat(byRequester.body().at("/errors/0/field").asString()).isEqualTo("approver");
        Response byAnalyst = verdict(ANALYST, id, "APPROVE", "");
        assertThat(byAnalyst.status()).as(byAnalyst.text()).isEqualTo(403);
        assertThat(byAnalyst.body().get("detail").asString()).contains("CREDIT_MANAGER (2 people)");
        assertThat(byAnalyst.contentType()).startsWith("application/problem+json");
        assertThat(byAnalyst.body().get("type").asString()).endsWith("approver-role-too-low");
        assertThat(get("/api/v1/limits/requests/" + id, ANALYST).body().get("verdicts"))
                .as("neither refused verdict is stored").isEmpty();

        JsonNode first = verdict(MANAGER_2, id, "APPROVE", "").body();
        assertThat(first.get("status").asString()).isEqualTo("PENDING");
        assertThat(first.at("/approval/approvedSoFar").asInt()).isEqualTo(1);
        assertThat(verdict(MANAGER_2, id, "APPROVE", "").status()).isEqualTo(409);
        assertThat(decide(siren, "600000", today).body().get("outcome").asString())
                .as("one approval of two grants nothing").isEqualTo("REJECTED");

        JsonNode approved = verdict(MANAGER_3, id, "APPROVE", "").body();
        assertThat(approved.get("status").asString()).isEqualTo("APPROVED");
        assertThat(approved.at("/granted/amount").decimalValue()).isEqualByComparingTo("700000");
        assertThat(approved.get("verdicts")).hasSize(2);

        JsonNode limits = get("/api/v1/limits/companies/" + siren, ANALYST).body();
        assertThat(limits.at("/standingLimits/0/amount/amount").decimalValue()).isEqualByComparingTo("700000");
        assertThat(limits.at("/standingLimits/0/approvedBy").asString()).contains("test credit manager 2", "test credit manager 3");
        assertThat(limits.at("/standingLimits/0/inForce").asBoolean()).isTrue();
        assertThat(limits.at("/history/0/change").asString()).isEqualTo("GRANTED");
        assertThat(limits.at("/history/0/requestId").asString()).isEqualTo(id);
        String limitId = limits.at("/standingLimits/0/id").asString();

        JsonNode within = decide(siren, "600000", today).body();
        assertThat(within.get("outcome").asString()).isEqualTo("APPROVED");
        assertThat(within.at("/limitComposition/binding").asString()).isEqualTo("STANDING");
        assertThat(within.at("/limitComposition/standing/id").asString()).isEqualTo(limitId);
        assertThat(within.at("/grantedLimit/amount").decimalValue()).isEqualByComparingTo("700000");
        JsonNode after = decide(siren, "600000", today.plusDays(31)).body();
        assertThat(after.at("/limitComposition/binding").asString()).isNotEqualTo("STANDING");
        assertThat(after.at("/grantedLimit/amount").decimalValue()).isEqualByComparingTo(before.at("/grantedLimit/amount").decimalValue());
        assertThat(after.get("outcome").asString()).isEqualTo("REJECTED");

        assertThat(changes(ANALYST)).anySatisfy(change -> {
            assertThat(change.get("type").asString()).isEqualTo("limit.changed");
            assertThat(change.get("limitId").asString()).isEqualTo(limitId);
            assertThat(change.get("change").asString()).isEqualTo("GRANTED");
        });
    }

    @Test
    void a_salesperson_asks_for_a_customer_one_analyst_reduces_it_and_the_salesperson_reads_the_result() {
        String siren = company(OWN_SALESPERSON);
        decide(siren, "1000", LocalDate.now());

        Response asked = request(SALESPERSON, siren, "15000", "");
        assertThat(asked.status()).as(asked.text()).isEqualTo(201);
        String id = asked.body().get("id").asString();
        assertThat(asked.body().get("requesterRole").asString()).isEqualTo("SALESPERSON");
        assertThat(asked.body().at("/proposal/riskClass").asString()).isIn("A", "B", "C");
        assertThat(asked.body().at("/approval/role").asString()).isEqualTo("CREDIT_ANALYST");
        assertThat(asked.body().at("/approval/approvers").asInt()).isEqualTo(1);
        assertThat(verdict(SALESPERSON, id, "APPROVE", "").status()).as("a salesperson approves nothing").isEqualTo(403);

        Response tooHigh = verdict(ANALYST, id, "REDUCE", ", \"amount\": {\"amount\": 15000, \"currency\": \"EUR\"}");
        assertThat(refusedField(tooHigh)).isEqualTo("amount.amount");
        JsonNode reduced = verdict(ANALYST, id, "REDUCE", ", \"amount\": {\"amount\": 12000, \"currency\": \"EUR\"}").body();
        assertThat(reduced.get("status").asString()).isEqualTo("REDUCED");

        JsonNode seen = get("/api/v1/limits/requests/" + id, SALESPERSON).body();
        assertThat(seen.get("status").asString()).isEqualTo("REDUCED");
        assertThat(seen.at("/granted/amount").decimalValue()).isEqualByComparingTo("12000");
        assertThat(seen.at("/verdicts/0/comment").asString()).isEqualTo("Seen the accounts");
        assertThat(get("/api/v1/limits/companies/" + siren, SALESPERSON).body().at("/standingLimits/0/amount/amount")
                .decimalValue()).isEqualByComparingTo("12000");
    }

    @Test
    void a_salesperson_sees_and_asks_for_the_companies_of_their_portfolio_only() {
        String mine = company(OWN_SALESPERSON);
        String theirs = company(LedgerFixtures.unique("SP"));
        String theirRequest = request(ANALYST, theirs, "5000", "").body().get("id").asString();
        String myRequest = request(SALESPERSON, mine, "5000", "").body().get("id").asString();

        assertThat(request(SALESPERSON, theirs, "5000", "").status()).isEqualTo(404);
        assertThat(get("/api/v1/limits/requests/" + theirRequest, SALESPERSON).status()).isEqualTo(404);
        assertThat(get("/api/v1/limits/requests/" + theirRequest, ANALYST).status()).isEqualTo(200);
        assertThat(get("/api/v1/limits/companies/" + theirs, SALESPERSON).status()).isEqualTo(404);
        List<String> listed = ids(get("/api/v1/limits/requests?status=PENDING&limit=200", SALESPERSON).body());
        assertThat(listed).contains(myRequest).doesNotContain(theirRequest);
        assertThat(ids(get("/api/v1/limits/requests?status=PENDING&limit=200", ANALYST).body())).contains(myRequest, theirRequest);
        verdict(MANAGER, theirRequest, "APPROVE", "");
        assertThat(changes(SALESPERSON)).noneSatisfy(change ->
                assertThat(change.at("/company/registrationNumber").asString()).isEqualTo(theirs));
        assertThat(changes(ANALYST)).anySatisfy(change ->
                assertThat(change.at("/company/registrationNumber").asString()).isEqualTo(theirs));
    }

    @Test
    void requests_are_paged_with_a_cursor_in_a_link_header() {
        for (int i = 0; i < 3; i++) {
            request(ANALYST, company(LedgerFixtures.unique("SP")), "5000", "");
        }
        Response first = get("/api/v1/limits/requests?limit=2", ANALYST);
        assertThat(first.body().get("items")).hasSize(2);
        assertThat(first.link()).contains("rel=\"next\"").contains("cursor=");
        String next = first.link().substring(first.link().indexOf("/api/"), first.link().indexOf('>'));
        JsonNode second = get(next, ANALYST).body();
        assertThat(ids(second)).doesNotContainAnyElementsOf(ids(first.body()));
        assertThat(refusedField(get("/api/v1/limits/requests?cursor=garbage", ANALYST))).isEqualTo("cursor");
        assertThat(refusedField(get("/api/v1/limits/changes?cursor=-4", ANALYST))).isEqualTo("cursor");
        assertThat(refusedField(get("/api/v1/limits/requests/not-a-uuid", ANALYST))).isEqualTo("id");
    }

    @Test
    void insolvency_reported_by_the_bureau_suspends_the_standing_limit_at_once_and_opens_a_review() {
        String siren = company(LedgerFixtures.unique("SP"));
        decide(siren, "1000", LocalDate.now());
        String id = request(ANALYST, siren, "15000", "").body().get("id").asString();
        assertThat(verdict(ANALYST_2, id, "APPROVE", "").body().get("status").asString()).isEqualTo("APPROVED");
        assertThat(decide(siren, "14000", LocalDate.now()).body().at("/limitComposition/binding").asString())
                .isEqualTo("STANDING");

        bureau.status(siren, CompanyStatus.INSOLVENCY_PROCEEDINGS);
        Response notified = post("/api/v1/bureau/notifications", ADMIN, """
                {"provider": "limitsbureau", "notificationId": "evt-%s", "registrationNumber": "%s", "country": "FR",
                 "type": "STATUS_CHANGED"}""".formatted(LedgerFixtures.unique("N"), siren));
        assertThat(notified.status()).as(notified.text()).isEqualTo(201);

        JsonNode limits = awaitSuspended(siren);
        assertThat(limits.at("/standingLimits/0/inForce").asBoolean()).isFalse();
        assertThat(limits.at("/history/0/change").asString()).isEqualTo("SUSPENDED");
        assertThat(limits.at("/history/0/reason").asString()).contains("insolvency proceedings");
        assertThat(limits.get("reviewTasks")).anySatisfy(task -> assertThat(task.get("trigger").asString()).isEqualTo("INSOLVENCY"));
        JsonNode decision = decide(siren, "14000", LocalDate.now()).body();
        assertThat(decision.at("/limitComposition/binding").asString()).isNotEqualTo("STANDING");
        assertThat(decision.get("outcome").asString()).isEqualTo("REJECTED");
    }

    private JsonNode awaitSuspended(String siren) {
        // Other modules hear of the insolvency after its transaction commits, possibly on another thread.
        long deadline = System.currentTimeMillis() + 10_000;
        JsonNode limits;
        do {
            limits = get("/api/v1/limits/companies/" + siren, ANALYST).body();
            if ("SUSPENDED".equals(limits.at("/standingLimits/0/status").asString())) {
                return limits;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } while (System.currentTimeMillis() < deadline);
        throw new AssertionError("the standing limit was not suspended: " + limits);
    }

    private List<JsonNode> changes(String apiKey) {
        return StreamSupport.stream(get("/api/v1/limits/changes?limit=200", apiKey).body().get("items").spliterator(), false)
                .toList();
    }

    private static List<String> ids(JsonNode page) {
        return StreamSupport.stream(page.get("items").spliterator(), false).map(item -> item.get("id").asString()).toList();
    }
}
