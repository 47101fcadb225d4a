package io.arbiter.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arbiter.ApiTest;
import io.arbiter.ledger.LedgerFixtures;
import io.arbiter.policy.PolicyFixtures;
import tools.jackson.databind.JsonNode;

/**
 * Issue 21, "one way to build an Applicant from the ledger": a credit manager simulating a draft on the whole
 * portfolio sees a customer never decided in the segment and class that dunning rates it with and that its first
 * credit decision gives, its ledger payment history included. Worked example with the shipped tables, for a customer
 * since 2015 that paid its one invoice of the year on its due date and that no bureau knows (the sandbox knows only its
 * sample companies): no bureau report 12 + pays on time 25 + customer for 5 years or more 15 + no open dispute 10 +
 * payment incidents unknown 5 = 67, class B; read without its history ("no payment history with us yet", 12) it would
 * be 54, class C. Turnover unknown, customer for 6 months or more: MICRO. The draft lowers MICRO class B's internal
 * limit from 15,000 to 12,000 (CreditLimits!C21), so the customer's row shows only if the simulation rates it B.
 */
class NeverDecidedSimulationTests extends ApiTest {

    private static final String LIMITS = "credit-limits.drl.xlsx";

    @TempDir
    Path directory;

    @Test
    void portfolio_simulation_rates_a_company_never_decided_as_dunning_and_its_first_decision_do() throws IOException {
        String siren = LedgerFixtures.siren();
        String account = new LedgerFixtures(jdbc).customerPayingOnTime(siren);
        LocalDate today = LocalDate.now();
        String draft = draft();

        JsonNode dunned = next(account, today);
        List<String> row = portfolioRow(draft, siren);
        Response decided = post("/api/v1/credit-decisions", ORDER_SYSTEM, """
                {"requestId": "%s",
                 "customer": {"registrationNumber": "%s", "name": "Négoce", "country": "FR",
                              "customerSince": "2015-01-01", "paymentTermsDays": 30, "publicSector": false},
                 "order": {"amount": 2000, "currency": "EUR"}}""".formatted(newRequestId(), siren));

        assertThat(decided.status()).as(decided.text()).isEqualTo(201);
        JsonNode decision = decided.body();
        assertThat(decision.get("score").asInt()).as(decision.get("scorePoints").toString()).isEqualTo(67);
        assertThat(decision.get("segment").asString()).isEqualTo("MICRO");
        assertThat(decision.get("riskClass").asString()).isEqualTo("B");
        assertThat(dunned.get("riskClass").asString()).isEqualTo("B");
        assertThat(dunned.get("dunningPlan").asString()).isEqualTo(decision.get("dunningPlan").asString());
        assertThat(row).as("the simulation's row for %s", siren).isNotEmpty();
        // active_segment, candidate_segment, active_risk_class, candidate_risk_class, both granted limits, currency
        assertThat(row.subList(5, 13)).containsExactly("MICRO", "MICRO", "B", "B", "15000.00", "12000.00", "-3000.00",
                "EUR");
    }

    /** A draft lowering MICRO class B's internal limit from 15,000 to 12,000; returns its id. */
    private String draft() throws IOException {
        PolicyFixtures policy = PolicyFixtures.copyOfShippedPolicy(directory)
                .setCell(LIMITS, "CreditLimits", "C21", "12000");
        Response uploaded = uploadDraft(ANALYST, "MICRO class B: 15000 -> 12000",
                Map.of(LIMITS, Files.readAllBytes(policy.tables().resolve(LIMITS))), null);
        assertThat(uploaded.status()).as(uploaded.text()).isEqualTo(201);
        return uploaded.body().get("id").asString();
    }

    /** The columns of the portfolio simulation's changes.csv row for this company; empty when it did not change. */
    private List<String> portfolioRow(String draft, String siren) {
        String simulations = "/api/v1/policies/versions/" + draft + "/simulations";
        Response started = post(simulations, MANAGER, "{\"portfolio\": true}");
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        assertThat(pollUntilFinished(started.location()).get("state").asString()).isEqualTo("DONE");
        Response csv = get(started.location() + "/changes.csv", MANAGER);
        assertThat(csv.status()).isEqualTo(200);
        // The columns up to the currency hold no comma; the reasons after them are quoted.
        return csv.text().lines().map(line -> List.of(line.split(",", 14)))
                .filter(columns -> columns.size() > 13 && columns.get(1).equals(siren))
                .findFirst().orElse(List.of());
    }

    private JsonNode next(String account, LocalDate asOf) {
        Response response = post("/api/v1/dunning/next-actions", DUNNING_ENGINE,
                "{\"customer\": \"%s\", \"asOf\": \"%s\"}".formatted(account, asOf));
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.body();
    }

    private JsonNode pollUntilFinished(String location) {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            Response response = get(location, ANALYST);
            assertThat(response.status()).as(response.text()).isEqualTo(200);
            if (!response.body().get("state").asString().equals("RUNNING")) {
                return response.body();
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("simulation " + location + " still running after 120 s");
    }
}
