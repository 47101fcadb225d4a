package io.arbiter.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.arbiter.ApiTest;
import tools.jackson.databind.JsonNode;

/**
 * A credit analyst works through the decisions the policy sent to a person: REVIEW only, the one waiting longest first,
 * page by page, narrowed to a company, a policy version or days.
 */
class ReviewQueueTests extends ApiTest {

    @Test
    void a_review_decision_waits_in_the_queue_found_by_any_of_the_company_s_numbers_and_an_approved_one_does_not() {
        String review = decide("90000"); // exposure 127,000 € against a 120,000 € limit: within the review tolerance
        String approved = decide("18000");
        String today = LocalDate.now().toString();

        // The order system sent the SIREN; the analyst looks the company up by one of its SIRETs.
        List<JsonNode> queue = all("/api/v1/credit-decisions/review-queue?registrationNumber=40220200600001&from=" + today
                + "&limit=1");

        assertThat(queue).extracting(d -> d.get("decisionId").asString()).contains(review).doesNotContain(approved);
        assertThat(queue).extracting(d -> d.get("outcome").asString()).containsOnly("REVIEW");
        assertThat(queue).extracting(d -> d.get("decidedAt").asString()).isSortedAccordingTo(
                (a, b) -> java.time.Instant.parse(a).compareTo(java.time.Instant.parse(b)));
    }

    @Test
    void lists_only_review_decisions_oldest_first_page_by_page() {
        String version = "queue-" + UUID.randomUUID();
        List<String> copies = copies(decide("90000"), version); // 2001-01-02 .. 06, REVIEW on the 2nd, 4th and 6th

        List<String> queued = all("/api/v1/credit-decisions/review-queue?policyVersion=" + version + "&limit=2").stream()
                .map(d -> d.get("decisionId").asString()).toList();

        assertThat(queued).containsExactly(copies.get(0), copies.get(2), copies.get(4));
    }

    @Test
    void the_decision_list_narrows_by_outcome_most_recent_first() {
        String version = "queue-" + UUID.randomUUID();
        List<String> copies = copies(decide("90000"), version);

        JsonNode page = get("/api/v1/credit-decisions?policyVersion=" + version + "&outcome=approved", ANALYST).body();

        assertThat(page.get("items").valueStream().map(d -> d.get("decisionId").asString()))
                .containsExactly(copies.get(3), copies.get(1));
        assertThat(page.get("items").valueStream().map(d -> d.get("outcome").asString())).containsOnly("APPROVED");
    }

    @Test
    void only_finance_staff_see_the_queue_and_a_bad_cursor_is_a_400() {
        assertThat(get("/api/v1/credit-decisions/review-queue", ORDER_SYSTEM).status()).isEqualTo(403);
        assertThat(get("/api/v1/credit-decisions/review-queue", DUNNING_ENGINE).status()).isEqualTo(403);
        assertThat(get("/api/v1/credit-decisions/review-queue", MANAGER).status()).isEqualTo(200);

        Response bad = get("/api/v1/credit-decisions/review-queue?cursor=bm90LWEtY3Vyc29y", ANALYST);
        assertThat(refusedField(bad)).isEqualTo("cursor");
        assertThat(bad.body().get("type").asString()).isEqualTo("urn:arbiter:problem:invalid-cursor");
        // A cursor of the decision list is not one of another list.
        assertThat(refusedField(get("/api/v1/credit-decisions/review-queue?cursor=" + cursorOfAnotherList(),
                ANALYST))).isEqualTo("cursor");
    }

    private static String cursorOfAnotherList() {
        return io.arbiter.shared.Paging.cursor("versions", "2026-01-01T00:00:00Z", UUID.randomUUID().toString());
    }

    /** Every item of every page, following the Link header as a client would. */
    private List<JsonNode> all(String path) {
        List<JsonNode> items = new ArrayList<>();
        String next = path;
        while (next != null) {
            Response page = get(next, ANALYST);
            assertThat(page.status()).as(page.text()).isEqualTo(200);
            page.body().get("items").forEach(items::add);
            if (page.link() == null) {
                assertThat(page.body().get("next").isNull()).isTrue();
                next = null;
            } else {
                String link = page.link();
                assertThat(link).endsWith(">; rel=\"next\"");
                next = link.substring(link.indexOf("/api/"), link.indexOf('>'));
            }
        }
        return items;
    }

    private String decide(String amount) {
        Response response = post("/api/v1/credit-decisions", ORDER_SYSTEM, """
                {"requestId": "%s",
                 "customer": {"registrationNumber": "402202006", "name": "Atelier Moreau SARL", "country": "FR",
                              "customerSince": "2021-03-01", "paymentTermsDays": 45},
                 "order": {"amount": %s, "currency": "EUR"},
                 "exposure": {"openReceivables": 32000, "overdue": 0, "ordersBacklog": 5000},
                 "paymentHistory": {"averageDaysLate": 4, "openDisputes": 0}}
                """.formatted(newRequestId(), amount));
        assertThat(response.status()).as(response.text()).isEqualTo(201);
        return response.body().get("decisionId").asString();
    }

    /** Five copies of the template decided with {@code version}, one a day from 2001-01-02, oldest first. */
    private List<String> copies(String template, String version) {
        // Records are written as the application keeps them; SQL writes the plain form (first byte 0, then the JSON).
        return jdbc.sql("""
                with fresh as (
                    select gen_random_uuid() as id, g,
                           timestamp with time zone '2001-01-01 12:00:00+00' + g * interval '1 day' as decided,
                           case when g % 2 = 1 then 'REVIEW' else 'APPROVED' end as outcome,
                           d.request_hash, d.registration_number, d.company_key, d.segment, d.risk_class, d.granted_limit,
                           d.request, d.facts
                    from credit_decision d, generate_series(1, 5) g where d.decision_id = cast(:template as uuid)),
                keys as (insert into credit_decision_key (request_id, decision_id, decided_at)
                         select 'queue-' || id, id, decided from fresh)
                insert into credit_decision (decision_id, request_id, request_hash, registration_number, company_key, outcome,
                                             segment, risk_class, granted_limit, policy_version, decided_at, request, facts,
                                             response)
                select id, 'queue-' || id, request_hash, registration_number, company_key, outcome, segment, risk_class,
                       granted_limit, :version, decided, request, facts,
                       '\\x00'::bytea || convert_to(jsonb_set(jsonb_set(jsonb_set(jsonb_set(cast(:response as jsonb),
                                 '{decisionId}', to_jsonb(id::text)), '{policyVersion}', to_jsonb(:version)),
                                 '{outcome}', to_jsonb(outcome)), '{decidedAt}', to_jsonb(decided))::text, 'UTF8')
                from fresh
                order by g
                returning decision_id::text""")
                .param("response", get("/api/v1/credit-decisions/" + template, ORDER_SYSTEM).text())
                .param("version", version).param("template", template).query(String.class).list();
    }
}
