package io.arbiter.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.arbiter.policy.compile.DecisionTableReader;
import io.arbiter.policy.compile.DrlFileReader;
import io.arbiter.policy.compile.PolicyCompiler;
import io.arbiter.policy.compile.PolicyFile;
import io.arbiter.policy.compile.PolicyLanguageCheck;
import io.arbiter.policy.compile.PolicySourceCheck;
import io.arbiter.policy.compile.RuleSource;


/**
 * Hostile or broken files are refused by the compiler (so at startup and on upload alike) with a located problem:
 * damaged or disguised workbooks, zip bombs, formulas, hidden sheets, merged keywords, CSV from a French Excel, and
 * policy code that reaches outside the policy.
 */
class PolicyHostileFilesTests {

    static final Currency EUR = Currency.getInstance("EUR");
    static final String SEGMENTATION = "segmentation.drl.xlsx";

    @TempDir
    Path directory;

    static byte[] shipped(String name) {
        try {
            return Files.readAllBytes(Path.of(name.endsWith(".drl") ? "rules" : "decision-tables", name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The shipped segmentation workbook, edited through POI as Excel would. */
    static byte[] segmentation(Consumer<Workbook> edit) {
        try (Workbook book = WorkbookFactory.create(new ByteArrayInputStream(shipped(SEGMENTATION)))) {
            edit.accept(book);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Cell cell(Workbook book, String sheet, String at) {
        Sheet s = book.getSheet(sheet);
        CellReference ref = new CellReference(at);
        Row row = s.getRow(ref.getRow()) == null ? s.createRow(ref.getRow()) : s.getRow(ref.getRow());
        return row.getCell(ref.getCol()) == null ? row.createCell(ref.getCol()) : row.getCell(ref.getCol());
    }

    /** Problems of compiling this file alone (the compiler reports the other stages missing only when all else is fine). */
    static List<PolicyProblem> problems(String name, byte[] content) {
        PolicyLoadException e = catchThrowableOfType(PolicyLoadException.class,
                () -> PolicyCompiler.compile(List.of(new PolicyFile(name, content)), EUR));
        assertThat(e).as("a PolicyLoadException").isNotNull();
        return e.problems().stream().filter(problem -> !problem.file().equals("(policy)")).toList();
    }

    static PolicyProblem onlyProblem(String name, byte[] content) {
        List<PolicyProblem> problems = problems(name, content);
        assertThat(problems).as(problems.toString()).hasSize(1);
        return problems.get(0);
    }

    @Test
    void a_truncated_xlsx_is_refused_as_damaged() {
        byte[] whole = shipped(SEGMENTATION);
        for (int length : new int[] {whole.length / 2, whole.length - 30, 10}) {
            PolicyProblem problem = onlyProblem(SEGMENTATION, Arrays.copyOf(whole, length));
            assertThat(problem.file()).isEqualTo(SEGMENTATION);
            assertThat(problem.message()).contains("truncated or damaged");
        }
    }

    @Test
    void an_xlsx_that_is_no_zip_or_an_old_xls_is_refused_by_name() {
        assertThat(onlyProblem(SEGMENTATION, "RuleSet,arbiter.segmentation".getBytes(StandardCharsets.UTF_8)).message())
                .contains("is not an Excel workbook").contains("Excel Workbook (.xlsx)");
        byte[] ole2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1, 0, 0};
        assertThat(onlyProblem(SEGMENTATION, ole2).message()).contains("Excel 97-2003").contains("password");
    }

    @Test
    void an_xls_that_is_really_an_xlsx_or_garbage_is_refused() {
        assertThat(onlyProblem("segmentation.drl.xls", shipped(SEGMENTATION)).message())
                .contains("is an .xlsx workbook named .xls: rename it to segmentation.drl.xlsx");
        assertThat(onlyProblem("segmentation.drl.xls", "garbage".getBytes(StandardCharsets.UTF_8)).message())
                .contains("is not an Excel workbook");
        byte[] brokenOle2 = Arrays.copyOf(new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1,
                (byte) 0xB1, 0x1A, (byte) 0xE1}, 600);
        assertThat(onlyProblem("segmentation.drl.xls", brokenOle2).message()).contains("not a readable Excel workbook");
    }

    @Test
    void a_zip_bomb_is_refused_before_it_is_inflated() throws IOException {
        byte[] bomb = zipBomb(shipped(SEGMENTATION), 200);

        PolicyProblem problem = onlyProblem(SEGMENTATION, bomb);

        assertThat(bomb.length).isLessThan(1024 * 1024);
        assertThat(problem.message()).contains("zip bomb").contains("grows to more than");
        // Where the inflating stopped, as the message says: within the 50 MB limit, not at the bomb's 200 MB. (The heap's
        // growth would say it too, but other threads of a shared test JVM make that number noisy.)
        Matcher stoppedAt = Pattern.compile("grows to more than (\\d+) MB")
                .matcher(problem.message());
        assertThat(stoppedAt.find()).as(problem.message()).isTrue();
        assertThat(Integer.parseInt(stoppedAt.group(1))).isLessThanOrEqualTo(50);
    }

    /** The workbook with one more part, {@code megabytes} of a repeated XML line that deflates about 1000 to 1. */
    static byte[] zipBomb(byte[] workbook, int megabytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(workbook));
                ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                zip.putNextEntry(new ZipEntry(entry.getName()));
                zip.write(in.readAllBytes());
                zip.closeEntry();
            }
            zip.putNextEntry(new ZipEntry("xl/worksheets/sheet3.xml"));
            byte[] block = "<row><c><v>0</v></c></row>".repeat(40_000).getBytes(StandardCharsets.UTF_8);
            for (long written = 0; written < megabytes * 1024L * 1024; written += block.length) {
                zip.write(block);
            }
            zip.closeEntry();
        }
        return out.toByteArray();
    }

    @Test
    void a_formula_in_a_rule_cell_is_evaluated_and_its_value_is_the_rule() {
        PolicyFixtures policy = PolicyFixtures.copyOfShippedPolicy(directory)
                .write("decision-tables", SEGMENTATION, segmentation(book -> cell(book, "Segmentation", "D12")
                        .setCellFormula("25000000*2")));

        PolicyEngine.Loaded loaded = PolicyEngine.load(policy.tables(), policy.rules(), EUR);

        assertThat(loaded.scenarios()).allMatch(ScenarioResult::passed); // "Exactly €50M turnover is a key account"
    }

    @Test
    void a_formula_that_errs_or_changes_by_itself_is_refused_at_its_cell() {
        PolicyProblem error = onlyProblem(SEGMENTATION, segmentation(book ->
                cell(book, "Segmentation", "D12").setCellFormula("1/0")));
        assertThat(error.sheet()).isEqualTo("Segmentation");
        assertThat(error.cell()).isEqualTo("D12");
        assertThat(error.message()).contains("=1/0").contains("error");

        PolicyProblem today = onlyProblem(SEGMENTATION, segmentation(book ->
                cell(book, "Segmentation", "C11").setCellFormula("YEAR(TODAY())-2020")));
        assertThat(today.cell()).isEqualTo("C11");
        assertThat(today.message()).contains("changes by itself");
    }

    @Test
    void rules_on_a_hidden_sheet_or_in_a_hidden_row_are_refused() {
        PolicyProblem sheet = onlyProblem(SEGMENTATION, segmentation(book -> book.setSheetHidden(0, true)));
        assertThat(sheet.sheet()).isEqualTo("Segmentation");
        assertThat(sheet.message()).contains("hidden sheet holding rules");

        PolicyProblem row = problems(SEGMENTATION, segmentation(book ->
                book.getSheet("Segmentation").getRow(12).setZeroHeight(true))).get(0);
        assertThat(row.cell()).isEqualTo("A13");
        assertThat(row.message()).contains("hidden row");
    }

    @Test
    void condition_keywords_merged_across_columns_are_refused() {
        PolicyProblem merged = onlyProblem(SEGMENTATION, segmentation(book ->
                book.getSheet("Segmentation").addMergedRegion(CellRangeAddress.valueOf("D6:E6"))));
        assertThat(merged.sheet()).isEqualTo("Segmentation");
        assertThat(merged.cell()).isEqualTo("D6:E6");
        assertThat(merged.message()).contains("'CONDITION'").contains("unmerge");
    }

    @Test
    void a_windows_1252_csv_is_read_and_a_semicolon_csv_is_refused_by_line() {
        String csv = new String(shipped("risk-classes.drl.csv"), StandardCharsets.UTF_8)
                .replace("excellent, full limits", "excellent, limites complètes (€)");
        List<RuleSource> sources = DecisionTableReader.read(
                new PolicyFile("risk-classes.drl.csv", csv.getBytes(Charset.forName("windows-1252"))));
        assertThat(sources).singleElement().satisfies(source ->
                assertThat(source.reasons().values()).anySatisfy(reason ->
                        assertThat(reason.description()).contains("limites complètes (€)")));

        String semicolons = "RuleSet;arbiter.rating\nImport;io.arbiter.policy.Score\n";
        PolicyProblem problem = onlyProblem("risk-classes.drl.csv", semicolons.getBytes(StandardCharsets.UTF_8));
        assertThat(problem.cell()).isEqualTo("line 1");
        assertThat(problem.message()).contains("';'").contains("CSV UTF-8 (comma delimited)");

        String decimalComma = csv.replace("\n80,,A,", "\n\"80,5\",,A,");
        PolicyProblem comma = onlyProblem("risk-classes.drl.csv", decimalComma.getBytes(StandardCharsets.UTF_8));
        assertThat(comma.file()).isEqualTo("risk-classes.drl.csv");
        assertThat(comma.message()).contains("80,5");
    }

    @Test
    void drl_with_a_syntax_error_is_reported_by_line() {
        String drl = new String(shipped("hard-stops.drl"), StandardCharsets.UTF_8).replaceFirst("stops.reject\\(\\);",
                "stops.reject(;");
        List<PolicyProblem> problems = problems("hard-stops.drl", drl.getBytes(StandardCharsets.UTF_8));
        assertThat(problems).isNotEmpty().allSatisfy(problem -> {
            assertThat(problem.file()).isEqualTo("hard-stops.drl");
            assertThat(problem.cell()).startsWith("line ");
        });
    }

    @Test
    void drl_that_reaches_outside_the_policy_is_refused_by_line() {
        String shipped = new String(shipped("hard-stops.drl"), StandardCharsets.UTF_8);
        String[][] attacks = {
                {"import java.lang.Runtime;", "java.lang.Runtime"},
                {"import java.io.File;", "java.io.File"},
                {"import java.nio.file.Files;", "java.nio.file.Files"},
                {"import java.net.URL;", "java.net.URL"},
                {"import java.lang.reflect.Method;", "java.lang.reflect.Method"},
                {"import java.util.concurrent.Executors;", "java.util.concurrent.Executors"},
                {"import org.kie.api.runtime.KieSession;", "org.kie.api.runtime.KieSession"},
                {"import static java.lang.System.exit;", "java.lang.System.exit"}};
        for (String[] attack : attacks) {
            String drl = shipped.replace("import io.arbiter.policy.Applicant;", "import io.arbiter.policy.Applicant;\n" + attack[0]);
            PolicyProblem problem = problems("hard-stops.drl", drl.getBytes(StandardCharsets.UTF_8)).get(0);
            assertThat(problem.cell()).as(attack[0]).isEqualTo("line 7");
            assertThat(problem.message()).as(attack[0]).contains("imports '" + attack[1] + "'")
                    .contains("outside the policy language");
        }
        String[] calls = {"System.exit(0);", "Runtime.getRuntime().exec(\"rm -rf /\");", "new ProcessBuilder(\"sh\").start();",
                "new Thread(() -> {}).start();", "Class.forName(\"x\");", "stops.getClass().getClassLoader();",
                "java.lang.System.exit(1);", "new java.io.FileWriter(\"/tmp/x\");", "exit(0);"};
        for (String call : calls) {
            int at = shipped.indexOf("    stops.reject();\nend");
            String drl = shipped.substring(0, at) + "    " + call + "\n" + shipped.substring(at);
            List<PolicyProblem> problems = problems("hard-stops.drl", drl.getBytes(StandardCharsets.UTF_8));
            assertThat(problems).as(call).isNotEmpty().allSatisfy(problem -> {
                assertThat(problem.file()).isEqualTo("hard-stops.drl");
                assertThat(problem.cell()).isEqualTo("line 15");
                assertThat(problem.message()).contains("outside the policy");
            });
        }
    }

    @Test
    void words_in_comments_and_descriptions_are_not_code() {
        String drl = new String(shipped("hard-stops.drl"), StandardCharsets.UTF_8)
                .replace("no credit\")", "no credit; System review by Thread owner, exit(\")")
                .replace("package arbiter.hardstops;", "package arbiter.hardstops;\n// import java.io.File; System.exit(0)");
        List<PolicyProblem> problems = new java.util.ArrayList<>();
        PolicySourceCheck.check(DrlFileReader.read(new PolicyFile("hard-stops.drl", drl.getBytes(StandardCharsets.UTF_8))),
                new PolicyLanguageCheck(), problems);
        assertThat(problems).isEmpty();
    }

    @Test
    void table_code_that_reaches_outside_the_policy_is_refused_at_its_cell() {
        Object[][] attacks = {
                {"B2", "io.arbiter.policy.Applicant, java.lang.Runtime", "B2"},
                {"B3", "io.arbiter.policy.SegmentationResult segmentation, java.io.File file", "B3"},
                {"F8", "segmentation.segment(\"$param\"); System.exit(0);", "F8"},
                {"D12", "Runtime.getRuntime().availableProcessors()", "D12"}};
        // a quote in a rule cell cannot break out of a "$param" string: Drools escapes it, so that is no attack

        for (Object[] attack : attacks) {
            List<PolicyProblem> found = problems(SEGMENTATION, segmentation(book ->
                    cell(book, "Segmentation", (String) attack[0]).setCellValue((String) attack[1])));
            assertThat(found).as((String) attack[1]).isNotEmpty();
            PolicyProblem problem = found.get(0);
            assertThat(problem.file()).isEqualTo(SEGMENTATION);
            assertThat(problem.sheet()).isEqualTo("Segmentation");
            assertThat(problem.cell()).as(problem.toString()).isEqualTo(attack[2]);
            assertThat(problem.message()).contains("outside the policy");
        }
        byte[] withFunction = segmentation(book -> {
            cell(book, "Segmentation", "A4").setCellValue("Functions");
            cell(book, "Segmentation", "B4").setCellValue("function void boom() { java.lang.System.exit(1); }");
        });
        PolicyProblem functions = problems(SEGMENTATION, withFunction).get(0);
        assertThat(functions.cell()).isEqualTo("B4");
    }
}
