package io.arbiter.policy.compile;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.poi.ss.usermodel.FormulaEvaluator;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.drools.decisiontable.InputType;
import org.drools.template.model.DRLOutput;
import org.drools.template.model.Package;
import org.drools.template.model.Rule;
import org.drools.template.parser.DecisionTableParseException;
import org.jspecify.annotations.Nullable;

import io.arbiter.policy.PolicyLoadException;
import io.arbiter.policy.PolicyProblem;
import io.arbiter.policy.Reason;
import io.arbiter.policy.Stage;

/**
 * Turns a decision table ({@code .drl.xlsx}, {@code .drl.xls}, {@code .drl.csv}) into DRL with Drools' own rule sheet
 * listener, sheet by sheet, reading each cell as its author sees it ({@link WorkbookSheetReader},
 * {@link RuleSheetCapture}), and keeps what Drools drops: each rule's sheet, row and DESCRIPTION cell. A sheet of
 * scenarios ({@link ScenarioSheets}) holds tests, not rules.
 */
public final class DecisionTableReader {

    private static final Pattern CELL_IN_MESSAGE = Pattern.compile("\\b([A-Z]{1,3}[1-9][0-9]*)\\b");

    private DecisionTableReader() {
    }

    public static List<RuleSource> read(PolicyFile file) {
        AtomicReference<String> sheetBeingParsed = new AtomicReference<>();
        if (file.isCsvTable()) {
            RuleSheetCapture listener = new RuleSheetCapture(file.name(), null, sheetBeingParsed);
            byte[] utf8 = PolicyFileGuard.csvAsUtf8(file);
            parse(file, sheetBeingParsed, () -> InputType.CSV.createParser(listener).parseFile(new ByteArrayInputStream(utf8)));
            return listener.hasRuleTable() ? List.of(toSource(file, null, listener)) : List.of();
        }
        List<PolicyProblem> unopenable = PolicyFileGuard.inspectBytes(file);
        if (!unopenable.isEmpty()) {
            throw new PolicyLoadException(unopenable);
        }
        List<RuleSource> sources = new ArrayList<>();
        try (Workbook workbook = PolicyFileGuard.open(file)) {
            List<PolicyProblem> surprises = PolicyFileGuard.inspectWorkbook(file, workbook);
            if (!surprises.isEmpty()) {
                throw new PolicyLoadException(surprises);
            }
            FormulaEvaluator evaluator = workbook.getCreationHelper().createFormulaEvaluator();
            for (Sheet sheet : workbook) {
                if (ScenarioSheets.isScenarioSheet(sheet)) {
                    continue;
                }
                RuleSheetCapture listener = new RuleSheetCapture(file.name(), sheet.getSheetName(), sheetBeingParsed);
                parse(file, sheetBeingParsed, () -> WorkbookSheetReader.read(sheet, evaluator, listener));
                if (listener.hasRuleTable()) {
                    sources.add(toSource(file, sheet.getSheetName(), listener));
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof PolicyLoadException loadException) {
                throw loadException;
            }
            throw new PolicyLoadException(List.of(new PolicyProblem(file.name(), sheetBeingParsed.get(), null,
                    "is not a readable Excel workbook (" + DroolsTableMessages.explain(e) + ")")));
        }
        if (sources.isEmpty()) {
            throw new PolicyLoadException(List.of(new PolicyProblem(file.name(), null, null,
                    "has no sheet with a 'RuleTable' cell, so it holds no rules")));
        }
        return sources;
    }

    /** Drools' parse errors name a cell but not its sheet: the listeners say which sheet the parser was on. */
    private static void parse(PolicyFile file, AtomicReference<String> sheetBeingParsed, Runnable parsing) {
        try {
            parsing.run();
        } catch (DecisionTableParseException | IllegalArgumentException | IllegalStateException | NullPointerException e) {
            throw new PolicyLoadException(List.of(problem(file.name(), sheetBeingParsed.get(), e)));
        }
    }

    private static RuleSource toSource(PolicyFile file, @Nullable String sheet, RuleSheetCapture listener) {
        Package ruleSet;
        try {
            ruleSet = listener.getRuleSet();
        } catch (DecisionTableParseException | NullPointerException e) {
            throw new PolicyLoadException(List.of(problem(file.name(), sheet, e)));
        }
        Stage stage = Stage.ofRuleSet(ruleSet.getName());
        if (stage == null) {
            throw new PolicyLoadException(List.of(new PolicyProblem(file.name(), sheet, listener.cellRightOf("RuleSet"),
                    "RuleSet '" + ruleSet.getName() + "' is not a stage of the pipeline; use one of " + Stage.ruleSetNames())));
        }
        Map<Integer, Map<Integer, String>> cells = listener.cellsByRow();
        List<RuleTableLayout> tables = RuleTableLayout.of(cells);
        Map<String, Reason> reasons = new LinkedHashMap<>();
        for (Rule rule : ruleSet.getRules()) {
            int row = rule.getSpreadsheetRowNumber();
            String name = rule.getName().replaceAll("^\"|\"$", "");
            RuleTableLayout table = RuleTableLayout.holding(tables, row);
            reasons.put(name, new Reason(file.name(), sheet, row, name, table == null ? "row " + row : table.descriptionOf(cells, row)));
        }
        DRLOutput out = new DRLOutput();
        ruleSet.renderDRL(out);
        String origin = sheet == null ? file.name() : file.name() + "!" + sheet;
        return new RuleSource(origin, file.name(), stage, out.getDRL(), reasons, cells);
    }

    /** Drools names the cell in its message, when it names one: the problem is put there, in words that say the fix. */
    private static PolicyProblem problem(String file, @Nullable String sheet, RuntimeException e) {
        Matcher cell = CELL_IN_MESSAGE.matcher(e.getMessage() == null ? "" : e.getMessage());
        return new PolicyProblem(file, sheet, cell.find() ? cell.group(1) : null, DroolsTableMessages.explain(e));
    }

    /** Column letters of a zero-based column index: 0 → A, 27 → AB. */
    public static String columnName(int column) {
        StringBuilder name = new StringBuilder();
        for (int c = column + 1; c > 0; c = (c - 1) / 26) {
            name.insert(0, (char) ('A' + (c - 1) % 26));
        }
        return name.toString();
    }
}
