package io.arbiter.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arbiter.policy.compile.PolicyCompiler;
import io.arbiter.policy.compile.PolicyFile;

/** The limit composition and the outcome rules of docs/architecture.md §3, on the shipped tables. */
class PipelineTests {

    private static CompiledPolicy policy;

    @BeforeAll
    static void loadShippedPolicy() {
        policy = PolicyEngine.load(Path.of("decision-tables"), Path.of("rules"), Currency.getInstance("EUR")).policy();
    }

    /** An established SME (turnover 8.5 M€, 5 years) with a good bureau grade: class A, internal limit 150,000 €. */
    private static Applicant.Builder establishedSme() {
        return Applicant.builder().registrationNumber("402202006").seniorityMonths(60).turnover(8_500_000)
                .bureau(71, null, 0, false).paymentHistory(2, 0);
    }

    private static PolicyEvaluation evaluate(Applicant applicant) {
        return Pipeline.evaluate(policy, applicant, Given.NOTHING);
    }

    @Test
    void granted_limit_is_the_smallest_of_internal_insurer_and_bureau_terms() {
        PolicyEvaluation internalOnly = evaluate(establishedSme().build());
        PolicyEvaluation insured = evaluate(establishedSme().insurerCover(new BigDecimal("90000")).build());
        PolicyEvaluation bureau = evaluate(establishedSme().insurerCover(new BigDecimal("90000"))
                .bureau(71, new BigDecimal("60000"), 0, false).build());

        assertThat(internalOnly.limit().granted().amount()).isEqualByComparingTo("150000");
        assertThat(internalOnly.limit().binding()).isEqualTo("INTERNAL");
        assertThat(insured.limit().granted().amount()).isEqualByComparingTo("90000");
        assertThat(insured.limit().binding()).isEqualTo("INSURER");
        assertThat(bureau.limit().granted().amount()).isEqualByComparingTo("60000");
        assertThat(bureau.limit().binding()).isEqualTo("BUREAU");
    }

    @Test
    void exposure_counts_receivables_backlog_and_the_order_and_available_credit_is_before_the_order() {
        PolicyEvaluation evaluation = evaluate(establishedSme()
                .exposure(new BigDecimal("40000.10"), BigDecimal.ZERO, new BigDecimal("9999.90"))
                .orderAmount(new BigDecimal("25000")).build());

        assertThat(evaluation.exposure().amount()).isEqualByComparingTo("75000.00");
        assertThat(evaluation.availableCredit().amount()).isEqualByComparingTo("100000.00");
        assertThat(evaluation.outcome()).isEqualTo(Outcome.APPROVED);
    }

    @Test
    void an_order_reaching_exactly_the_limit_is_approved_and_one_cent_more_goes_to_review() {
        Applicant.Builder atLimit = establishedSme().exposure(new BigDecimal("100000"), BigDecimal.ZERO, BigDecimal.ZERO);

        assertThat(evaluate(atLimit.orderAmount(new BigDecimal("50000")).build()).outcome()).isEqualTo(Outcome.APPROVED);
        assertThat(evaluate(atLimit.orderAmount(new BigDecimal("50000.01")).build()).outcome()).isEqualTo(Outcome.REVIEW);
        assertThat(evaluate(atLimit.orderAmount(new BigDecimal("65000")).build()).outcome()).isEqualTo(Outcome.REVIEW);
        assertThat(evaluate(atLimit.orderAmount(new BigDecimal("65000.01")).build()).outcome()).isEqualTo(Outcome.REJECTED);
    }

    @Test
    void half_the_receivables_overdue_sends_even_a_small_order_to_review() {
        PolicyEvaluation evaluation = evaluate(establishedSme()
                .exposure(new BigDecimal("10000"), new BigDecimal("5000"), BigDecimal.ZERO)
                .orderAmount(new BigDecimal("100")).build());

        assertThat(evaluation.outcome()).isEqualTo(Outcome.REVIEW);
        assertThat(evaluation.reasons()).extracting(Reason::ruleName).contains("Half of receivables overdue");
    }

    @Test
    void rows_that_both_match_and_disagree_send_the_decision_to_a_person(@TempDir Path directory) throws IOException {
        // Every bureau-grade row now matches any grade: rows 10 (40 points) and 11 (30 points) disagree.
        PolicyFixtures overlapping = PolicyFixtures.copyOfShippedPolicy(directory)
                .setCell("scoring.drl.xlsx", "Scoring", "B8", "$param >= 0");
        List<PolicyFile> files = new ArrayList<>();
        for (Path folder : List.of(overlapping.tables(), overlapping.rules())) {
            try (Stream<Path> paths = Files.list(folder)) {
                paths.sorted().forEach(path -> files.add(PolicyFile.read(path)));
            }
        }
        CompiledPolicy compiled = PolicyCompiler.compile(files, Currency.getInstance("EUR"));

        PolicyEvaluation evaluation = Pipeline.evaluate(compiled, establishedSme().orderAmount(BigDecimal.TEN).build(), Given.NOTHING);

        assertThat(evaluation.outcome()).isEqualTo(Outcome.REVIEW);
        assertThat(evaluation.score().points()).containsEntry("BUREAU_GRADE", 40);
        assertThat(evaluation.reasons()).anySatisfy(reason -> {
            assertThat(reason.ruleName()).isEqualTo("CONFLICT");
            assertThat(reason.description()).contains("BUREAU_GRADE points");
        });
    }

    @Test
    void a_segment_the_limit_table_does_not_know_goes_to_a_person_with_a_reason() {
        PolicyEvaluation evaluation = Pipeline.evaluate(policy, establishedSme().orderAmount(BigDecimal.TEN).build(),
                new Given("FRANCHISEE", null));

        assertThat(evaluation.outcome()).isEqualTo(Outcome.REVIEW);
        assertThat(evaluation.limit().granted().amount()).isEqualByComparingTo("0");
        assertThat(evaluation.reasons()).anySatisfy(reason -> {
            assertThat(reason.ruleName()).isEqualTo("NO_LIMIT");
            assertThat(reason.description()).contains("FRANCHISEE").contains("A person must review");
        });
    }

    @Test
    void a_drl_rule_named_without_double_quotes_is_reported_by_its_name_when_it_fires(@TempDir Path directory)
            throws IOException {
        // DRL also accepts a rule name as a bare word or in single quotes: both must name the rule in the reasons.
        PolicyFixtures renamed = PolicyFixtures.copyOfShippedPolicy(directory);
        String drl = Files.readString(renamed.rules().resolve("hard-stops.drl"))
                .replace("rule \"Insolvency proceedings\"", "rule InsolvencyProceedings")
                .replace("rule \"Ceased company\"", "rule 'Ceased company'");
        renamed.write("rules", "hard-stops.drl", drl.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        CompiledPolicy compiled = PolicyEngine.load(renamed.tables(), renamed.rules(), Currency.getInstance("EUR")).policy();

        PolicyEvaluation insolvent = Pipeline.evaluate(compiled, establishedSme().companyStatus("INSOLVENCY_PROCEEDINGS")
                .orderAmount(BigDecimal.TEN).build(), Given.NOTHING);
        PolicyEvaluation ceased = Pipeline.evaluate(compiled, establishedSme().companyStatus("CEASED")
                .orderAmount(BigDecimal.TEN).build(), Given.NOTHING);

        assertThat(insolvent.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(insolvent.reasons()).anySatisfy(reason -> {
            assertThat(reason.table()).isEqualTo("hard-stops.drl");
            assertThat(reason.ruleName()).isEqualTo("InsolvencyProceedings");
            assertThat(reason.description()).contains("insolvency proceedings");
        });
        assertThat(ceased.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(ceased.reasons()).extracting(Reason::ruleName).contains("Ceased company");
    }
}
