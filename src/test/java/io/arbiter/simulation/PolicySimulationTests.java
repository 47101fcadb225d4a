package io.arbiter.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

import io.arbiter.ApiTest;
import io.arbiter.ledger.LedgerFixtures;
import io.arbiter.policy.PolicyFixtures;
import io.arbiter.simulation.replay.SimulationJobs;
import tools.jackson.databind.JsonNode;

/**
 * A credit manager simulates a draft before publishing it: the draft lowers SME class A's internal limit from 150,000
 * to 100,000 (CreditLimits!C15), which binds below Atelier Moreau's bureau term of 120,000.
 */
class PolicySimulationTests extends ApiTest {

    private static final String LIMITS = "credit-limits.drl.xlsx";
    private static String draftId;

    @TempDir
    Path directory;

    @Autowired
    SimulationJobs jobs;

    @Test
    void simulation_of_the_last_decisions_shows_the_orders_a_lower_limit_would_send_to_review() {
        String draft = draft();
        String approved = decide(order("70000")); // exposure 107,000: within 120,000; within 100,000 + 10 % tolerance
        String stillApproved = decide(order("18000")); // exposure 55,000: approved either way, on a lower limit
        String rejected = decide("""
                {"requestId": "%s", "customer": {"registrationNumber": "404404006", "name": "Transports Lefèvre SAS",
                 "country": "FR", "customerSince": "2019-01-01"}, "order": {"amount": 500, "currency": "EUR"}}
                """.formatted(newRequestId()));

        Response started = post(simulations(draft), ANALYST, "{\"last\": 3}");
        assertThat(started.status()).isEqualTo(202);
        assertThat(started.location()).startsWith(simulations(draft) + "/");
        JsonNode done = pollUntilFinished(started.location());

        assertThat(done.get("state").asString()).isEqualTo("DONE");
        assertThat(done.get("percent").asInt()).isEqualTo(100);
        assertThat(done.get("processed").asLong()).isEqualTo(3);
        assertThat(done.get("total").asLong()).isEqualTo(3);
        assertThat(done.get("activeVersion").asString()).isEqualTo(activeVersion());
        JsonNode summary = done.get("summary");
        assertThat(summary.get("changed").asLong()).isEqualTo(2);
        assertThat(summary.get("unchanged").asLong()).isEqualTo(1);
        assertThat(summary.get("transitions").properties()).hasSize(1);
        assertThat(summary.at("/transitions/APPROVED→REVIEW").asLong()).isEqualTo(1);
        assertThat(summary.at("/grantedLimits/change/amount").decimalValue()).isEqualByComparingTo("-40000");
        assertThat(summary.at("/grantedLimits/change/currency").asString()).isEqualTo("EUR");
        JsonNode sme = segment(summary, "SME");
        assertThat(sme.get("changed").asLong()).isEqualTo(2);
        assertThat(sme.at("/change/amount").decimalValue()).isEqualByComparingTo("-40000");
        assertThat(sme.at("/after/amount").decimalValue().subtract(sme.at("/before/amount").decimalValue()))
                .isEqualByComparingTo("-40000");

        assertThat(done.get("changes")).hasSize(2);
        JsonNode toReview = change(done.get("changes"), approved);
        assertThat(toReview.at("/active/outcome").asString()).isEqualTo("APPROVED");
        assertThat(toReview.at("/candidate/outcome").asString()).isEqualTo("REVIEW");
        assertThat(toReview.at("/active/grantedLimit/amount").decimalValue()).isEqualByComparingTo("120000");
        assertThat(toReview.at("/candidate/grantedLimit/amount").decimalValue()).isEqualByComparingTo("100000");
        assertThat(toReview.at("/candidate/segment").asString()).isEqualTo("SME");
        assertThat(toReview.at("/candidate/riskClass").asString()).isEqualTo("A");
        assertThat(ruleNames(toReview.at("/candidate/reasons"))).contains("CreditLimits_15");
        assertThat(ruleNames(toReview.at("/active/reasons"))).contains("CreditLimits_15");
        assertThat(change(done.get("changes"), stillApproved).at("/candidate/outcome").asString()).isEqualTo("APPROVED");
        assertThat(done.get("changes").valueStream().map(c -> c.get("decisionId").asString())).doesNotContain(rejected);

        Response csv = get(started.location() + "/changes.csv", ANALYST);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv").containsIgnoringCase("charset=UTF-8");
        List<String> lines = csv.text().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.getFirst()).startsWith("\uFEFFdecision_id,registration_number,decided_with,active_outcome,candidate_outcome");
        String row = lines.stream().filter(line -> line.startsWith(approved)).findFirst().orElseThrow();
        assertThat(row).contains(",402202006," + activeVersion() + ",APPROVED,REVIEW,SME,SME,A,A,"
                + "120000.00,100000.00,-20000.00,EUR,");
        assertThat(row).contains("CreditLimits_15: SME, class A");
        assertThat(lines.stream().filter(line -> line.startsWith(stillApproved)).findFirst().orElseThrow())
                .contains(",APPROVED,APPROVED,SME,SME,A,A,120000.00,100000.00,-20000.00,EUR,");
    }

    @Test
    void portfolio_simulation_shows_the_standing_limit_each_customer_would_get_without_an_order() {
        String draft = draft();
        decide(order("18000")); // the latest decision on Atelier Moreau: its bureau, history and seniority
        LedgerFixtures ledger = new LedgerFixtures(jdbc);
        String entity = ledger.entity("EUR");
        ledger.setAsideCompany("402202006");
        // Two accounts of the company, its SIREN's and an establishment's: assessed once, on 130,000 of exposure, over
        // the 120,000 the active version grants (within its 10 % review tolerance) and 30 % over the draft's 100,000.
        long moreau = ledger.customer(LedgerFixtures.NewCustomer.named("402202006"));
        ledger.openInvoice(entity, moreau, LocalDate.now().minusDays(10), LocalDate.now().plusDays(35), "20000.00", "EUR");
        long workshop = ledger.customer(LedgerFixtures.NewCustomer.named("40220200600019"));
        ledger.openInvoice(entity, workshop, LocalDate.now().minusDays(10), LocalDate.now().plusDays(35), "110000.00", "EUR");
        String unknown = LedgerFixtures.unique("NEWCO");
        ledger.customer(LedgerFixtures.NewCustomer.named(unknown));

        Response started = post(simulations(draft), MANAGER, "{\"portfolio\": true}");
        assertThat(started.status()).isEqualTo(202);
        JsonNode done = pollUntilFinished(started.location());

        assertThat(done.get("state").asString()).isEqualTo("DONE");
        long companies = jdbc.sql("select count(distinct country || ':' || coalesce(company_id, '#' || account)) from ledger_customer")
                .query(Long.class).single();
        assertThat(done.get("total").asLong()).isEqualTo(companies);
        assertThat(done.get("processed").asLong()).isEqualTo(companies);
        assertThat(done.at("/summary/changed").asLong()).isGreaterThanOrEqualTo(1);
        List<String> lines = get(started.location() + "/changes.csv", MANAGER).text().lines().toList();
        assertThat(lines.stream().filter(line -> line.contains(",402202006,") || line.contains(",40220200600019,")))
                .singleElement().satisfies(line -> assertThat(line)
                        .startsWith("\"\",402202006,,REVIEW,REJECTED,SME,SME,A,A,120000.00,100000.00,-20000.00,EUR,"));
        assertThat(lines).noneMatch(line -> line.contains("," + unknown + ","));
    }

    @Test
    void accounts_whose_number_is_a_placeholder_such_as_n_a_are_each_a_company_of_their_own() {
        String draft = draft();
        long before = pollUntilFinished(post(simulations(draft), MANAGER, "{\"portfolio\": true}").location()).get("total").asLong();
        LedgerFixtures ledger = new LedgerFixtures(jdbc);
        // What ERP exports write for a number they lack: read as a number, it made one company of unrelated customers.
        ledger.customer(LedgerFixtures.NewCustomer.named("N/A"));
        ledger.customer(LedgerFixtures.NewCustomer.named("n/a"));
        ledger.customer(LedgerFixtures.NewCustomer.named("000000000"));

        JsonNode after = pollUntilFinished(post(simulations(draft), MANAGER, "{\"portfolio\": true}").location());

        assertThat(after.get("state").asString()).isEqualTo("DONE");
        assertThat(after.get("total").asLong()).isEqualTo(before + 3);
    }

    @Test
    void a_large_simulation_shows_its_progress_and_cancelling_it_stops_it_before_the_end_keeping_what_it_found() {
        String draft = draft();
        String template = decide(order("70000"));
        // Made with another version than the active one: each is re-decided by both versions, as an older decision is.
        String version = "bulk-" + UUID.randomUUID();
        // Records are written as the application keeps them; SQL writes the plain form (first byte 0, then the JSON).
        int inserted = jdbc.sql("""
                with fresh as (
                    select gen_random_uuid() as id, g, timestamp with time zone '1999-03-01 00:00:00+00' + g * interval '1 second' as decided,
                           d.request_hash, d.registration_number, d.company_key, d.outcome, d.segment, d.risk_class,
                           d.granted_limit, d.request, d.facts
                    from credit_decision d, generate_series(1, 100000) g where d.decision_id = cast(:template as uuid)),
                keys as (insert into credit_decision_key (request_id, decision_id, decided_at)
                         select 'bulk-' || id, id, decided from fresh)
                insert into credit_decision (decision_id, request_id, request_hash, registration_number, company_key, outcome,
                                             segment, risk_class, granted_limit, policy_version, decided_at, request, facts,
                                             response)
                select id, 'bulk-' || id, request_hash, registration_number, company_key, outcome, segment, risk_class,
                       granted_limit, :version, decided, request, facts,
                       '\\x00'::bytea || convert_to(jsonb_set(cast(:response as jsonb), '{decisionId}', to_jsonb(id::text))::text, 'UTF8')
                from fresh""")
                .param("response", get("/api/v1/credit-decisions/" + template, ORDER_SYSTEM).text())
                .param("version", version).param("template", template).update();
        assertThat(inserted).isEqualTo(100000);

        Response started = post(simulations(draft), ANALYST, "{\"from\": \"1999-03-01\", \"to\": \"1999-03-31\"}");
        assertThat(started.status()).isEqualTo(202);
        JsonNode underway = pollUntil(started.location(),
                job -> job.get("processed").asLong() > 0 || !job.get("state").asString().equals("RUNNING"));
        assertThat(underway.get("state").asString()).isEqualTo("RUNNING");
        assertThat(underway.get("processed").asLong()).isLessThan(100000);
        assertThat(underway.get("total").asLong()).isEqualTo(100000);
        assertThat(underway.get("percent").asInt()).isBetween(0, 99);
        Response cancelled = send(HttpRequest.newBuilder(uri(started.location())).DELETE(), ANALYST);
        assertThat(cancelled.status()).isEqualTo(202);
        JsonNode stopped = pollUntilFinished(started.location());

        assertThat(stopped.get("state").asString()).isEqualTo("CANCELLED");
        assertThat(stopped.get("processed").asLong()).isLessThan(stopped.get("total").asLong());
        assertThat(get(started.location() + "/changes.csv", ANALYST).text().lines().count() - 1)
                .isEqualTo(stopped.get("changed").asLong());
        assertThat(send(HttpRequest.newBuilder(uri(started.location())).DELETE(), ANALYST).status()).isEqualTo(409);
    }

    @Test
    void a_simulation_left_running_by_an_instance_that_stopped_ends_failed_and_says_to_start_it_again() {
        String draft = draft();
        UUID abandoned = UUID.randomUUID();
        jdbc.sql("""
                insert into policy_simulation (id, version_id, candidate, baseline, currency, population, requested_by,
                                               state, total, processed, started_at, updated_at, heartbeat_at)
                values (?, cast(? as uuid), 'candidate', 'baseline', 'EUR', '{"last": 3}', 'analyst', 'RUNNING', 3, 1,
                        now() - interval '6 minutes', now() - interval '5 minutes', now() - interval '5 minutes')""")
                .params(abandoned, draft).update();
        assertThat(get(simulations(draft) + "/" + abandoned, ANALYST).body().get("state").asString()).isEqualTo("RUNNING");

        jobs.heartbeat();

        JsonNode failed = get(simulations(draft) + "/" + abandoned, ANALYST).body();
        assertThat(failed.get("state").asString()).isEqualTo("FAILED");
        assertThat(failed.get("error").asString()).isEqualTo("Arbiter stopped while this simulation ran; start it again.");
        assertThat(send(HttpRequest.newBuilder(uri(simulations(draft) + "/" + abandoned)).DELETE(), ANALYST).status())
                .isEqualTo(409);
    }

    @Test
    void starting_a_simulation_deletes_the_oldest_finished_ones_beyond_the_twenty_kept_but_not_a_running_one() {
        String draft = draft();
        List<UUID> old = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            old.add(storedSimulation(draft, "DONE", "2001-01-01T00:00:00Z", i));
        }
        UUID oldestRunning = storedSimulation(draft, "RUNNING", "2000-01-01T00:00:00Z", 0);
        try {
            Response started = post(simulations(draft), ANALYST, "{\"last\": 1}");
            assertThat(started.status()).isEqualTo(202);

            Response pruned = get(simulations(draft) + "/" + old.getFirst(), ANALYST);
            assertThat(pruned.status()).isEqualTo(404);
            assertThat(pruned.body().get("detail").asString()).contains("only the most recent simulations are kept");
            assertThat(get(simulations(draft) + "/" + oldestRunning, ANALYST).body().get("state").asString())
                    .isEqualTo("RUNNING");
            assertThat(pollUntilFinished(started.location()).get("state").asString()).isEqualTo("DONE");
        } finally {
            jdbc.sql("delete from policy_simulation where id = ?").param(oldestRunning).update();
        }
    }

    /** A simulation as an earlier run left it, started {@code minutes} after {@code startedAt}. */
    private UUID storedSimulation(String draft, String state, String startedAt, int minutes) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into policy_simulation (id, version_id, candidate, baseline, currency, population, requested_by,
                                               state, total, processed, started_at, updated_at, finished_at)
                values (?, cast(? as uuid), 'candidate', 'baseline', 'EUR', '{"last": 3}', 'analyst', ?, 3, 3,
                        cast(? as timestamptz) + make_interval(mins => ?), now(), now())""")
                .params(id, draft, state, startedAt, minutes).update();
        return id;
    }

    @Test
    void refuses_a_simulation_without_a_single_population_or_for_an_unknown_version() {
        String draft = draft();
        Response none = post(simulations(draft), ANALYST, "{}");
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.body().get("detail").asString()).contains("choose one population");
        assertThat(post(simulations(draft), ANALYST, "{\"last\": 10, \"portfolio\": true}").status()).isEqualTo(400);
        assertThat(post(simulations(draft), ANALYST, "{\"from\": \"2026-02-01\", \"to\": \"2026-01-01\"}").status())
                .isEqualTo(400);
        assertThat(post(simulations(draft), ANALYST, "{\"last\": 0}").status()).isEqualTo(400);
        assertThat(post(simulations(UUID.randomUUID().toString()), ANALYST, "{\"last\": 1}").status()).isEqualTo(404);
        assertThat(get(simulations(draft) + "/" + UUID.randomUUID(), ANALYST).status()).isEqualTo(404);
    }

    @Test
    void only_finance_staff_run_simulations() {
        String draft = draft();
        assertThat(post(simulations(draft), ORDER_SYSTEM, "{\"last\": 1}").status()).isEqualTo(403);
        assertThat(post(simulations(draft), DUNNING_ENGINE, "{\"last\": 1}").status()).isEqualTo(403);
        assertThat(post(simulations(draft), null, "{\"last\": 1}").status()).isEqualTo(401);
        Response started = post(simulations(draft), ADMIN, "{\"last\": 1}");
        assertThat(started.status()).isEqualTo(202);
        assertThat(get(started.location(), ORDER_SYSTEM).status()).isEqualTo(403);
        assertThat(pollUntilFinished(started.location()).get("state").asString()).isEqualTo("DONE");
    }

    private String draft() {
        synchronized (PolicySimulationTests.class) {
            if (draftId == null) {
                PolicyFixtures policy = PolicyFixtures.copyOfShippedPolicy(directory)
                        .setCell(LIMITS, "CreditLimits", "C15", "100000");
                Response uploaded = upload(policy.tables().resolve(LIMITS));
                assertThat(uploaded.status()).as(uploaded.text()).isEqualTo(201);
                draftId = uploaded.body().get("id").asString();
            }
            return draftId;
        }
    }

    private static String simulations(String versionId) {
        return "/api/v1/policies/versions/" + versionId + "/simulations";
    }

    private String activeVersion() {
        return get("/api/v1/policies/active", ANALYST).body().get("version").asString();
    }

    private static String order(String amount) {
        return """
                {"requestId": "%s",
                 "customer": {"registrationNumber": "402202006", "name": "Atelier Moreau SARL", "country": "FR",
                              "customerSince": "2021-03-01", "paymentTermsDays": 45},
                 "order": {"amount": %s, "currency": "EUR"},
                 "exposure": {"openReceivables": 32000, "overdue": 0, "ordersBacklog": 5000},
                 "paymentHistory": {"averageDaysLate": 4, "openDisputes": 0}}
                """.formatted(newRequestId(), amount);
    }

    /** Asks for a decision with the active policy; returns its id. */
    private String decide(String order) {
        Response response = post("/api/v1/credit-decisions", ORDER_SYSTEM, order);
        assertThat(response.status()).as(response.text()).isEqualTo(201);
        return response.body().get("decisionId").asString();
    }

    private JsonNode pollUntilFinished(String location) {
        return pollUntil(location, job -> !job.get("state").asString().equals("RUNNING"));
    }

    private JsonNode pollUntil(String location, java.util.function.Predicate<JsonNode> reached) {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            Response response = get(location, ANALYST);
            assertThat(response.status()).as(response.text()).isEqualTo(200);
            if (reached.test(response.body())) {
                return response.body();
            }
            assertThat(response.body().get("percent").asInt()).isBetween(0, 100);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("simulation " + location + " still not there after 120 s");
    }

    private static JsonNode segment(JsonNode summary, String name) {
        return summary.get("bySegment").valueStream().filter(s -> s.get("segment").asString().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no segment " + name + " in " + summary));
    }

    private static JsonNode change(JsonNode changes, String decisionId) {
        return changes.valueStream().filter(c -> c.get("decisionId").asString().equals(decisionId)).findFirst()
                .orElseThrow(() -> new AssertionError("decision " + decisionId + " is not among the changes " + changes));
    }

    private static List<String> ruleNames(JsonNode reasons) {
        List<String> names = new ArrayList<>();
        reasons.forEach(reason -> names.add(reason.get("ruleName").asString()));
        return names;
    }

    private Response upload(Path file) {
        String boundary = "arbiter-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\""
                    + file.getFileName() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(Files.readAllBytes(file));
            body.writeBytes(("\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"comment\"\r\n\r\n"
                    + "SME class A: 150000 -> 100000\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return send(HttpRequest.newBuilder(uri("/api/v1/policies/drafts"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())), ANALYST);
    }
}
