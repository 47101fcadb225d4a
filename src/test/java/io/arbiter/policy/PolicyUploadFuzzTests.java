package io.arbiter.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.arbiter.policy.lifecycle.DraftUploads;
import io.arbiter.policy.compile.DecisionTableReader;
import io.arbiter.policy.compile.PolicyFile;
import io.arbiter.policy.compile.PolicyLanguageCheck;
import io.arbiter.policy.compile.PolicySourceCheck;

/**
 * Mutates the shipped segmentation workbook 1,000 times with each of two fixed seeds (cell values and types, structure, raw
 * bytes) and reads each mutant as the compiler does: every failure must be a {@link PolicyLoadException} whose
 * problems name their file. Drools' compiler, the expensive part, runs on one mutant in forty. Most mutants are edits of the sheet's XML
 * (fast); one in ten is made through POI (rows shifted or removed, sheets renamed) and two in ten are raw bytes.
 */
class PolicyUploadFuzzTests {

    private static final int ITERATIONS = 1_000;
    private static final String[] ODD_VALUES = {"", " ", "\u00A0", "“quoted”", "‘x’", "5\u00A0000", "1,5", "-0", "NaN",
            "1e309", "$param", "\"", "\\", ");", "null", "true", "==", "=1+1", "\u0000", "é€ü", "RuleTable", "CONDITION",
            "ACTION", "RuleSet", "Import", "Variables", "Functions", "end", "then", "rule \"x\""};
    private static final String[] KEYWORD_CELLS = {"A1", "B1", "A5", "A6", "B6", "F6", "H6", "A7", "A8", "F8"};

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {20_261_123L, 20_261_207L})
    void no_mutant_of_a_shipped_workbook_escapes_as_anything_but_a_located_problem(long seed) throws IOException {
        byte[] original = PolicyHostileFilesTests.shipped(PolicyHostileFilesTests.SEGMENTATION);
        List<ScenarioResult> originalScenarios = PolicyEngine.compile(SpreadsheetTrapsTests.files(
                PolicyHostileFilesTests.SEGMENTATION, original), PolicyHostileFilesTests.EUR).scenarios();
        Random random = new Random(seed);
        int fewerScenarios = 0;
        Map<String, byte[]> parts = unzip(original);
        List<String> escaped = new ArrayList<>();
        int refused = 0;
        int compiled = 0;
        long start = System.nanoTime();
        for (int i = 0; i < ITERATIONS; i++) {
            byte[] mutant = i % 80 == 40 ? mutateTests(parts, random) : mutant(original, parts, random);
            PolicyFile file = new PolicyFile(random.nextInt(10) == 0 ? "segmentation.drl.xls" : "segmentation.drl.xlsx", mutant);
            try {
                if (i % 40 == 0) {
                    compiled++;
                    List<PolicyFile> policy = new ArrayList<>(SpreadsheetTrapsTests.files(PolicyHostileFilesTests.SEGMENTATION,
                            mutant));
                    if (!file.name().equals(PolicyHostileFilesTests.SEGMENTATION)) {
                        policy.removeIf(f -> f.name().equals(PolicyHostileFilesTests.SEGMENTATION));
                        policy.add(file);
                    }
                    List<ScenarioResult> scenarios = PolicyEngine.compile(policy, PolicyHostileFilesTests.EUR).scenarios();
                    // An accepted mutant may not lose a scenario unseen: the upload's check must name each one lost.
                    List<ScenarioResult> lost = DraftUploads.dropped(originalScenarios, scenarios);
                    if (scenarios.size() < originalScenarios.size()) {
                        fewerScenarios++;
                        assertThat(lost).as("iteration " + i + ": scenarios lost and named")
                                .hasSizeGreaterThanOrEqualTo(originalScenarios.size() - scenarios.size());
                    }
                } else {
                    PolicyLanguageCheck language = new PolicyLanguageCheck();
                    DecisionTableReader.read(file).forEach(source -> {
                        List<PolicyProblem> problems = new ArrayList<>();
                        PolicySourceCheck.check(source, language, problems);
                        if (problems.stream().anyMatch(PolicyProblem::isError)) {
                            throw new PolicyLoadException(problems);
                        }
                    });
                }
            } catch (PolicyLoadException e) {
                refused++;
                assertThat(e.problems()).as("iteration " + i).isNotEmpty().allSatisfy(problem -> {
                    assertThat(problem.file()).isNotBlank();
                    assertThat(problem.message()).isNotBlank();
                });
            } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                escaped.add("iteration " + i + ": " + e);
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("Policy fuzz, seed %d: %d mutants, %d refused as located problems, %d fully compiled (%d of them"
                + " with fewer scenarios, each caught), %d ms%n", seed, ITERATIONS, refused, compiled, fewerScenarios, millis);
        assertThat(escaped).isEmpty();
        assertThat(refused).isGreaterThan(ITERATIONS / 10);
    }

    /** One mutant: two in ten raw bytes, one in ten edited through POI, the rest edits of the sheet's XML. */
    static byte[] mutant(byte[] original, Map<String, byte[]> parts, Random random) throws IOException {
        int kind = random.nextInt(10);
        return kind < 2 ? mutateBytes(original, random) : kind == 2 ? mutateWorkbook(original, random) : mutateXml(parts, random);
    }

    private static final Pattern CELL = Pattern.compile("<c r=\"([A-Z]+[0-9]+)\"[^>]*?(?:/>|>.*?</c>)", Pattern.DOTALL);
    private static final Pattern ROW = Pattern.compile("<row [^>]*?(?:/>|>.*?</row>)", Pattern.DOTALL);
    private static final String SHEET = "xl/worksheets/sheet1.xml";

    /** Edits the Segmentation sheet's XML: a cell's value or type, a cell or a row removed, the sheet renamed. */
    private static byte[] mutateXml(Map<String, byte[]> parts, Random random) throws IOException {
        String sheet = new String(parts.get(SHEET), StandardCharsets.UTF_8);
        String workbook = new String(parts.get("xl/workbook.xml"), StandardCharsets.UTF_8);
        for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
            List<MatchResult> cells = CELL.matcher(sheet).results().toList();
            MatchResult cell = cells.get(random.nextInt(cells.size()));
            String ref = cell.group(1);
            String replacement = switch (random.nextInt(8)) {
                case 0, 1, 2, 3 -> "<c r=\"" + ref + "\" t=\"inlineStr\"><is><t xml:space=\"preserve\">"
                        + xml(randomText(random)) + "</t></is></c>";
                case 4 -> "<c r=\"" + ref + "\"><v>" + (random.nextBoolean() ? random.nextGaussian() * 1e7 : random.nextInt(100)) + "</v></c>";
                case 5 -> "<c r=\"" + ref + "\" t=\"b\"><v>" + random.nextInt(2) + "</v></c>";
                case 6 -> "<c r=\"" + ref + "\"><f>" + (random.nextBoolean() ? "1+" + random.nextInt(100) : "1/0") + "</f></c>";
                default -> "";
            };
            sheet = sheet.substring(0, cell.start()) + replacement + sheet.substring(cell.end());
            if (random.nextInt(8) == 0) {
                List<MatchResult> rows = ROW.matcher(sheet).results().toList();
                MatchResult row = rows.get(random.nextInt(rows.size()));
                sheet = sheet.substring(0, row.start()) + sheet.substring(row.end());
            }
            if (random.nextInt(20) == 0) {
                workbook = workbook.replace("name=\"Segmentation\"", "name=\"" + (random.nextBoolean() ? "Tests" : "Other") + "\"");
            }
        }
        Map<String, byte[]> mutated = new LinkedHashMap<>(parts);
        mutated.put(SHEET, sheet.getBytes(StandardCharsets.UTF_8));
        mutated.put("xl/workbook.xml", workbook.getBytes(StandardCharsets.UTF_8));
        return zip(mutated);
    }

    /**
     * Edits the Tests sheet the ways its scenarios get lost: a row deleted, the sheet renamed or deleted, its header or a
     * scenario's name cleared.
     */
    static byte[] mutateTests(Map<String, byte[]> parts, Random random) throws IOException {
        String tests = new String(parts.get("xl/worksheets/sheet2.xml"), StandardCharsets.UTF_8);
        String workbook = new String(parts.get("xl/workbook.xml"), StandardCharsets.UTF_8);
        List<MatchResult> rows = ROW.matcher(tests).results().toList();
        switch (random.nextInt(5)) {
            case 0 -> {
                MatchResult row = rows.get(1 + random.nextInt(rows.size() - 1));
                tests = tests.substring(0, row.start()) + tests.substring(row.end());
            }
            case 1 -> workbook = workbook.replace("name=\"Tests\"", "name=\"" + List.of("tests", "Tests (2)", "Feuil2",
                    "Scénarios", "Old tests").get(random.nextInt(5)) + "\"");
            case 2 -> tests = tests.replaceFirst("<c r=\"A1\"[^>]*?(?:/>|>.*?</c>)",
                    "<c r=\"A1\" t=\"inlineStr\"><is><t>Cas</t></is></c>");
            case 3 -> workbook = workbook.replaceFirst("<sheet name=\"Tests\"[^>]*/>", "");
            default -> {
                int row = 2 + random.nextInt(rows.size() - 1);
                tests = tests.replaceFirst("<c r=\"A" + row + "\"[^>]*?(?:/>|>.*?</c>)", "");
            }
        }
        Map<String, byte[]> mutated = new LinkedHashMap<>(parts);
        mutated.put("xl/worksheets/sheet2.xml", tests.getBytes(StandardCharsets.UTF_8));
        mutated.put("xl/workbook.xml", workbook.getBytes(StandardCharsets.UTF_8));
        return zip(mutated);
    }

    private static byte[] zip(Map<String, byte[]> parts) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> part : parts.entrySet()) {
                zip.putNextEntry(new ZipEntry(part.getKey()));
                zip.write(part.getValue());
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private static String xml(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(c -> {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '&' -> out.append("&amp;");
                case '>' -> out.append("&gt;");
                default -> {
                    if (c >= 0x20 || c == '\t' || c == '\n') {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.toString();
    }

    static Map<String, byte[]> unzip(byte[] workbook) throws IOException {
        Map<String, byte[]> parts = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(workbook))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                parts.put(entry.getName(), zip.readAllBytes());
            }
        }
        return parts;
    }

    private static byte[] mutateBytes(byte[] original, Random random) {
        byte[] bytes = random.nextBoolean() ? original.clone() : Arrays.copyOf(original, random.nextInt(original.length));
        for (int flips = 1 + random.nextInt(8); flips > 0 && bytes.length > 0; flips--) {
            bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return bytes;
    }

    private static byte[] mutateWorkbook(byte[] original, Random random) throws IOException {
        try (Workbook book = WorkbookFactory.create(new ByteArrayInputStream(original))) {
            Sheet sheet = book.getSheetAt(0);
            for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
                switch (random.nextInt(8)) {
                    case 0, 1, 2 -> {
                        Cell cell = cellAt(sheet, random.nextInt(16), random.nextInt(9));
                        cell.setCellValue(randomText(random));
                    }
                    case 3 -> {
                        Cell cell = cellAt(sheet, 9 + random.nextInt(6), random.nextInt(8));
                        switch (random.nextInt(4)) {
                            case 0 -> cell.setCellValue(random.nextGaussian() * 1e7);
                            case 1 -> cell.setCellValue(random.nextBoolean());
                            case 2 -> cell.setBlank();
                            default -> cell.setCellFormula(random.nextBoolean() ? "1+" + random.nextInt(100) : "A1&\"x\"");
                        }
                    }
                    case 4 -> {
                        String at = KEYWORD_CELLS[random.nextInt(KEYWORD_CELLS.length)];
                        Row row = sheet.getRow(Integer.parseInt(at.substring(1)) - 1);
                        Cell cell = row == null ? null : row.getCell(at.charAt(0) - 'A');
                        if (cell != null) {
                            row.removeCell(cell);
                        }
                    }
                    case 5 -> {
                        Row row = sheet.getRow(random.nextInt(15));
                        if (row != null) {
                            sheet.removeRow(row);
                        }
                    }
                    case 6 -> sheet.shiftRows(random.nextInt(14), sheet.getLastRowNum(), random.nextBoolean() ? 1 : -1);
                    default -> book.setSheetName(random.nextInt(book.getNumberOfSheets()), random.nextBoolean() ? "Tests"
                            : "S" + random.nextInt(1000));
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            book.write(out);
            return out.toByteArray();
        } catch (IllegalArgumentException | IllegalStateException e) {
            return mutateBytes(original, random); // POI refused the edit itself (e.g. a duplicate sheet name)
        }
    }

    private static Cell cellAt(Sheet sheet, int row, int column) {
        Row r = sheet.getRow(row) == null ? sheet.createRow(row) : sheet.getRow(row);
        return r.getCell(column) == null ? r.createCell(column) : r.getCell(column);
    }

    private static String randomText(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> ODD_VALUES[random.nextInt(ODD_VALUES.length)];
            case 1 -> Long.toString(random.nextLong() % 1_000_000_000L);
            case 2 -> "x".repeat(1 + random.nextInt(5000));
            default -> {
                StringBuilder text = new StringBuilder();
                for (int n = random.nextInt(30); n > 0; n--) {
                    text.append((char) (32 + random.nextInt(400)));
                }
                yield text.toString();
            }
        };
    }
}
