package io.arbiter.policy.analysis;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.jspecify.annotations.Nullable;

import io.arbiter.policy.PolicyLoadException;
import io.arbiter.policy.PolicyProblem;
import io.arbiter.policy.compile.DecisionTableReader;
import io.arbiter.policy.compile.PolicyFile;
import io.arbiter.policy.compile.PolicyFileGuard;
import io.arbiter.policy.compile.RuleSource;
import io.arbiter.policy.compile.ScenarioSheets;

/** The tables of a policy file as {@link PolicyDiff} compares them: RuleTables and the Tests sheet, row by row. */
final class DiffedTables {

    static final String SCENARIOS = " (scenarios)";

    private DiffedTables() {
    }

    /** A RuleTable of a sheet: its label row and its data rows, each row its cells by column label. */
    record Table(String file, @Nullable String sheet, String name, List<Row> rows) {

        String key() {
            return (sheet == null ? "" : sheet) + "\u0000" + name;
        }
    }

    record Row(int spreadsheetRow, String rule, String conditionKey, String conditions,
            Map<String, Cell> cells) {
    }

    record Cell(String reference, String value) {
    }

    /**
     * The RuleTables of a table file, from the cells Drools' parser saw. A RuleTable's next row holds the column
     * keywords (CONDITION, ACTION, …), the fourth row after it the labels; its data rows follow until a blank row or the
     * next RuleTable.
     */
    static Map<String, Table> read(PolicyFile file) {
        Map<String, Table> tables = new LinkedHashMap<>();
        for (RuleSource source : DecisionTableReader.read(file)) {
            String sheet = source.origin().contains("!") ? source.origin().substring(source.origin().indexOf('!') + 1) : null;
            TreeMap<Integer, Map<Integer, String>> cells = new TreeMap<>(source.cells());
            for (var entry : cells.entrySet()) {
                for (var cell : entry.getValue().entrySet()) {
                    String value = cell.getValue();
                    String lower = value.toLowerCase(Locale.ROOT);
                    if (lower.equals("ruletable") || lower.startsWith("ruletable ")) {
                        Table table = table(file.name(), sheet, value.substring("ruletable".length()).trim(),
                                entry.getKey(), cell.getKey(), cells);
                        tables.put(table.key(), table);
                    }
                }
            }
        }
        readScenarios(file, tables);
        return tables;
    }

    /**
     * The {@code Tests} sheet of a workbook as one more table: its header row starts with {@code Scenario}, and each
     * scenario is identified by its name (column A), as a rule row is by its conditions.
     */
    private static void readScenarios(PolicyFile file, Map<String, Table> tables) {
        if (!file.isWorkbook()) {
            return;
        }
        try (Workbook workbook = PolicyFileGuard.open(file)) {
            for (Sheet sheet : workbook) {
                if (!ScenarioSheets.isScenarioSheet(sheet)) {
                    continue;
                }
                Map<Integer, String> header = null;
                List<Row> rows = new ArrayList<>();
                for (org.apache.poi.ss.usermodel.Row row : sheet) {
                    String first = Scenarios.text(row.getCell(0));
                    if (header == null) {
                        if (ScenarioSheets.isHeader(first)) {
                            header = new LinkedHashMap<>();
                            for (org.apache.poi.ss.usermodel.Cell cell : row) {
                                String label = Scenarios.text(cell);
                                if (!label.isEmpty()) {
                                    header.put(cell.getColumnIndex(), label);
                                }
                            }
                        }
                        continue;
                    }
                    if (first.isEmpty()) {
                        continue;
                    }
                    Map<String, Cell> cells = new LinkedHashMap<>();
                    for (var column : header.entrySet()) {
                        String value = Scenarios.text(row.getCell(column.getKey()));
                        if (!value.isEmpty()) {
                            cells.put(column.getValue(), new Cell(
                                    DecisionTableReader.columnName(column.getKey()) + (row.getRowNum() + 1), value));
                        }
                    }
                    rows.add(new Row(row.getRowNum() + 1, first, first, first, cells));
                }
                Table table = new Table(file.name(), sheet.getSheetName(), sheet.getSheetName() + SCENARIOS, rows);
                tables.put(table.key(), table);
            }
        } catch (IOException e) {
            throw new PolicyLoadException(List.of(new PolicyProblem(file.name(), null, null, "is not a readable workbook")));
        }
    }

    private static Table table(String file, @Nullable String sheet, String name, int ruleTableRow, int firstColumn,
            TreeMap<Integer, Map<Integer, String>> cells) {
        Map<Integer, String> keywords = new TreeMap<>(cells.getOrDefault(ruleTableRow + 1, Map.of()));
        keywords.keySet().removeIf(column -> column < firstColumn);
        Map<Integer, String> labelRow = cells.getOrDefault(ruleTableRow + 4, Map.of());
        Map<Integer, String> labels = new LinkedHashMap<>();
        Map<String, Integer> used = new LinkedHashMap<>();
        for (var keyword : keywords.entrySet()) {
            String label = labelRow.get(keyword.getKey());
            if (label == null) {
                label = keyword.getValue() + " " + DecisionTableReader.columnName(keyword.getKey());
            }
            int count = used.merge(label, 1, Integer::sum);
            labels.put(keyword.getKey(), count == 1 ? label : label + " (" + count + ")");
        }
        List<Row> rows = new ArrayList<>();
        for (int r = ruleTableRow + 5; ; r++) {
            Map<Integer, String> row = cells.get(r);
            if (row == null || row.keySet().stream().noneMatch(labels::containsKey) || isRuleTable(row)) {
                break;
            }
            Map<String, Cell> byLabel = new LinkedHashMap<>();
            List<String> conditions = new ArrayList<>();
            for (var column : labels.entrySet()) {
                String value = row.get(column.getKey());
                if (keywords.get(column.getKey()).toUpperCase(Locale.ROOT).startsWith("CONDITION")) {
                    conditions.add(value == null ? "" : value);
                }
                if (value != null) {
                    byLabel.put(column.getValue(), new Cell(DecisionTableReader.columnName(column.getKey()) + r, value));
                }
            }
            String shown = String.join(" / ", conditions.stream().map(c -> c.isEmpty() ? "–" : c).toList());
            rows.add(new Row(r, name.replace(' ', '_') + "_" + r, String.join("\u0000", conditions), shown, byLabel));
        }
        return new Table(file, sheet, name, rows);
    }

    private static boolean isRuleTable(Map<Integer, String> row) {
        return row.values().stream().map(v -> v.toLowerCase(Locale.ROOT))
                .anyMatch(v -> v.equals("ruletable") || v.startsWith("ruletable "));
    }

    // ---------------------------------------------------------------- DRL files
}
