package io.arbiter.dunning.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.arbiter.dunning.DunningProperties;
import io.arbiter.dunning.cases.CustomerCase;
import io.arbiter.dunning.letters.DunningTemplates;
import io.arbiter.policy.ActivePolicy;
import io.arbiter.policy.Applicant;
import io.arbiter.policy.DunningCase;
import io.arbiter.policy.DunningProfile;
import io.arbiter.policy.Escalation;
import io.arbiter.policy.EscalationStep;
import io.arbiter.policy.Reason;
import io.arbiter.shared.ProblemException;

/**
 * One dunning answer, one policy version. A publish swaps the engine's snapshot at any moment, and the planner asks
 * the engine several questions per customer (the plan and risk class, then the escalation rows), so a publish landing
 * between two of them used to give one version's plan and version label with the other version's steps. These tests
 * publish in the middle of an assessment through a stand-in for the engine and check the answer is all of one version.
 */
class DunningPlannerTests {

    private static final LocalDate TODAY = LocalDate.of(2026, 3, 17);
    private static final ActivePolicy A = version("A");
    private static final ActivePolicy B = version("B");

    /** The engine as it answers while version B is published right after it gave the customer's profile. */
    private static final class PublishedMidway implements DunningRules {
        ActivePolicy serving = A;
        int reads;
        int publishes;
        int publishesLeft = 1;

        @Override
        public ActivePolicy active() {
            reads++;
            return serving;
        }

        @Override
        public DunningProfile profile(Applicant applicant) {
            DunningProfile profile = new DunningProfile(serving.version(), "SME", "B");
            if (publishesLeft > 0) {
                publishesLeft--;
                publishes++;
                serving = serving == A ? B : A;
            }
            return profile;
        }

        @Override
        public Escalation escalation(DunningCase dunningCase) {
            // Version A reminds by email; version B calls: which step is proposed tells the version it came from.
            EscalationStep step = serving == A
                    ? new EscalationStep(1, 0, "REMINDER", "EMAIL", "reminder", false, "COLLECTOR", reason(serving))
                    : new EscalationStep(1, 0, "CALL", "PHONE", "call", false, "COLLECTOR", reason(serving));
            return new Escalation(serving.version(), dunningCase, List.of(step), List.of());
        }
    }

    @Test
    void a_version_published_during_an_assessment_does_not_mix_into_its_answer() {
        PublishedMidway engine = new PublishedMidway();
        DunningPlanner planner = planner(engine);

        DunningPlanner.Assessment assessment = planner.onOneVersion(active -> planner.assess(active, overdueCase(),
                TODAY, null, null, List.of(), facts()));

        // Before, the answer said version A (from the profile) and proposed B's CALL (from the escalation read after
        // the publish). Now the assessment notices B answered and is made again, whole, on B.
        assertThat(engine.publishes).isEqualTo(1);
        assertThat(assessment.policyVersion()).isEqualTo("B");
        assertThat(assessment.proposed()).extracting(DunningPlanner.Proposed::action).containsExactly("CALL");
        assertThat(assessment.proposed()).allSatisfy(p -> assertThat(p.reason().table()).isEqualTo("B"));
    }

    @Test
    void an_assessment_reads_the_active_policy_once() {
        PublishedMidway engine = new PublishedMidway();
        engine.publishesLeft = 0;
        DunningPlanner planner = planner(engine);

        DunningPlanner.Assessment assessment = planner.onOneVersion(active -> {
            planner.standing(overdueCase(), TODAY, active);
            return planner.assess(active, overdueCase(), TODAY, null, null, List.of(), facts());
        });

        // Before, the standing, the version label and the escalation's overdue amount each read the active policy.
        assertThat(engine.reads).isEqualTo(1);
        assertThat(assessment.policyVersion()).isEqualTo("A");
        assertThat(assessment.proposed()).extracting(DunningPlanner.Proposed::action).containsExactly("REMINDER");
    }

    @Test
    void publishes_in_a_row_during_every_attempt_ask_the_caller_to_retry_rather_than_mix_versions() {
        PublishedMidway engine = new PublishedMidway();
        engine.publishesLeft = Integer.MAX_VALUE;
        DunningPlanner planner = planner(engine);

        assertThatThrownBy(() -> planner.onOneVersion(active -> planner.assess(active, overdueCase(), TODAY, null,
                null, List.of(), facts())))
                .isInstanceOf(ProblemException.class)
                .satisfies(e -> assertThat(((ProblemException) e).toProblemDetail().getStatus()).isEqualTo(503));
        assertThat(engine.publishes).isEqualTo(3);
    }

    @Test
    void a_broken_promise_moves_to_the_first_step_even_an_invoice_it_covered_before_it_fell_due() {
        // A promise for all the customer's invoices, broken weeks ago; one invoice was not yet due then, nor is now
        // (it once failed the whole agenda with a NullPointerException).
        Escalator.Item overdue = new Escalator.Item("E1|F-1", null, "E1", "F-1", TODAY.minusDays(90), TODAY.minusDays(60),
                new BigDecimal("1200.00"), "EUR", null);
        Escalator.Item later = new Escalator.Item("E1|F-2", null, "E1", "F-2", TODAY.minusDays(5), TODAY.plusDays(25),
                new BigDecimal("800.00"), "EUR", null);
        Reason reason = new Reason("v1", null, null, "ESCALATION", "reminder at 5 days");
        EscalationStep reminder = new EscalationStep(1, 5, "REMINDER", "EMAIL", "reminder", false, "AUTO", reason);
        Escalator.PromiseView broken = new Escalator.PromiseView(TODAY.minusDays(40), null, "BROKEN", java.util.Set.of());

        Escalator.Result result = Escalator.propose(List.of(overdue, later), List.of(reminder), List.of(broken), List.of(),
                TODAY, 3);

        assertThat(result.proposals()).singleElement().satisfies(p -> assertThat(p.invoices()).containsExactly(overdue, later));
    }

    /**
     * Issue 20, LME terms as a fact: Code de commerce L441-10 I allows at most 60 days from the invoice date or 45 days
     * end of month (DGCCRF, "Délais de paiement entre entreprises"), a public body 30 days (Code de la commande publique
     * R2192-10). An invoice of 1 March 2026 due 13 July 2026 (134 days) makes the customer's
     * {@code termsBeyondLegalMaximum} fact true for the policy; one of 15 March due 30 April (45 days end of month) does
     * not, except for a public body, whose 30 days it exceeds.
     */
    @Test
    void terms_beyond_the_legal_maximum_are_a_fact_of_the_customer_the_policy_sees() {
        DunningPlanner planner = planner(new PublishedMidway());
        Escalator.Item endOfMonth = new Escalator.Item("E1|F-1", null, "E1", "F-1", LocalDate.of(2026, 3, 15),
                LocalDate.of(2026, 4, 30), new BigDecimal("1200.00"), "EUR", null);
        Escalator.Item longTerms = new Escalator.Item("E1|F-2", null, "E1", "F-2", LocalDate.of(2026, 3, 1),
                LocalDate.of(2026, 7, 13), new BigDecimal("800.00"), "EUR", null);

        assertThat(planner.standing(customer(false, endOfMonth), TODAY, A).termsBeyondLegalMaximum()).isFalse();
        assertThat(planner.standing(customer(false, endOfMonth, longTerms), TODAY, A).termsBeyondLegalMaximum()).isTrue();
        assertThat(planner.standing(customer(true, endOfMonth), TODAY, A).termsBeyondLegalMaximum()).isTrue();
    }

    private static CustomerCase customer(boolean publicBody, Escalator.Item... items) {
        return new CustomerCase("C-2", null, publicBody ? "Commune de Lyon" : "Atelier Martin", "552100554", null, null,
                "FR", publicBody, null, LocalDate.of(2015, 1, 1), 30, List.of(items), List.of(), null, List.of());
    }

    private static DunningPlanner planner(DunningRules engine) {
        DunningProperties properties = new DunningProperties(null, Duration.ofDays(3), "Arbiter", Map.of(), null, Map.of());
        return new DunningPlanner(engine, properties, new DunningTemplates(properties));
    }

    private static CustomerCase overdueCase() {
        Escalator.Item invoice = new Escalator.Item("E1|F-1", null, "E1", "F-1", TODAY.minusDays(40),
                TODAY.minusDays(10), new BigDecimal("1200.00"), "EUR", null);
        return new CustomerCase("C-1", null, "Atelier Martin", "552100554", null, null, "FR", false, null,
                LocalDate.of(2015, 1, 1), 30, List.of(invoice), List.of(), null, List.of());
    }

    private static Applicant facts() {
        return Applicant.builder().registrationNumber("552100554").country("FR").companyStatus("ACTIVE").build();
    }

    private static ActivePolicy version(String version) {
        return new ActivePolicy(UUID.randomUUID(), version, Instant.EPOCH, "EUR", List.of(), List.of(), List.of());
    }

    private static Reason reason(ActivePolicy version) {
        return new Reason(version.version(), null, null, "ESCALATION", "step of version " + version.version());
    }
}
