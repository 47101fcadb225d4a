package io.arbiter.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Currency;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A broken policy is refused with every problem located where finance staff will look: file, sheet, cell. */
class PolicyLoadingTests {

    private static final Currency EUR = Currency.getInstance("EUR");

    @TempDir
    Path directory;

    private PolicyEngine.Loaded load(PolicyFixtures policy) {
        return PolicyEngine.load(policy.tables(), policy.rules(), EUR);
    }

    @Test
    void the_shipped_policy_loads_from_xlsx_csv_and_drl_and_all_its_scenarios_pass() {
        PolicyEngine.Loaded loaded = load(PolicyFixtures.copyOfShippedPolicy(directory));

        assertThat(loaded.policy().files()).extracting(PolicyFileSummary::name).containsExactly("approval-matrix.drl.xlsx",
                "credit-limits.drl.xlsx", "escalation.drl.xlsx", "hard-stops.drl", "risk-classes.drl.csv", "scoring.drl.xlsx", "segmentation.drl.xlsx");
        assertThat(loaded.scenarios()).hasSize(48).allMatch(ScenarioResult::passed);
        assertThat(loaded.scenarios()).extracting(ScenarioResult::file).contains("segmentation.drl.xlsx",
                "scoring.drl.xlsx", "credit-limits.drl.xlsx", "escalation.drl.xlsx", "approval-matrix.drl.xlsx");
    }

    @Test
    void a_word_where_points_are_expected_is_reported_at_its_cell() {
        PolicyFixtures policy = PolicyFixtures.copyOfShippedPolicy(directory)
                .setCell("scoring.drl.xlsx", "Scoring", "D10", "forty");

        PolicyLoadException e = catchThrowableOfType(PolicyLoadException.class, () -> load(policy));

        assertThat(e.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.file()).isEqualTo("scoring.drl.xlsx");
            assertThat(problem.sheet()).isEqualTo("Scoring");
            assertThat(problem.cell()).isEqualTo("D10");
            assertThat(problem.message()).contains("BureauGrade_10").contains("forty");
        });
        assertThat(e.getMessage()).contains("scoring.drl.xlsx!Scoring!D10");
    }

    @Test
    void an_unknown_field_in_a_constraint_is_reported_at_its_header_row() {
        PolicyFixtures policy = PolicyFixtures.copyOfShippedPolicy(directory)
                .setCell("segmentation.drl.xlsx", "Segmentation", "D8", "turnovr >= $param");

        PolicyLoadException e = catchThrowableOfType(PolicyLoadException.class, () -> load(policy));

        assertThat(e.problems()).isNotEmpty().allSatisfy(problem -> {
            assertThat(problem.file()).isEqualTo("segmentation.drl.xlsx");
            assertThat(problem.sheet()).isEqualTo("Segmentation");
            assertThat(problem.message()).contains("turnovr");
        });
    }

    @Test
    void a_rule_set_that_is_no_stage_of_the_pipeline_is_reported_at_its_cell() {
        PolicyFixtures policy = PolicyFixtures.copyOfShippedPolicy(directory)
                .setCell("credit-limits.drl.xlsx", "CreditLimits", "B1", "arbiter.limits");

        PolicyLoadException e = catchThrowableOfType(PolicyLoadException.class, () -> load(policy));

        assertThat(e.problems()).anySatisfy(problem -> {
            assertThat(problem.toString()).startsWith("credit-limits.drl.xlsx!CreditLimits!B1: RuleSet 'arbiter.limits'");
            assertThat(problem.message()).contains("arbiter.creditlimit");
        });
    }

    @Test
    void a_failing_scenario_names_its_row_its_cell_and_what_differed() {
        PolicyFixtures policy = PolicyFixtures.copyOfShippedPolicy(directory)
                .setCell("segmentation.drl.xlsx", "Tests", "E4", "SME");

        PolicyLoadException e = catchThrowableOfType(PolicyLoadException.class, () -> load(policy));

        assertThat(e.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.toString()).startsWith("segmentation.drl.xlsx!Tests!E4: scenario 'Large food retailer' (row 4)");
            assertThat(problem.message()).contains("segment expected SME but was KEY_ACCOUNT").contains("Segments_12");
        });
    }

    @Test
    void a_scenario_column_that_is_neither_input_nor_output_is_reported() {
        PolicyFixtures policy = PolicyFixtures.copyOfShippedPolicy(directory)
                .setCell("segmentation.drl.xlsx", "Tests", "D1", "chiffre d'affaires");

        assertThatThrownBy(() -> load(policy)).isInstanceOf(PolicyLoadException.class)
                .hasMessageContaining("segmentation.drl.xlsx!Tests!D1: 'chiffre d'affaires' is neither an input");
    }

    @Test
    void a_structural_error_drools_reports_by_cell_is_also_located_on_its_sheet() {
        PolicyFixtures policy = PolicyFixtures.copyOfShippedPolicy(directory)
                .setCell("scoring.drl.xlsx", "Scoring", "A7", "bureauGrade >= $param");

        PolicyLoadException e = catchThrowableOfType(PolicyLoadException.class, () -> load(policy));

        assertThat(e.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.file()).isEqualTo("scoring.drl.xlsx");
            assertThat(problem.sheet()).isEqualTo("Scoring");
            assertThat(problem.cell()).isEqualTo("A7");
            assertThat(problem.message()).contains("object declarations");
        });
    }

    @Test
    void a_file_that_is_not_a_workbook_is_refused_by_name() {
        PolicyFixtures policy = PolicyFixtures.copyOfShippedPolicy(directory)
                .write("decision-tables", "pricing.drl.xlsx", "not a spreadsheet".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> load(policy)).isInstanceOf(PolicyLoadException.class)
                .hasMessageContaining("pricing.drl.xlsx: is not an Excel workbook");
    }

    @Test
    void drl_that_does_not_compile_is_reported_by_file_and_line() {
        PolicyFixtures policy = PolicyFixtures.copyOfShippedPolicy(directory).write("rules", "extra.drl", """
                package arbiter.hardstops;
                import io.arbiter.policy.Applicant;
                global io.arbiter.policy.HardStopResult stops;

                rule "Broken"
                when
                    Applicant(companyStatus === "CEASED")
                then
                    stops.reject();
                end
                """.getBytes(StandardCharsets.UTF_8));

        PolicyLoadException e = catchThrowableOfType(PolicyLoadException.class, () -> load(policy));

        assertThat(e.problems()).isNotEmpty().allSatisfy(problem -> {
            assertThat(problem.file()).isEqualTo("extra.drl");
            assertThat(problem.cell()).startsWith("line ");
        });
    }

    @Test
    void a_stage_without_rules_is_refused() {
        PolicyFixtures policy = PolicyFixtures.copyOfShippedPolicy(directory);
        PolicyFixtures withoutHardStops = policy.write("rules", "hard-stops.drl", "package arbiter.somethingelse;\n"
                .getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> load(withoutHardStops)).isInstanceOf(PolicyLoadException.class)
                .hasMessageContaining("package 'arbiter.somethingelse' is not a stage");
    }
}
