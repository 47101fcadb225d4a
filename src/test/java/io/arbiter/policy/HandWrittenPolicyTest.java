package io.arbiter.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Currency;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

/**
 * Keeps {@link HandWrittenPolicy}, the benchmark's floor, honest: on the same generated customers it must give exactly
 * the decisions of the shipped tables run by the pipeline.
 */
class HandWrittenPolicyTest {

    static final int CUSTOMERS = 10_000;

    @Test
    void hand_written_policy_gives_the_same_answers_as_the_tables_on_10000_customers() {
        CompiledPolicy policy = PolicyEngine.load(Path.of("decision-tables"), Path.of("rules"), Currency.getInstance("EUR"))
                .policy();
        Applicant[] applicants = GeneratedApplicants.generate(CUSTOMERS);

        Set<Outcome> outcomes = EnumSet.noneOf(Outcome.class);
        Set<String> segments = new TreeSet<>();
        Set<String> riskClasses = new TreeSet<>();
        Set<String> bindings = new TreeSet<>();
        Set<String> rules = new HashSet<>();
        for (Applicant applicant : applicants) {
            HandWrittenPolicy.Decision tables = decisionOf(Pipeline.evaluate(policy, applicant, Given.NOTHING));
            HandWrittenPolicy.Decision byHand = HandWrittenPolicy.evaluate(applicant);
            assertThat(byHand)
                    .as("%s%n  tables:       %s%n  hand-written: %s", applicant, tables, byHand)
                    .isEqualTo(tables);
            outcomes.add(tables.outcome());
            segments.add(tables.segment());
            riskClasses.add(tables.riskClass());
            bindings.add(tables.binding());
            rules.addAll(tables.firedRules());
        }

        assertThat(outcomes).as("outcomes covered").containsExactlyInAnyOrder(Outcome.values());
        assertThat(segments).as("segments covered")
                .containsExactlyInAnyOrder("PUBLIC_SECTOR", "NEW_CUSTOMER", "KEY_ACCOUNT", "SME", "MICRO");
        assertThat(riskClasses).as("risk classes covered").containsExactlyInAnyOrder("A", "B", "C", "D", "E");
        assertThat(bindings).as("binding limit terms covered").containsExactlyInAnyOrder("INTERNAL", "INSURER", "BUREAU");
        // The escalation tables are dunning's and the approval matrix the limit requests', not a credit decision's: HandWrittenPolicy copies the credit tables only.
        assertThat(rules).as("every credit rule of the shipped policy fired at least once")
                .containsAll(policy.reasons().entrySet().stream()
                        .filter(rule -> !rule.getKey().startsWith(Stage.ESCALATION.ruleSet() + "/")
                                && !rule.getKey().startsWith(Stage.APPROVAL.ruleSet() + "/"))
                        .map(rule -> rule.getValue().ruleName()).toList());
    }

    /** The pipeline's answer reduced to what the hand-written policy gives. */
    static HandWrittenPolicy.Decision decisionOf(PolicyEvaluation evaluation) {
        LimitComposition limit = evaluation.limit();
        List<String> fired = evaluation.reasons().stream().map(Reason::ruleName).toList();
        return new HandWrittenPolicy.Decision(evaluation.outcome(), evaluation.segment().name(),
                evaluation.segment().dunningPlan(), evaluation.score().points(), evaluation.score().total(),
                evaluation.riskClass(), limit.internal().amount(), limit.bureauFactor(), limit.reviewTolerancePercent(),
                limit.granted().amount(), limit.binding(), fired);
    }
}
