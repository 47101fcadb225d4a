package io.arbiter.policy.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

import org.drools.io.ByteArrayResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kie.api.io.ResourceType;
import org.kie.api.runtime.KieSession;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderFactory;

import io.arbiter.policy.PolicyProblem.Severity;

import io.arbiter.policy.Applicant;
import io.arbiter.policy.PolicyEngine;
import io.arbiter.policy.PolicyProblem;
import io.arbiter.policy.ScoreCard;
import io.arbiter.policy.compile.DecisionTableReader;
import io.arbiter.policy.compile.PolicyFile;
import io.arbiter.policy.compile.RuleSource;
import io.arbiter.policy.PolicyFixtures;

/** Gaps, conflicting overlaps and unreachable rows found in small tables, reported where finance staff will look. */
class TableAnalysisTests {

    @TempDir
    Path directory;

    /** A scoring table on seniority: rule rows start at line 10. */
    private static List<PolicyProblem> seniority(String ruleTableRow, String... rows) {
        List<String> lines = new ArrayList<>(List.of(
                "RuleSet,arbiter.scoring",
                "Import,io.arbiter.policy.Applicant",
                "Variables,io.arbiter.policy.ScoreCard score",
                ",",
                ruleTableRow,
                "CONDITION,CONDITION,ACTION,DESCRIPTION",
                "Applicant,Applicant,,",
                "seniorityMonths >= $param,seniorityMonths < $param,\"score.add(\"\"SENIORITY\"\", $param);\",",
                "From,Below,Points,Description"));
        lines.addAll(List.of(rows));
        return analyse(lines);
    }

    private static List<PolicyProblem> analyse(List<String> lines) {
        byte[] csv = String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
        return TableAnalysis.analyse(DecisionTableReader.read(new PolicyFile("seniority.drl.csv", csv)));
    }

    @Test
    void a_gap_is_reported_as_the_missing_range_across_the_rule_rows() {
        List<PolicyProblem> items = seniority("RuleTable Seniority", "0,6,0,new", "12,24,5,established", "24,,10,long-standing");

        assertThat(items).singleElement().satisfies(item -> {
            assertThat(item.severity()).isEqualTo(Severity.ERROR);
            assertThat(item.file()).isEqualTo("seniority.drl.csv");
            assertThat(item.cell()).isEqualTo("A10:D12");
            assertThat(item.message()).isEqualTo("RuleTable Seniority: no row covers seniorityMonths 6–11");
        });
    }

    @Test
    void a_gap_across_two_fields_names_both_ranges_and_adjacent_gaps_are_merged() {
        List<PolicyProblem> items = analyse(List.of(
                "RuleSet,arbiter.segmentation",
                "Import,io.arbiter.policy.Applicant",
                "Variables,io.arbiter.policy.SegmentationResult segmentation",
                ",",
                "RuleTable Segments",
                "CONDITION,CONDITION,CONDITION,ACTION",
                "Applicant,Applicant,Applicant,",
                "seniorityMonths >= $param,seniorityMonths < $param,turnover < $param,\"segmentation.segment(\"\"$param\"\");\"",
                "From,Below,Turnover below,Segment",
                "0,12,,NEW_CUSTOMER",
                "12,18,50000000,SME",
                "18,24,50000000,SME",
                "24,,,KEY_ACCOUNT"));

        assertThat(items).extracting(PolicyProblem::message).containsExactly(
                "RuleTable Segments: no row covers seniorityMonths 12–23 and turnover ≥ 50,000,000");
    }

    @Test
    void a_missing_value_of_a_yes_no_field_is_a_gap() {
        List<PolicyProblem> items = analyse(List.of(
                "RuleSet,arbiter.scoring",
                "Import,io.arbiter.policy.Applicant",
                "Variables,io.arbiter.policy.ScoreCard score",
                ",",
                "RuleTable Bureau",
                "CONDITION,ACTION",
                "Applicant,",
                "bureauDataAvailable == $param,\"score.add(\"\"BUREAU\"\", $param);\"",
                "Report?,Points",
                "true,10"));

        assertThat(items).extracting(PolicyProblem::message).containsExactly("RuleTable Bureau: no row covers bureauDataAvailable = false");
    }

    @Test
    void two_rows_matching_the_same_input_with_different_results_are_named_by_their_cell_ranges() {
        List<PolicyProblem> items = seniority("RuleTable Seniority", "0,12,0,new", "6,,10,established");

        assertThat(items).singleElement().satisfies(item -> {
            assertThat(item.severity()).isEqualTo(Severity.ERROR);
            assertThat(item.cell()).isEqualTo("A10:D10");
            assertThat(item.message()).isEqualTo("RuleTable Seniority: rows A10:D10 and A11:D11 both match"
                    + " seniorityMonths 6–11 and give different Points: 0 vs 10");
        });
    }

    @Test
    void rows_that_overlap_with_the_same_result_are_not_a_conflict() {
        assertThat(seniority("RuleTable Seniority", "0,12,5,new", "6,,5,established")).isEmpty();
    }

    @Test
    void a_row_whose_inputs_are_all_taken_by_higher_priority_rows_of_its_activation_group_is_unreachable() {
        List<PolicyProblem> items = analyse(List.of(
                "RuleSet,arbiter.scoring",
                "Import,io.arbiter.policy.Applicant",
                "Variables,io.arbiter.policy.ScoreCard score",
                ",",
                "RuleTable Seniority",
                "CONDITION,CONDITION,ACTION,ACTIVATION-GROUP,PRIORITY",
                "Applicant,Applicant,,,",
                "seniorityMonths >= $param,seniorityMonths < $param,\"score.add(\"\"SENIORITY\"\", $param);\",,",
                "From,Below,Points,Group,Priority",
                "12,24,5,seniority,10",
                "0,,0,seniority,20",
                "24,,10,seniority,5"));

        assertThat(items).extracting(PolicyProblem::severity, PolicyProblem::cell, PolicyProblem::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Severity.WARNING, "A10:E10", "RuleTable Seniority: row 10 is unreachable:"
                        + " every input it matches is taken first by higher-priority row(s) 11 of activation group 'seniority'"),
                org.assertj.core.groups.Tuple.tuple(Severity.WARNING, "A12:E12", "RuleTable Seniority: row 12 is unreachable:"
                        + " every input it matches is taken first by higher-priority row(s) 11 of activation group 'seniority'"));
    }

    @Test
    void without_priorities_the_first_row_of_an_activation_group_wins_as_drools_fires_it() {
        String csv = String.join("\n", "RuleSet,arbiter.scoring", "Import,io.arbiter.policy.Applicant",
                "Variables,io.arbiter.policy.ScoreCard score", ",", "RuleTable Seniority",
                "CONDITION,ACTION,ACTIVATION-GROUP", "Applicant,,",
                "seniorityMonths >= $param,\"score.add(\"\"SENIORITY\"\", $param);\",", "From,Points,Group",
                "0,1,seniority", "0,2,seniority");
        RuleSource source = DecisionTableReader.read(new PolicyFile("seniority.drl.csv", csv.getBytes(StandardCharsets.UTF_8))).getFirst();
        KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder();
        builder.add(new ByteArrayResource(source.drl().getBytes(StandardCharsets.UTF_8)), ResourceType.DRL);
        KieSession session = builder.newKieBase().newKieSession();
        ScoreCard card = new ScoreCard();
        session.setGlobal("score", card);
        session.insert(Applicant.builder().seniorityMonths(10).build());
        session.fireAllRules();
        session.dispose();

        assertThat(card.toScore().total()).isEqualTo(1);
        assertThat(TableAnalysis.analyse(List.of(source))).singleElement()
                .satisfies(item -> assertThat(item.message()).contains("row 11 is unreachable").contains("row(s) 10 of"));
    }

    @Test
    void a_row_that_no_input_can_match_is_a_warning() {
        List<PolicyProblem> items = seniority("RuleTable Seniority", "0,,0,all", "24,12,5,never");

        assertThat(items).singleElement().satisfies(item -> {
            assertThat(item.severity()).isEqualTo(Severity.WARNING);
            assertThat(item.cell()).isEqualTo("A11:D11");
            assertThat(item.message()).contains("row 11 matches no possible input");
        });
    }

    @Test
    void a_table_that_declares_its_gaps_allowed_reports_them_as_allowed_and_says_by_which_cell() {
        List<PolicyProblem> items = seniority("RuleTable Seniority,Allow gaps: new customers are scored by hand",
                "0,6,0,new", "12,,5,established");

        assertThat(items).singleElement().satisfies(item -> {
            assertThat(item.severity()).isEqualTo(Severity.INFO);
            assertThat(item.message()).isEqualTo("RuleTable Seniority: no row covers seniorityMonths 6–11 (allowed by"
                    + " 'Allow gaps: new customers are scored by hand' in B5)");
        });
    }

    @Test
    void a_table_that_declares_its_overlaps_allowed_reports_them_as_allowed() {
        List<PolicyProblem> items = seniority("RuleTable Seniority,Allow overlaps", "0,12,0,new", "6,,10,established");

        assertThat(items).singleElement().satisfies(item -> {
            assertThat(item.severity()).isEqualTo(Severity.INFO);
            assertThat(item.message()).endsWith("(allowed by 'Allow overlaps' in B5)");
        });
    }

    @Test
    void a_column_the_analysis_cannot_read_is_an_info_item_and_never_makes_rows_overlap() {
        List<PolicyProblem> items = analyse(List.of(
                "RuleSet,arbiter.scoring",
                "Import,io.arbiter.policy.Applicant",
                "Variables,io.arbiter.policy.ScoreCard score",
                ",",
                "RuleTable Country",
                "CONDITION,CONDITION,ACTION",
                "Applicant,Applicant,",
                "\"registrationNumber.startsWith(\"\"$param\"\")\",seniorityMonths >= $param,\"score.add(\"\"COUNTRY\"\", $param);\"",
                "Prefix,From,Points",
                "40,0,5",
                "50,0,3"));

        assertThat(items).singleElement().satisfies(item -> {
            assertThat(item.severity()).isEqualTo(Severity.INFO);
            assertThat(item.cell()).isEqualTo("A8");
            assertThat(item.message()).startsWith("RuleTable Country: column Prefix is not analysed");
        });
    }

    @Test
    void many_gaps_are_listed_up_to_a_limit_and_the_rest_counted() {
        List<String> rows = new ArrayList<>();
        for (int from = 0; from < 60; from += 2) {
            rows.add(from + "," + (from + 1) + ",1,row");
        }
        rows.add("60,,1,rest");

        List<PolicyProblem> items = seniority("RuleTable Seniority", rows.toArray(String[]::new));

        assertThat(items).hasSize(TableAnalysis.LISTED + 1).allMatch(PolicyProblem::isError);
        assertThat(items.getFirst().message()).endsWith("no row covers seniorityMonths = 1");
        assertThat(items.getLast().message()).endsWith("20 more gap(s) not listed");
    }

    @Test
    void credit_limits_must_cover_every_segment_segmentation_gives_and_every_risk_class() {
        PolicyFixtures policy = PolicyFixtures.copyOfShippedPolicy(directory)
                .removeRow("credit-limits.drl.xlsx", "CreditLimits", 22); // MICRO, class C

        PolicyEngine.Loaded loaded = PolicyEngine.load(policy.tables(), policy.rules(), Currency.getInstance("EUR"));

        assertThat(loaded.policy().analysis()).filteredOn(item -> item.severity() == Severity.ERROR).singleElement().satisfies(item -> {
            assertThat(item.severity()).isEqualTo(Severity.ERROR);
            assertThat(item.toString()).isEqualTo("credit-limits.drl.xlsx!CreditLimits!A10:F33: RuleTable CreditLimits:"
                    + " no row covers Segment.name = MICRO and Rating.riskClass = C");
        });
    }

    @Test
    void the_shipped_tables_have_no_gap_no_conflicting_overlap_and_no_unreachable_row() {
        PolicyEngine.Loaded loaded = PolicyEngine.load(Path.of("decision-tables"), Path.of("rules"), Currency.getInstance("EUR"));

        assertThat(loaded.policy().analysis()).filteredOn(item -> !item.file().equals("escalation.drl.xlsx")).isEmpty();
        // Escalation steps overlap by design (every step whose day has come matches; dunning acts on the highest), and
        // the table says so: its overlaps are reported as allowed, never as errors.
        assertThat(loaded.policy().analysis()).filteredOn(item -> item.file().equals("escalation.drl.xlsx"))
                .isNotEmpty().allMatch(item -> item.severity() == Severity.INFO)
                .anyMatch(item -> item.message().contains("allowed by 'Allow overlaps"));
    }
}
