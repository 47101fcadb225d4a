package io.arbiter.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.ss.util.CellRangeAddress;
import org.junit.jupiter.api.Test;

import io.arbiter.policy.compile.PolicyFile;

/**
 * The spreadsheet mistakes finance staff make in Excel that Drools read silently as something else (issue: "spreadsheets
 * mean what their author sees"). Each test edits a shipped workbook the way the mistake is made in Excel, through POI,
 * and checks that the policy either means what the author sees or refuses the upload at the cell, saying the fix.
 */
class SpreadsheetTrapsTests {

    private static final Currency EUR = Currency.getInstance("EUR");
    private static final String LIMITS = "credit-limits.drl.xlsx";
    private static final String SHEET = "CreditLimits";

    @Test
    void a_limit_shown_with_leading_zeros_is_its_number_not_an_octal_literal() {
        byte[] limits = edit(LIMITS, book -> {
            Cell cell = cell(book, SHEET, "C15");
            cell.setCellValue(150_000);
            CellStyle zeros = book.createCellStyle();
            zeros.setDataFormat(book.createDataFormat().getFormat("0000000")); // Excel shows 0150000
            cell.setCellStyle(zeros);
        });

        assertThat(limitFor(limits, "SME", "A").internal().amount()).isEqualByComparingTo("150000"); // was 53,248
    }

    @Test
    void ten_percent_typed_in_a_percent_column_is_ten_and_eighty_percent_of_a_share_is_point_eight() {
        byte[] limits = edit(LIMITS, book -> {
            CellStyle percent = book.createCellStyle();
            percent.setDataFormat(book.createDataFormat().getFormat("0%"));
            Cell tolerance = cell(book, SHEET, "E15"); // "Review tolerance above limit (%)": Excel stores 10% as 0.1
            tolerance.setCellValue(0.1);
            tolerance.setCellStyle(percent);
            Cell share = cell(book, SHEET, "D15"); // "Share of bureau limit": 80% is 0.8 of it
            share.setCellValue(0.8);
            share.setCellStyle(percent);
            cell(book, SHEET, "E16").setCellValue("12 %"); // typed as text, with a French space
        });

        LimitComposition smeA = limitFor(limits, "SME", "A");
        assertThat(smeA.reviewTolerancePercent()).isEqualByComparingTo("10"); // was 0.1
        assertThat(smeA.bureauFactor()).isEqualByComparingTo("0.8");
        assertThat(limitFor(limits, "SME", "B").reviewTolerancePercent()).isEqualByComparingTo("12");
    }

    @Test
    void an_action_cell_merged_down_over_several_rows_sets_each_row() {
        byte[] limits = edit(LIMITS, book -> {
            Sheet sheet = book.getSheet(SHEET);
            cell(book, SHEET, "D15").setCellValue(0.7);
            sheet.getRow(15).removeCell(sheet.getRow(15).getCell(3)); // Excel keeps only the top-left value of a merge
            sheet.addMergedRegion(CellRangeAddress.valueOf("D15:D16"));
        });

        assertThat(limitFor(limits, "SME", "A").bureauFactor()).isEqualByComparingTo("0.7");
        assertThat(limitFor(limits, "SME", "B").bureauFactor()).isEqualByComparingTo("0.7"); // was none: no bureau cap
    }

    @Test
    void a_blank_cell_in_a_required_column_is_refused_at_that_cell() {
        byte[] limits = edit(LIMITS, book -> blank(book, SHEET, "D17")); // the share of the bureau limit, SME class C

        List<PolicyProblem> problems = problems(LIMITS, limits);

        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.toString()).startsWith("credit-limits.drl.xlsx!CreditLimits!D17: is blank");
            assertThat(problem.message()).contains("'Share of bureau limit *' is a required column");
        });
    }

    @Test
    void a_blank_action_cell_that_every_other_row_fills_is_a_warning_at_that_cell() {
        byte[] limits = edit(LIMITS, book -> blank(book, SHEET, "E17")); // review tolerance, not marked required

        List<PolicyProblem> analysis = PolicyEngine.compile(files(LIMITS, limits), EUR).policy().analysis();

        assertThat(analysis).anySatisfy(item -> {
            assertThat(item.severity()).isEqualTo(PolicyProblem.Severity.WARNING);
            assertThat(item.cell()).isEqualTo("E17");
            assertThat(item.message()).contains("is blank while the other rows").contains("mark the column required");
        });
    }

    @Test
    void typographic_quotes_typed_around_a_segment_match_that_segment() {
        byte[] limits = edit(LIMITS, book -> cell(book, SHEET, "A15").setCellValue("\u201CSME\u201D")); // Excel's “SME”

        PolicyEngine.Loaded loaded = PolicyEngine.compile(files(LIMITS, limits), EUR);

        assertThat(limitFor(limits, "SME", "A").internal().amount()).isEqualByComparingTo("150000");
        assertThat(loaded.policy().analysis()).noneMatch(PolicyProblem::isError);
    }

    @Test
    void an_empty_row_inside_a_rule_table_is_refused_at_that_row() {
        byte[] limits = edit(LIMITS, book -> {
            Sheet sheet = book.getSheet(SHEET);
            sheet.shiftRows(19, sheet.getLastRowNum(), 1); // "Insert row" above row 20 (MICRO, class A)
        });

        List<PolicyProblem> problems = problems(LIMITS, limits);

        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.cell()).isEqualTo("A20");
            assertThat(problem.message()).contains("row 20 is empty inside RuleTable CreditLimits")
                    .contains("rows 21 to 35 below it would be ignored");
        });
    }

    @Test
    void a_tests_sheet_renamed_still_runs_its_scenarios_even_a_failing_one() {
        for (String name : List.of("tests", "Tests (2)", "Scénarios", "Essais")) {
            byte[] renamed = edit(LIMITS, book -> book.setSheetName(book.getSheetIndex("Tests"), name));
            assertThat(PolicyEngine.compile(files(LIMITS, renamed), EUR).scenarios())
                    .as(name).filteredOn(s -> s.file().equals(LIMITS)).hasSize(7).allMatch(s -> s.sheet().equals(name));

            byte[] failing = edit(LIMITS, book -> {
                book.setSheetName(book.getSheetIndex("Tests"), name);
                cell(book, name, "K2").setCellValue(90_000); // expected granted limit, was 80,000
            });
            assertThat(problems(LIMITS, failing)).as(name).singleElement()
                    .satisfies(problem -> assertThat(problem.toString()).startsWith(LIMITS + "!" + name + "!K2: scenario"));
        }
    }

    @Test
    void a_bad_value_is_reported_at_its_own_cell() {
        assertThat(problems(LIMITS, edit(LIMITS, book -> cell(book, SHEET, "C15").setCellValue("150 000 €"))))
                .singleElement().satisfies(problem -> {
                    assertThat(problem.cell()).isEqualTo("C15"); // was A15
                    assertThat(problem.message()).contains("150 000 €");
                });
        assertThat(problems(LIMITS, edit(LIMITS, book -> cell(book, SHEET, "D13").setCellValue("un"))))
                .singleElement().satisfies(problem -> {
                    assertThat(problem.cell()).isEqualTo("D13"); // was A13
                    assertThat(problem.message()).contains("'un' is not a number");
                });
    }

    @Test
    void a_bad_template_is_reported_once_at_the_template_cell() {
        List<PolicyProblem> problems = problems(LIMITS, edit(LIMITS,
                book -> cell(book, SHEET, "C8").setCellValue("limit.internl($param);")));

        assertThat(problems).singleElement().satisfies(problem -> { // was one per rule row, at each row's first cell
            assertThat(problem.cell()).isEqualTo("C8");
            assertThat(problem.message()).contains("limit.internl").contains("limit.internal(whole number)");
        });
    }

    @Test
    void a_priority_range_too_small_for_its_rows_is_reported_at_the_first_row_beyond_it() {
        String csv = new String(PolicyHostileFilesTests.shipped("risk-classes.drl.csv"), StandardCharsets.UTF_8)
                .replace("Variables,io.arbiter.policy.RatingResult rating,,\n", "Variables,io.arbiter.policy.RatingResult rating,,\n"
                        + "Sequential,true,,\nSequentialMaxPriority,3,,\nSequentialMinPriority,1,,\n");

        List<PolicyProblem> problems = problems("risk-classes.drl.csv", csv.getBytes(StandardCharsets.UTF_8));

        assertThat(problems).singleElement().satisfies(problem -> { // was no cell, and the row counted from zero
            assertThat(problem.cell()).isEqualTo("A16"); // the 4th rule (row 16): priorities 3, 2, 1 are used up
            assertThat(problem.message()).contains("SequentialMinPriority").doesNotContain("row: ");
        });
    }

    @Test
    void a_sheet_whose_layout_drools_cannot_read_is_explained_at_a_cell_not_as_a_null_pointer() {
        byte[] mergeWithoutItsFirstCell = edit(LIMITS, book -> { // as some tools write a merge: Drools' parser threw an NPE
            Sheet sheet = book.getSheet(SHEET);
            sheet.getRow(14).removeCell(sheet.getRow(14).getCell(3));
            sheet.addMergedRegion(CellRangeAddress.valueOf("D15:D16"));
        });
        assertThat(problems(LIMITS, mergeWithoutItsFirstCell)).isNotEmpty().allSatisfy(problem -> {
            assertThat(problem.cell()).isNotNull();
            assertThat(problem.message()).doesNotContain("Cannot invoke").doesNotContain("is null");
        });
        byte[] noKeywords = edit(LIMITS, book -> book.getSheet(SHEET).removeRow(book.getSheet(SHEET).getRow(5)));
        byte[] noRuleSetName = edit(LIMITS, book -> blank(book, SHEET, "B1"));
        byte[] nothingButATitle = edit(LIMITS, book -> {
            Sheet sheet = book.getSheet(SHEET);
            for (int r = sheet.getLastRowNum(); r >= 5; r--) {
                if (sheet.getRow(r) != null) {
                    sheet.removeRow(sheet.getRow(r));
                }
            }
        });
        for (byte[] workbook : List.of(noKeywords, noRuleSetName, nothingButATitle)) {
            List<PolicyProblem> problems = problems(LIMITS, workbook);
            assertThat(problems).isNotEmpty().allSatisfy(problem -> assertThat(problem.message())
                    .doesNotContain("NullPointerException").doesNotContain("Cannot invoke").doesNotContain("because \""));
        }
    }

    static LimitComposition limitFor(byte[] limits, String segment, String riskClass) {
        CompiledPolicy policy = PolicyEngine.compile(files(LIMITS, limits), EUR).policy();
        Applicant applicant = Applicant.builder().seniorityMonths(36).bureau(70, new BigDecimal("1000000"), 0, false).build();
        return Pipeline.evaluate(policy, applicant, new Given(segment, riskClass)).limit();
    }

    /** The shipped policy with one file replaced. */
    static List<PolicyFile> files(String name, byte[] content) {
        List<PolicyFile> files = new ArrayList<>();
        for (String folder : List.of("decision-tables", "rules")) {
            try (Stream<Path> paths = Files.list(Path.of(folder))) {
                paths.sorted().map(PolicyFile::read).forEach(file -> files.add(file.name().equals(name)
                        ? new PolicyFile(name, content) : file));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }

    /** Every problem of compiling the shipped policy with this file in place of its namesake. */
    static List<PolicyProblem> problems(String name, byte[] content) {
        PolicyLoadException e = catchThrowableOfType(PolicyLoadException.class,
                () -> PolicyEngine.compile(files(name, content), EUR));
        assertThat(e).as("a PolicyLoadException").isNotNull();
        return e.problems();
    }

    static byte[] edit(String workbook, Consumer<Workbook> edit) {
        try (Workbook book = WorkbookFactory.create(new ByteArrayInputStream(PolicyHostileFilesTests.shipped(workbook)))) {
            edit.accept(book);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Cell cell(Workbook book, String sheet, String at) {
        return PolicyHostileFilesTests.cell(book, sheet, at);
    }

    private static void blank(Workbook book, String sheet, String at) {
        Cell cell = cell(book, sheet, at);
        Row row = cell.getRow();
        row.removeCell(cell);
    }
}
