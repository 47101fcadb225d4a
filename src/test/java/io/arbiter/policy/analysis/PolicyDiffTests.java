package io.arbiter.policy.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arbiter.policy.analysis.PolicyDiff.CellChange;
import io.arbiter.policy.analysis.PolicyDiff.Change;
import io.arbiter.policy.analysis.PolicyDiff.FileChange;
import io.arbiter.policy.analysis.PolicyDiff.Result;
import io.arbiter.policy.analysis.PolicyDiff.RowChange;
import io.arbiter.policy.analysis.PolicyDiff.TableChange;

import io.arbiter.policy.compile.PolicyFile;
import io.arbiter.policy.PolicyFixtures;

/** The difference between two copies of the shipped policy, one of them edited as finance staff would in Excel. */
class PolicyDiffTests {

    private static final String LIMITS = "credit-limits.drl.xlsx";

    @TempDir
    Path before;

    @TempDir
    Path after;

    private PolicyFixtures shipped() {
        return PolicyFixtures.copyOfShippedPolicy(before);
    }

    private PolicyFixtures edited() {
        return PolicyFixtures.copyOfShippedPolicy(after);
    }

    @Test
    void the_same_files_make_no_difference() {
        Result diff = diff(shipped(), edited());

        assertThat(diff.files()).isEmpty();
        assertThat(PolicyDiff.markdown(diff)).contains("No differences.");
    }

    @Test
    void one_changed_cell_is_one_changed_row_with_its_column_label_cell_and_values() {
        Result diff = diff(shipped(), edited().setCell(LIMITS, "CreditLimits", "C15", "175000"));

        TableChange table = onlyTable(diff);
        assertThat(table.sheet()).isEqualTo("CreditLimits");
        assertThat(table.table()).isEqualTo("CreditLimits");
        assertThat(table.rows()).singleElement().satisfies(row -> {
            assertThat(row.change()).isEqualTo(Change.CHANGED);
            assertThat(row.conditions()).isEqualTo("SME / A");
            assertThat(row.fromRule()).isEqualTo("CreditLimits_15");
            assertThat(row.toRule()).isEqualTo("CreditLimits_15");
            assertThat(row.cells()).containsExactly(new CellChange("Internal limit (€)", "C15", "C15", "150000", "175000"));
        });
        assertThat(PolicyDiff.markdown(diff)).contains("""
                ### credit-limits.drl.xlsx — CreditLimits / CreditLimits
                - changed row SME / A: Internal limit (€) 150000 → 175000 (C15)
                """);
    }

    @Test
    void an_inserted_row_is_added_and_the_rows_below_it_are_not_changed_though_they_moved() {
        PolicyFixtures edited = edited()
                .insertRow(LIMITS, "CreditLimits", 17, "SME", "B+", "60000", "1", "10", "SME, class B+")
                .setCell(LIMITS, "CreditLimits", "C19", "20000"); // SME / D: row 18 before the insert, 19 after

        Result diff = diff(shipped(), edited);

        TableChange table = onlyTable(diff);
        assertThat(table.rows()).hasSize(2);
        RowChange added = table.rows().get(0);
        assertThat(added.change()).isEqualTo(Change.ADDED);
        assertThat(added.conditions()).isEqualTo("SME / B+");
        assertThat(added.toRule()).isEqualTo("CreditLimits_17");
        assertThat(added.cells()).contains(new CellChange("Internal limit (€)", null, "C17", null, "60000"));
        RowChange changed = table.rows().get(1);
        assertThat(changed.change()).isEqualTo(Change.CHANGED);
        assertThat(changed.conditions()).isEqualTo("SME / D");
        assertThat(changed.cells()).containsExactly(new CellChange("Internal limit (€)", "C18", "C19", "15000", "20000"));
        assertThat(PolicyDiff.markdown(diff))
                .contains("- added row SME / B+ (row 17): Segment SME (A17); Risk class B+ (B17); Internal limit (€) 60000 (C17)")
                .contains("- changed row SME / D: Internal limit (€) 15000 → 20000 (C18 → C19)");
    }

    @Test
    void a_removed_row_is_removed_and_nothing_else_changed() {
        Result diff = diff(shipped(), edited().removeRow(LIMITS, "CreditLimits", 33));

        assertThat(onlyTable(diff).rows()).singleElement().satisfies(row -> {
            assertThat(row.change()).isEqualTo(Change.REMOVED);
            assertThat(row.conditions()).isEqualTo("NEW_CUSTOMER / D");
            assertThat(row.fromRule()).isEqualTo("CreditLimits_33");
            assertThat(row.cells()).contains(new CellChange("Internal limit (€)", "C33", null, "2000", null));
        });
        assertThat(PolicyDiff.markdown(diff)).contains("- removed row NEW_CUSTOMER / D (row 33)");
    }

    @Test
    void a_changed_condition_is_a_changed_row_where_it_stood() {
        Result diff = diff(shipped(), edited().setCell(LIMITS, "CreditLimits", "A20", "MICRO_ENTERPRISE"));

        assertThat(onlyTable(diff).rows()).singleElement().satisfies(row -> {
            assertThat(row.change()).isEqualTo(Change.CHANGED);
            assertThat(row.conditions()).isEqualTo("MICRO / A → MICRO_ENTERPRISE / A");
            assertThat(row.cells()).containsExactly(new CellChange("Segment", "A20", "A20", "MICRO", "MICRO_ENTERPRISE"));
        });
    }

    @Test
    void a_changed_scenario_of_the_tests_sheet_is_a_changed_row_named_after_the_scenario() {
        Result diff = diff(shipped(), edited().setCell("segmentation.drl.xlsx", "Tests", "E4", "SME"));

        assertThat(diff.files()).singleElement().satisfies(file -> {
            assertThat(file.tables()).singleElement().satisfies(table -> {
                assertThat(table.sheet()).isEqualTo("Tests");
                assertThat(table.rows()).singleElement().satisfies(row -> {
                    assertThat(row.change()).isEqualTo(Change.CHANGED);
                    assertThat(row.conditions()).isEqualTo("Large food retailer");
                    assertThat(row.cells()).singleElement().satisfies(cell -> {
                        assertThat(cell.fromCell()).isEqualTo("E4");
                        assertThat(cell.from()).isEqualTo("KEY_ACCOUNT");
                        assertThat(cell.to()).isEqualTo("SME");
                    });
                });
            });
        });
        assertThat(PolicyDiff.markdown(diff)).contains("""
                ### segmentation.drl.xlsx — Tests (scenarios)
                - changed scenario Large food retailer: Expected segment KEY_ACCOUNT → SME (E4)
                """);
    }

    @Test
    void files_added_and_drl_rules_added_removed_or_changed_are_named() throws IOException {
        PolicyFixtures edited = edited().write("rules", "extra.drl",
                "package arbiter.hardstops;\n".getBytes(StandardCharsets.UTF_8));
        Path hardStops = edited.rules().resolve("hard-stops.drl");
        String drl = Files.readString(hardStops)
                .replace("seniorityMonths < 6", "seniorityMonths < 12")
                .replace("rule \"Ceased company\"", "rule 'Company struck off'");
        Files.writeString(hardStops, drl);

        Result diff = diff(shipped(), edited);

        assertThat(diff.files()).extracting(FileChange::name, FileChange::change).containsExactly(
                org.assertj.core.groups.Tuple.tuple("extra.drl", Change.ADDED),
                org.assertj.core.groups.Tuple.tuple("hard-stops.drl", Change.CHANGED));
        FileChange rules = diff.files().get(1);
        assertThat(rules.rules()).extracting(PolicyDiff.RuleChange::rule, PolicyDiff.RuleChange::change).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Ceased company", Change.REMOVED),
                org.assertj.core.groups.Tuple.tuple("New customer unknown to the bureaus", Change.CHANGED),
                org.assertj.core.groups.Tuple.tuple("Company struck off", Change.ADDED));
        assertThat(rules.rules().get(1).to()).contains("seniorityMonths < 12").endsWith("end");
        assertThat(PolicyDiff.markdown(diff)).contains("### extra.drl — added")
                .contains("- changed rule \"New customer unknown to the bureaus\"");
    }

    @Test
    void a_removed_file_is_named() throws IOException {
        PolicyFixtures edited = edited();
        Files.delete(edited.tables().resolve("risk-classes.drl.csv"));

        Result diff = diff(shipped(), edited);

        assertThat(diff.files()).singleElement().satisfies(file -> {
            assertThat(file.name()).isEqualTo("risk-classes.drl.csv");
            assertThat(file.change()).isEqualTo(Change.REMOVED);
        });
    }

    @Test
    void two_versions_of_a_60000_row_table_that_differ_at_both_ends_are_diffed_in_linear_space() {
        // Pairing every row with every row would take 60,001 × 60,001 ints (14 GB): the diff must stay linear.
        int rows = 60_000;
        PolicyFile before = new PolicyFile("bands.drl.csv", bandTable(rows, -1));
        PolicyFile after = new PolicyFile("bands.drl.csv", bandTable(rows, 0, rows - 1));

        Result diff = PolicyDiff.diff("v1", List.of(before), "v2", List.of(after));

        TableChange table = diff.files().getFirst().tables().getFirst();
        assertThat(table.rows()).extracting(RowChange::change).containsExactly(Change.CHANGED, Change.CHANGED);
        assertThat(table.rows()).flatExtracting(RowChange::cells).extracting(CellChange::toCell)
                .containsExactly("B10", "B" + (rows + 9));
    }

    /** A CSV RuleTable of {@code rows} turnover bands worth 1 point each, except the {@code raised} rows worth 2. */
    private static byte[] bandTable(int rows, int... raised) {
        StringBuilder csv = new StringBuilder("""
                RuleSet,arbiter.scoring
                Import,io.arbiter.policy.Applicant
                Variables,io.arbiter.policy.ScoreCard score
                ""
                RuleTable Bands
                CONDITION,ACTION
                Applicant,
                "turnover >= $param","score.add(""BAND"", $param);"
                Turnover from,Points
                """);
        java.util.Set<Integer> twoPoints = java.util.Arrays.stream(raised).boxed().collect(java.util.stream.Collectors.toSet());
        for (int row = 0; row < rows; row++) {
            int points = twoPoints.contains(row) ? 2 : 1;
            csv.append(row * 1000L).append(',').append(points).append('\n');
        }
        return csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static TableChange onlyTable(Result diff) {
        assertThat(diff.files()).singleElement().extracting(FileChange::name).isEqualTo(LIMITS);
        assertThat(diff.files().get(0).tables()).hasSize(1);
        return diff.files().get(0).tables().get(0);
    }

    private static Result diff(PolicyFixtures from, PolicyFixtures to) {
        return PolicyDiff.diff("1", files(from), "2", files(to));
    }

    static List<PolicyFile> files(PolicyFixtures policy) {
        try (Stream<Path> tables = Files.list(policy.tables()); Stream<Path> rules = Files.list(policy.rules())) {
            return Stream.concat(tables, rules).map(PolicyFile::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
