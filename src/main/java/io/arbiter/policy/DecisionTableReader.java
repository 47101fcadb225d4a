package io.arbiter.policy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.drools.decisiontable.InputType;
import org.drools.decisiontable.parser.DefaultRuleSheetListener;
import org.drools.decisiontable.parser.xls.ExcelParser;
import org.drools.template.model.DRLOutput;
import org.drools.template.model.Package;
import org.drools.template.model.Rule;
import org.drools.template.parser.DataListener;
import org.drools.template.parser.DecisionTableParseException;
import org.jspecify.annotations.Nullable;

/**
 * Turns a decision table ({@code .drl.xlsx}, {@code .drl.xls}, {@code .drl.csv}) into DRL with Drools' own parser, sheet
 * by sheet, and keeps what Drools drops: each rule's sheet, row and DESCRIPTION cell. The {@code Tests} sheet holds
 * scenarios, not rules.
 */
final class DecisionTableReader {

    static final String TESTS_SHEET = "Tests";
    private static final Pattern CELL_IN_MESSAGE = Pattern.compile("\\b([A-Z]{1,3}[1-9][0-9]*)\\b");

    private DecisionTableReader() {
    }

    static List<RuleSource> read(PolicyFile file) {
        AtomicReference<String> sheetBeingParsed = new AtomicReference<>();
        if (file.isCsvTable()) {
            CapturingListener listener = new CapturingListener(null, sheetBeingParsed);
            byte[] utf8 = PolicyFileGuard.csvAsUtf8(file);
            parse(file, sheetBeingParsed, () -> InputType.CSV.createParser(listener).parseFile(new ByteArrayInputStream(utf8)));
            return listener.hasRuleTable() ? List.of(toSource(file, null, listener)) : List.of();
        }
        List<PolicyProblem> unopenable = PolicyFileGuard.inspectBytes(file);
        if (!unopenable.isEmpty()) {
            throw new PolicyLoadException(unopenable);
        }
        Map<String, CapturingListener> bySheet = new LinkedHashMap<>();
        try (Workbook workbook = WorkbookFactory.create(new ByteArrayInputStream(file.content()))) {
            List<PolicyProblem> surprises = PolicyFileGuard.inspectWorkbook(file, workbook);
            if (!surprises.isEmpty()) {
                throw new PolicyLoadException(surprises);
            }
            for (Sheet sheet : workbook) {
                if (!sheet.getSheetName().equalsIgnoreCase(TESTS_SHEET)) {
                    bySheet.put(sheet.getSheetName(), new CapturingListener(sheet.getSheetName(), sheetBeingParsed));
                }
            }
            Map<String, List<DataListener>> listeners = new HashMap<>();
            bySheet.forEach((sheet, listener) -> listeners.put(sheet, List.of(listener)));
            parse(file, sheetBeingParsed, () -> new ExcelParser(listeners).parseWorkbook(workbook));
        } catch (IOException | RuntimeException e) {
            if (e instanceof PolicyLoadException loadException) {
                throw loadException;
            }
            throw new PolicyLoadException(List.of(new PolicyProblem(file.name(), null, null,
                    "is not a readable Excel workbook (" + e.getMessage() + ")")));
        }
        List<RuleSource> sources = new ArrayList<>();
        bySheet.forEach((sheet, listener) -> {
            if (listener.hasRuleTable()) {
                sources.add(toSource(file, sheet, listener));
            }
        });
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
        } catch (DecisionTableParseException | IllegalArgumentException | IllegalStateException e) {
            throw new PolicyLoadException(List.of(problem(file.name(), sheetBeingParsed.get(), e.getMessage())));
        }
    }

    private static RuleSource toSource(PolicyFile file, @Nullable String sheet, CapturingListener listener) {
        Package ruleSet;
        try {
            ruleSet = listener.getRuleSet();
        } catch (DecisionTableParseException e) {
            throw new PolicyLoadException(List.of(problem(file.name(), sheet, e.getMessage())));
        }
        Stage stage = Stage.ofRuleSet(ruleSet.getName());
        if (stage == null) {
            throw new PolicyLoadException(List.of(new PolicyProblem(file.name(), sheet, listener.cellRightOf("RuleSet"),
                    "RuleSet '" + ruleSet.getName() + "' is not a stage of the pipeline; use one of " + Stage.ruleSetNames())));
        }
        Map<String, Reason> reasons = new LinkedHashMap<>();
        for (Rule rule : ruleSet.getRules()) {
            int row = rule.getSpreadsheetRowNumber();
            String name = rule.getName().replaceAll("^\"|\"$", "");
            reasons.put(name, new Reason(file.name(), sheet, row, name, listener.descriptionOf(row)));
        }
        DRLOutput out = new DRLOutput();
        ruleSet.renderDRL(out);
        String origin = sheet == null ? file.name() : file.name() + "!" + sheet;
        return new RuleSource(origin, file.name(), stage, out.getDRL(), reasons, listener.cellsByRow());
    }

    private static PolicyProblem problem(String file, @Nullable String sheet, @Nullable String message) {
        String text = message == null ? "cannot be parsed as a decision table" : message;
        Matcher cell = CELL_IN_MESSAGE.matcher(text);
        return new PolicyProblem(file, sheet, cell.find() ? cell.group(1) : null, text);
    }

    /** Column letters of a zero-based column index: 0 → A, 27 → AB. */
    static String columnName(int column) {
        StringBuilder name = new StringBuilder();
        for (int c = column + 1; c > 0; c = (c - 1) / 26) {
            name.insert(0, (char) ('A' + (c - 1) % 26));
        }
        return name.toString();
    }

    /** Drools' own listener, which also remembers every cell so that rules can be traced back to their rows. */
    private static final class CapturingListener extends DefaultRuleSheetListener {

        private final Map<Integer, Map<Integer, String>> cells = new TreeMap<>();
        private final @Nullable String sheet;
        private final AtomicReference<String> sheetBeingParsed;
        private @Nullable TreeMap<Integer, List<Integer>> descriptionColumns;

        CapturingListener(@Nullable String sheet, AtomicReference<String> sheetBeingParsed) {
            this.sheet = sheet;
            this.sheetBeingParsed = sheetBeingParsed;
        }

        @Override
        public void newRow(int rowNumber, int columns) {
            sheetBeingParsed.set(sheet);
            super.newRow(rowNumber, columns);
        }

        @Override
        public void newCell(int row, int column, String value, int mergedColStart) {
            if (value != null && !value.isBlank()) {
                cells.computeIfAbsent(row, r -> new TreeMap<>()).put(column, value.trim());
            }
            super.newCell(row, column, value, mergedColStart);
        }

        Map<Integer, Map<Integer, String>> cellsByRow() {
            Map<Integer, Map<Integer, String>> byRow = new TreeMap<>();
            cells.forEach((row, columns) -> byRow.put(row + 1, Map.copyOf(columns)));
            return byRow;
        }

        boolean hasRuleTable() {
            return cells.values().stream().flatMap(r -> r.values().stream()).anyMatch(CapturingListener::isRuleTable);
        }

        @Nullable String cellRightOf(String keyword) {
            for (var row : cells.entrySet()) {
                for (var cell : row.getValue().entrySet()) {
                    if (cell.getValue().equalsIgnoreCase(keyword)) {
                        return columnName(cell.getKey() + 1) + (row.getKey() + 1);
                    }
                }
            }
            return null;
        }

        /** The DESCRIPTION cell of the rule on this spreadsheet row (1-based), found under its RuleTable's header. */
        String descriptionOf(int spreadsheetRow) {
            int rowIndex = spreadsheetRow - 1;
            var table = descriptionColumns().lowerEntry(rowIndex);
            if (table != null) {
                Map<Integer, String> cells = this.cells.getOrDefault(rowIndex, Map.of());
                for (int column : table.getValue()) {
                    String description = cells.get(column);
                    if (description != null) {
                        return description;
                    }
                }
            }
            return "row " + spreadsheetRow;
        }

        /**
         * By the row of each RuleTable cell (the last one when a row has several), the DESCRIPTION columns of its header
         * from its column on, in order. Built once, after parsing: looking the table up anew for every rule made reading a
         * 10,000-row table quadratic.
         */
        private TreeMap<Integer, List<Integer>> descriptionColumns() {
            if (descriptionColumns == null) {
                descriptionColumns = new TreeMap<>();
                for (var row : cells.entrySet()) {
                    Integer tableColumn = null;
                    for (var cell : row.getValue().entrySet()) {
                        if (isRuleTable(cell.getValue())) {
                            tableColumn = cell.getKey();
                        }
                    }
                    if (tableColumn != null) {
                        List<Integer> columns = new ArrayList<>();
                        for (var cell : cells.getOrDefault(row.getKey() + 1, Map.of()).entrySet()) {
                            if (cell.getKey() >= tableColumn && cell.getValue().equalsIgnoreCase("DESCRIPTION")) {
                                columns.add(cell.getKey());
                            }
                        }
                        descriptionColumns.put(row.getKey(), columns);
                    }
                }
            }
            return descriptionColumns;
        }

        private static boolean isRuleTable(String value) {
            String lower = value.toLowerCase(Locale.ROOT);
            return lower.equals("ruletable") || lower.startsWith("ruletable ");
        }
    }
}
