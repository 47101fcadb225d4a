package io.arbiter.policy.analysis;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.jspecify.annotations.Nullable;

import io.arbiter.policy.Applicant;
import io.arbiter.policy.CompiledPolicy;
import io.arbiter.policy.Given;
import io.arbiter.policy.Pipeline;
import io.arbiter.policy.PolicyEvaluation;
import io.arbiter.policy.PolicyLoadException;
import io.arbiter.policy.PolicyProblem;
import io.arbiter.policy.Reason;
import io.arbiter.policy.ScenarioResult;
import io.arbiter.policy.compile.DecisionTableReader;
import io.arbiter.policy.compile.PolicyFile;
import io.arbiter.policy.compile.PolicyFileGuard;
import io.arbiter.policy.compile.RuleSheetCapture;
import io.arbiter.policy.compile.ScenarioSheets;
import io.arbiter.policy.compile.WorkbookSheetReader;

/**
 * The scenarios of a workbook's {@code Tests} sheet. Its header row starts with {@code Scenario}; the other columns are
 * inputs named after {@link Applicant}'s fields (or {@code segment} / {@code risk class} to take a stage's answer as
 * given) and expected outputs headed {@code Expected <output>}. Inputs left empty keep {@link Applicant#builder()}'s
 * defaults; a bureau field implies a bureau report and a payment-history field implies a history.
 */
public final class Scenarios {

    public record Scenario(String file, String sheet, int row, String name, Map<String, String> inputs,
            Map<String, String> expected, Map<String, String> cells) {

        /** Each expected output the run did not give, at its cell; {@code same} compares an output's expected text and value. */
        <T> List<ScenarioResult.Mismatch> mismatches(Function<String, T> actual, Comparison<T> same) {
            List<ScenarioResult.Mismatch> mismatches = new ArrayList<>();
            expected.forEach((output, wanted) -> {
                T got = actual.apply(output);
                if (!same.same(output, wanted, got)) {
                    mismatches.add(new ScenarioResult.Mismatch(output, cells.get(EXPECTED + output), wanted,
                            String.valueOf(got)));
                }
            });
            return mismatches;
        }

        ScenarioResult result(List<ScenarioResult.Mismatch> mismatches, List<String> firedRules) {
            return new ScenarioResult(file, sheet, row, name, mismatches.isEmpty(), mismatches, firedRules);
        }

        /** Input {@code input} as a number ({@code otherwise} when absent); a cell that is not one is the author's error. */
        BigDecimal number(String input, @Nullable String otherwise, String label) {
            String value = inputs.getOrDefault(input, otherwise == null ? "" : otherwise);
            try {
                return new BigDecimal(value);
            } catch (NumberFormatException e) {
                throw new PolicyLoadException(List.of(new PolicyProblem(file, sheet, cells.get(input),
                        "'" + value + "' is not a number (" + label + ")")));
            }
        }
    }

    /** Whether output {@code output}'s value {@code actual} is what the author expected. */
    @FunctionalInterface
    interface Comparison<T> {
        boolean same(String output, String expected, T actual);
    }

    private static final String EXPECTED = "expected";
    private static final java.util.regex.Pattern PERCENTAGE = java.util.regex.Pattern.compile("(-?[0-9]+(?:[.,][0-9]+)?)\\s*%");
    private static final Map<String, Function<PolicyEvaluation, Object>> OUTPUTS = outputs();

    private Scenarios() {
    }

    public static List<Scenario> read(PolicyFile file) {
        if (!file.isWorkbook()) {
            return List.of();
        }
        try (Workbook workbook = PolicyFileGuard.open(file)) {
            List<Scenario> scenarios = new ArrayList<>();
            for (Sheet sheet : workbook) {
                if (ScenarioSheets.isScenarioSheet(sheet)) {
                    scenarios.addAll(read(file.name(), sheet));
                }
            }
            return scenarios;
        } catch (IOException e) {
            throw new PolicyLoadException(List.of(new PolicyProblem(file.name(), null, null, "is not a readable workbook")));
        }
    }

    private static List<Scenario> read(String file, Sheet sheet) {
        List<Scenario> scenarios = new ArrayList<>();
        List<PolicyProblem> problems = new ArrayList<>();
        Map<Integer, String> header = null;
        for (Row row : sheet) {
            String first = text(row.getCell(0));
            if (header == null) {
                if (ScenarioSheets.isHeader(first)) {
                    header = new LinkedHashMap<>();
                    for (Cell cell : row) {
                        String name = key(text(cell));
                        if (cell.getColumnIndex() > 0 && !name.isEmpty()) {
                            if (!isKnown(name)) {
                                problems.add(new PolicyProblem(file, sheet.getSheetName(), ref(cell), "'" + text(cell)
                                        + "' is neither an input (" + String.join(", ", ScenarioApplicants.names())
                                        + ") nor an expected output (Expected " + String.join(", Expected ", OUTPUTS.keySet()) + ")"));
                            }
                            header.put(cell.getColumnIndex(), name);
                        }
                    }
                }
                continue;
            }
            if (first.isEmpty()) {
                continue;
            }
            Map<String, String> inputs = new LinkedHashMap<>();
            Map<String, String> expected = new LinkedHashMap<>();
            Map<String, String> cells = new LinkedHashMap<>();
            for (var column : header.entrySet()) {
                Cell cell = row.getCell(column.getKey());
                String value = percentAware(cell, column.getValue());
                if (value.isEmpty()) {
                    continue;
                }
                String name = column.getValue();
                cells.put(name, DecisionTableReader.columnName(column.getKey()) + (row.getRowNum() + 1));
                if (name.startsWith(EXPECTED)) {
                    expected.put(name.substring(EXPECTED.length()), value);
                } else {
                    inputs.put(name, value);
                }
            }
            scenarios.add(new Scenario(file, sheet.getSheetName(), row.getRowNum() + 1, first, inputs, expected, cells));
        }
        if (header == null) {
            problems.add(new PolicyProblem(file, sheet.getSheetName(), "A1", "has no header row starting with 'Scenario'"));
        }
        if (!problems.isEmpty()) {
            throw new PolicyLoadException(problems);
        }
        return scenarios;
    }

    public static ScenarioResult run(CompiledPolicy policy, Scenario scenario) {
        if (EscalationScenarios.isEscalation(scenario)) {
            return EscalationScenarios.run(policy, scenario);
        }
        if (ApprovalScenarios.isApproval(scenario)) {
            return ApprovalScenarios.run(policy, scenario);
        }
        Given given = new Given(scenario.inputs().get("segment"), upper(scenario.inputs().get("riskclass")));
        PolicyEvaluation evaluation = Pipeline.evaluate(policy, ScenarioApplicants.of(scenario), given);
        List<ScenarioResult.Mismatch> mismatches = scenario.mismatches(output -> OUTPUTS.get(output).apply(evaluation),
                (output, expected, actual) -> same(expected, actual));
        return scenario.result(mismatches, evaluation.reasons().stream().map(Reason::ruleName).toList());
    }

    public static PolicyProblem problemOf(ScenarioResult result) {
        ScenarioResult.Mismatch first = result.mismatches().getFirst();
        String detail = result.mismatches().stream()
                .map(m -> m.output() + " expected " + m.expected() + " but was " + m.actual())
                .reduce((a, b) -> a + "; " + b).orElse("");
        return new PolicyProblem(result.file(), result.sheet(), first.cell(), "scenario '" + result.name() + "' (row "
                + result.row() + ") fails: " + detail + " (rules fired: " + String.join(", ", result.firedRules()) + ")");
    }

    private static boolean same(String expected, @Nullable Object actual) {
        if (actual instanceof Number) {
            return sameNumber(expected, actual.toString());
        }
        return expected.equalsIgnoreCase(String.valueOf(actual));
    }

    static boolean sameNumber(String expected, String actual) {
        try {
            return !actual.isEmpty() && new BigDecimal(expected).compareTo(new BigDecimal(actual)) == 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean isKnown(String name) {
        return ScenarioApplicants.isInput(name) || name.equals("segment") || name.equals("riskclass") || EscalationScenarios.isKnown(name)
                || ApprovalScenarios.isKnown(name)
                || name.startsWith(EXPECTED) && OUTPUTS.containsKey(name.substring(EXPECTED.length()));
    }

    private static Map<String, Function<PolicyEvaluation, Object>> outputs() {
        Map<String, Function<PolicyEvaluation, Object>> outputs = new LinkedHashMap<>();
        outputs.put("segment", e -> e.segment().name());
        outputs.put("dunningplan", e -> e.segment().dunningPlan());
        outputs.put("score", e -> e.score().total());
        outputs.put("riskclass", PolicyEvaluation::riskClass);
        outputs.put("internallimit", e -> e.limit().internal().amount());
        outputs.put("grantedlimit", e -> e.limit().granted().amount());
        outputs.put("outcome", PolicyEvaluation::outcome);
        return outputs;
    }

    /** Header text compared loosely: "Expected risk class", "expectedRiskClass" and "EXPECTED RISK CLASS" are one. */
    static String key(String header) {
        return header.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    private static @Nullable String upper(@Nullable String value) {
        return value == null ? null : value.toUpperCase(Locale.ROOT);
    }

    private static String ref(Cell cell) {
        return DecisionTableReader.columnName(cell.getColumnIndex()) + (cell.getRowIndex() + 1);
    }

    /**
     * A cell's text, a percentage read by its column as in the rule sheets: {@code 10%} under a percent field
     * ({@code poolLateSharePercent}) is 10, elsewhere 0.1.
     */
    private static String percentAware(@Nullable Cell cell, String header) {
        String value = text(cell);
        boolean percentFormatted = cell != null && cell.getCellType() == CellType.NUMERIC && cell.getCellStyle() != null
                && cell.getCellStyle().getDataFormatString().replaceAll("\"[^\"]*\"", "").contains("%");
        java.util.regex.Matcher typed = PERCENTAGE.matcher(value);
        if (header.endsWith("percent") && (percentFormatted || typed.matches())) {
            BigDecimal number = percentFormatted ? new BigDecimal(value).movePointRight(2)
                    : new BigDecimal(typed.group(1).replace(',', '.'));
            return WorkbookSheetReader.plain(number);
        }
        return typed.matches() ? WorkbookSheetReader.plain(new BigDecimal(typed.group(1).replace(',', '.')).movePointLeft(2)) : value;
    }

    static String text(@Nullable Cell cell) {
        if (cell == null) {
            return "";
        }
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        return switch (type) {
            case NUMERIC -> WorkbookSheetReader.plain(BigDecimal.valueOf(cell.getNumericCellValue()));
            case BOOLEAN -> String.valueOf(cell.getBooleanCellValue());
            case STRING -> RuleSheetCapture.normalised(cell.getStringCellValue()).strip();
            default -> "";
        };
    }
}
