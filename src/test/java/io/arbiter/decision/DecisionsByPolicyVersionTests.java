package io.arbiter.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.arbiter.ApiTest;
import tools.jackson.databind.JsonNode;

/** An auditor asks which decisions a policy version made: every one of them, and only those, page by page. */
class DecisionsByPolicyVersionTests extends ApiTest {

    @Test
    void lists_exactly_the_decisions_made_with_a_version_most_recent_first_page_by_page() {
        String template = decide();
        String version = "audit-" + UUID.randomUUID();
        List<String> stored = copies(template, version).stream().map(Copy::decisionId).toList();

        List<String> listed = new ArrayList<>();
        String path = "/api/v1/credit-decisions?policyVersion=" + version + "&limit=2";
        int pages = 0;
        for (String next = path; next != null; pages++) {
            Response page = get(next, ANALYST);
            assertThat(page.status()).as(page.text()).isEqualTo(200);
            assertThat(page.body().get("items").size()).isLessThanOrEqualTo(2);
            for (JsonNode decision : page.body().get("items")) {
                assertThat(decision.get("policyVersion").asString()).isEqualTo(version);
                listed.add(decision.get("decisionId").asString());
            }
            JsonNode cursor = page.body().get("next");
            next = cursor == null || cursor.isNull() ? null : path + "&cursor=" + cursor.asString();
            if (next == null) {
                assertThat(page.link()).isNull();
            } else {
                assertThat(page.link()).isEqualTo("<" + uri(next) + ">; rel=\"next\"");
            }
        }

        assertThat(pages).isEqualTo(3);
        assertThat(listed).containsExactlyElementsOf(stored); // most recent first, each once
    }

    @Test
    void narrows_a_version_to_the_days_asked_both_included() {
        String template = decide();
        String version = "audit-" + UUID.randomUUID();
        List<String> onThoseDays = copies(template, version).stream()
                .filter(copy -> copy.decidedAt().startsWith("2001-01-03") || copy.decidedAt().startsWith("2001-01-04"))
                .map(Copy::decisionId).toList();

        Response page = get("/api/v1/credit-decisions?policyVersion=" + version + "&from=2001-01-03&to=2001-01-04",
                ORDER_SYSTEM);

        assertThat(page.status()).isEqualTo(200);
        assertThat(onThoseDays).hasSize(2);
        assertThat(page.body().get("items").valueStream().map(d -> d.get("decisionId").asString()))
                .containsExactlyInAnyOrderElementsOf(onThoseDays);
        assertThat(page.body().get("next").isNull()).isTrue();
    }

    @Test
    void a_decision_made_now_is_listed_under_the_active_version_and_never_under_another() {
        String decisionId = decide();
        String active = get("/api/v1/policies/active", ANALYST).body().get("version").asString();

        JsonNode page = get("/api/v1/credit-decisions?policyVersion=" + active + "&limit=500", MANAGER).body();
        assertThat(page.get("items").valueStream().map(d -> d.get("decisionId").asString())).contains(decisionId);
        assertThat(page.get("items").valueStream().map(d -> d.get("policyVersion").asString())).containsOnly(active);
        assertThat(get("/api/v1/credit-decisions?policyVersion=no-such-version", ANALYST).body().get("items")).isEmpty();
    }

    @Test
    void refuses_bad_parameters_with_a_problem_naming_the_field() {
        assertThat(refusedField(get("/api/v1/credit-decisions?outcome=MAYBE", ANALYST))).isEqualTo("outcome");
        assertThat(refusedField(get("/api/v1/credit-decisions?registrationNumber=402202007", ANALYST)))
                .isEqualTo("registrationNumber");
        assertThat(refusedField(get("/api/v1/credit-decisions?policyVersion=v&limit=0", ANALYST))).isEqualTo("limit");
        assertThat(refusedField(get("/api/v1/credit-decisions?policyVersion=v&limit=501", ANALYST))).isEqualTo("limit");
        assertThat(refusedField(get("/api/v1/credit-decisions?policyVersion=v&limit=ten", ANALYST))).isEqualTo("limit");
        assertThat(refusedField(get("/api/v1/credit-decisions?policyVersion=v&from=01/02/2026", ANALYST))).isEqualTo("from");
        assertThat(refusedField(get("/api/v1/credit-decisions?policyVersion=v&from=2026-02-01&to=2026-01-01", ANALYST)))
                .isEqualTo("to");
        assertThat(refusedField(get("/api/v1/credit-decisions?policyVersion=v&cursor=garbage", ANALYST))).isEqualTo("cursor");
        assertThat(get("/api/v1/credit-decisions?policyVersion=v", DUNNING_ENGINE).status()).isEqualTo(403);
    }

    private String decide() {
        Response response = post("/api/v1/credit-decisions", ORDER_SYSTEM, smeOrder(newRequestId()));
        assertThat(response.status()).as(response.text()).isEqualTo(201);
        return response.body().get("decisionId").asString();
    }

    private record Copy(String decisionId, String decidedAt) {
    }

    /**
     * Five copies of the template decision made with {@code version}, one a day from 2001-01-02 to 2001-01-06, as the
     * database returns them: most recent first.
     */
    private List<Copy> copies(String template, String version) {
        // Records are written as the application keeps them; SQL writes the plain form (first byte 0, then the JSON).
        return jdbc.sql("""
                with fresh as (
                    select gen_random_uuid() as id, g, timestamp with time zone '2001-01-01 12:00:00+00' + g * interval '1 day' as decided,
                           d.request_hash, d.registration_number, d.company_key, d.outcome, d.segment, d.risk_class,
                           d.granted_limit, d.request, d.facts
                    from credit_decision d, generate_series(1, 5) g where d.decision_id = cast(:template as uuid)),
                keys as (insert into credit_decision_key (request_id, decision_id, decided_at)
                         select 'audit-' || id, id, decided from fresh)
                insert into credit_decision (decision_id, request_id, request_hash, registration_number, company_key, outcome,
                                             segment, risk_class, granted_limit, policy_version, decided_at, request, facts,
                                             response)
                select id, 'audit-' || id, request_hash, registration_number, company_key, outcome, segment, risk_class,
                       granted_limit, :version, decided, request, facts,
                       '\\x00'::bytea || convert_to(jsonb_set(jsonb_set(cast(:response as jsonb), '{decisionId}', to_jsonb(id::text)),
                                                           '{policyVersion}', to_jsonb(:version))::text, 'UTF8')
                from fresh
                order by g desc
                returning decision_id::text, decided_at""")
                .param("version", version).param("template", template)
                .param("response", get("/api/v1/credit-decisions/" + template, ORDER_SYSTEM).text())
                .query((rs, n) -> new Copy(rs.getString(1), rs.getTimestamp(2).toInstant().toString())).list();
    }
}
