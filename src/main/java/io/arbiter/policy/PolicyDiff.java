package io.arbiter.policy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;

import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.jspecify.annotations.Nullable;

/**
 * What changed between two versions of the policy, file by file, table by table, row by row.
 *
 * <p>A table is named by its file, sheet and RuleTable name. Its rows are matched by their <em>condition cells</em>
 * (the columns headed {@code CONDITION}), not by their position: the longest common subsequence of the two tables'
 * condition keys pairs rows whose conditions did not change, so inserting or removing a row does not show every row
 * after it as changed. Rows left over between two matched rows are paired in order as changed (their conditions
 * changed); whatever is still left over was added or removed. Columns are matched by their label (the table's label
 * row, e.g. "Internal limit (€)"), so a cell keeps its label even if its column letter moves. A workbook's
 * {@code Tests} sheet is compared the same way, each scenario identified by its name. DRL files are compared rule by
 * rule, by rule name.
 */
final class PolicyDiff {

    /** The name a scenario sheet has as a table of the diff: {@code Tests (scenarios)}. */
    private static final String SCENARIOS = " (scenarios)";

    /** The whole difference; {@code from} and {@code to} are the versions' labels. */
    record Result(String from, String to, List<FileChange> files) {

        boolean isEmpty() {
            return files.isEmpty();
        }
    }

    /** A file added, removed or changed; a changed file lists its changed tables or rules. */
    record FileChange(String name, Change change, List<TableChange> tables, List<RuleChange> rules) {
    }

    enum Change {
        ADDED, REMOVED, CHANGED
    }

    /** A table (sheet + RuleTable name) whose rows changed; {@code sheet} is null for a CSV table. */
    record TableChange(String file, @Nullable String sheet, String table, Change change, List<RowChange> rows) {
    }

    /**
     * A row added, removed or changed: the rule it makes in each version ({@code <RuleTable>_<row>}), its condition values
     * ("SME / A") and, for a changed row, each changed cell.
     */
    record RowChange(Change change, @Nullable String fromRule, @Nullable String toRule, @Nullable Integer fromRow,
            @Nullable Integer toRow, String conditions, List<CellChange> cells) {
    }

    /** One cell: its column label, where it is in each version (C15 → C16), its old and new values (null when blank). */
    record CellChange(String column, @Nullable String fromCell, @Nullable String toCell, @Nullable String from,
            @Nullable String to) {
    }

    /** A DRL rule added, removed or whose text changed. */
    record RuleChange(String rule, Change change, @Nullable String from, @Nullable String to) {
    }

    private PolicyDiff() {
    }

    static Result diff(String fromLabel, List<PolicyFile> from, String toLabel, List<PolicyFile> to) {
        Map<String, PolicyFile> before = byName(from);
        Map<String, PolicyFile> after = byName(to);
        TreeSet<String> names = new TreeSet<>(before.keySet());
        names.addAll(after.keySet());
        List<FileChange> changes = new ArrayList<>();
        for (String name : names) {
            PolicyFile old = before.get(name);
            PolicyFile now = after.get(name);
            if (old == null) {
                changes.add(new FileChange(name, Change.ADDED, List.of(), List.of()));
            } else if (now == null) {
                changes.add(new FileChange(name, Change.REMOVED, List.of(), List.of()));
            } else if (!Arrays.equals(old.content(), now.content())) {
                List<TableChange> tables = old.isWorkbook() || old.isCsvTable() ? tables(old, now) : List.of();
                List<RuleChange> rules = old.isDrl() ? rules(old, now) : List.of();
                changes.add(new FileChange(name, Change.CHANGED, tables, rules));
            }
        }
        return new Result(fromLabel, toLabel, changes);
    }

    private static Map<String, PolicyFile> byName(List<PolicyFile> files) {
        Map<String, PolicyFile> byName = new LinkedHashMap<>();
        files.forEach(file -> byName.put(file.name(), file));
        return byName;
    }

    // ---------------------------------------------------------------- decision tables

    /** A RuleTable of a sheet: its label row and its data rows, each row its cells by column label. */
    private record Table(String file, @Nullable String sheet, String name, List<Row> rows) {

        String key() {
            return (sheet == null ? "" : sheet) + "\u0000" + name;
        }
    }

    private record Row(int spreadsheetRow, String rule, String conditionKey, String conditions,
            Map<String, Cell> cells) {
    }

    private record Cell(String reference, String value) {
    }

    private static List<TableChange> tables(PolicyFile old, PolicyFile now) {
        Map<String, Table> before = readTables(old);
        Map<String, Table> after = readTables(now);
        List<String> keys = new ArrayList<>(before.keySet());
        after.keySet().stream().filter(key -> !before.containsKey(key)).forEach(keys::add);
        List<TableChange> changes = new ArrayList<>();
        for (String key : keys) {
            Table b = before.get(key);
            Table a = after.get(key);
            if (b == null) {
                changes.add(new TableChange(a.file(), a.sheet(), a.name(), Change.ADDED,
                        a.rows().stream().map(r -> added(r)).toList()));
            } else if (a == null) {
                changes.add(new TableChange(b.file(), b.sheet(), b.name(), Change.REMOVED,
                        b.rows().stream().map(r -> removed(r)).toList()));
            } else {
                List<RowChange> rows = rows(b.rows(), a.rows());
                if (!rows.isEmpty()) {
                    changes.add(new TableChange(a.file(), a.sheet(), a.name(), Change.CHANGED, rows));
                }
            }
        }
        return changes;
    }

    private static RowChange added(Row row) {
        return new RowChange(Change.ADDED, null, row.rule(), null, row.spreadsheetRow(), row.conditions(),
                row.cells().entrySet().stream()
                        .map(e -> new CellChange(e.getKey(), null, e.getValue().reference(), null, e.getValue().value()))
                        .toList());
    }

    private static RowChange removed(Row row) {
        return new RowChange(Change.REMOVED, row.rule(), null, row.spreadsheetRow(), null, row.conditions(),
                row.cells().entrySet().stream()
                        .map(e -> new CellChange(e.getKey(), e.getValue().reference(), null, e.getValue().value(), null))
                        .toList());
    }

    /** Pairs rows by the longest common subsequence of their condition keys, then leftovers in each gap in order. */
    private static List<RowChange> rows(List<Row> before, List<Row> after) {
        int n = before.size();
        int m = after.size();
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = before.get(i).conditionKey().equals(after.get(j).conditionKey())
                        ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<RowChange> changes = new ArrayList<>();
        List<Row> removedInGap = new ArrayList<>();
        List<Row> addedInGap = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && before.get(i).conditionKey().equals(after.get(j).conditionKey())) {
                flushGap(removedInGap, addedInGap, changes);
                compare(before.get(i), after.get(j), changes);
                i++;
                j++;
            } else if (j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j])) {
                addedInGap.add(after.get(j++));
            } else {
                removedInGap.add(before.get(i++));
            }
        }
        flushGap(removedInGap, addedInGap, changes);
        return changes;
    }

    private static void flushGap(List<Row> removed, List<Row> added, List<RowChange> changes) {
        int paired = Math.min(removed.size(), added.size());
        for (int k = 0; k < paired; k++) {
            compare(removed.get(k), added.get(k), changes);
        }
        removed.subList(paired, removed.size()).forEach(row -> changes.add(removed(row)));
        added.subList(paired, added.size()).forEach(row -> changes.add(added(row)));
        removed.clear();
        added.clear();
    }

    private static void compare(Row old, Row now, List<RowChange> changes) {
        TreeSet<String> seen = new TreeSet<>();
        List<String> columns = new ArrayList<>();
        for (String column : old.cells().keySet()) {
            if (seen.add(column)) {
                columns.add(column);
            }
        }
        for (String column : now.cells().keySet()) {
            if (seen.add(column)) {
                columns.add(column);
            }
        }
        List<CellChange> cells = new ArrayList<>();
        for (String column : columns) {
            Cell a = old.cells().get(column);
            Cell b = now.cells().get(column);
            String va = a == null ? null : a.value();
            String vb = b == null ? null : b.value();
            if (!Objects.equals(va, vb)) {
                cells.add(new CellChange(column, a == null ? null : a.reference(), b == null ? null : b.reference(), va, vb));
            }
        }
        if (!cells.isEmpty()) {
            String conditions = old.conditions().equals(now.conditions()) ? now.conditions()
                    : old.conditions() + " → " + now.conditions();
            changes.add(new RowChange(Change.CHANGED, old.rule(), now.rule(), old.spreadsheetRow(), now.spreadsheetRow(),
                    conditions, cells));
        }
    }

    /**
     * The RuleTables of a table file, from the cells Drools' parser saw. A RuleTable's next row holds the column
     * keywords (CONDITION, ACTION, …), the fourth row after it the labels; its data rows follow until a blank row or the
     * next RuleTable.
     */
    private static Map<String, Table> readTables(PolicyFile file) {
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

    private static List<RuleChange> rules(PolicyFile old, PolicyFile now) {
        Map<String, String> before = drlRules(old);
        Map<String, String> after = drlRules(now);
        List<RuleChange> changes = new ArrayList<>();
        before.forEach((name, text) -> {
            String other = after.get(name);
            if (other == null) {
                changes.add(new RuleChange(name, Change.REMOVED, text, null));
            } else if (!other.equals(text)) {
                changes.add(new RuleChange(name, Change.CHANGED, text, other));
            }
        });
        after.forEach((name, text) -> {
            if (!before.containsKey(name)) {
                changes.add(new RuleChange(name, Change.ADDED, null, text));
            }
        });
        return changes;
    }

    /** Each rule's text, from its {@code rule} line to its last {@code end} line before the next rule. */
    private static Map<String, String> drlRules(PolicyFile file) {
        String drl = new String(file.content(), StandardCharsets.UTF_8).replace("\r\n", "\n");
        Map<String, String> rules = new LinkedHashMap<>();
        Matcher rule = DrlFileReader.RULE.matcher(drl);
        List<int[]> starts = new ArrayList<>();
        List<String> names = new ArrayList<>();
        while (rule.find()) {
            starts.add(new int[] {rule.start()});
            names.add(rule.group(DrlFileReader.nameGroup(rule)));
        }
        for (int k = 0; k < names.size(); k++) {
            int end = k + 1 < names.size() ? starts.get(k + 1)[0] : drl.length();
            String text = drl.substring(starts.get(k)[0], end);
            int lastEnd = text.lastIndexOf("\nend");
            rules.put(names.get(k), (lastEnd < 0 ? text : text.substring(0, lastEnd + 4)).strip());
        }
        return rules;
    }

    // ---------------------------------------------------------------- Markdown

    /** The difference for people: a heading per file and table, a line per row. */
    static String markdown(Result diff) {
        StringBuilder md = new StringBuilder();
        md.append("## Policy ").append(diff.from()).append(" → ").append(diff.to()).append("\n\n");
        if (diff.isEmpty()) {
            md.append("No differences.\n");
        }
        for (FileChange file : diff.files()) {
            if (file.change() != Change.CHANGED) {
                md.append("### ").append(file.name()).append(" — ").append(file.change() == Change.ADDED ? "added" : "removed")
                        .append("\n\n");
                continue;
            }
            if (file.tables().isEmpty() && file.rules().isEmpty()) {
                md.append("### ").append(file.name()).append("\n- changed (no rule or table row changed)\n\n");
            }
            for (TableChange table : file.tables()) {
                boolean scenarios = table.table().equals(table.sheet() + SCENARIOS);
                md.append("### ").append(file.name()).append(" — ").append(scenarios ? table.table()
                        : (table.sheet() == null ? "" : table.sheet() + " / ") + table.table());
                if (table.change() != Change.CHANGED) {
                    md.append(" (table ").append(table.change() == Change.ADDED ? "added" : "removed").append(')');
                }
                md.append('\n');
                for (RowChange row : table.rows()) {
                    md.append("- ").append(row.change().name().toLowerCase(Locale.ROOT))
                            .append(scenarios ? " scenario " : " row ")
                            .append(row.conditions());
                    switch (row.change()) {
                        case ADDED -> md.append(" (row ").append(row.toRow()).append("): ").append(values(row, false));
                        case REMOVED -> md.append(" (row ").append(row.fromRow()).append("): ").append(values(row, true));
                        case CHANGED -> {
                            md.append(": ");
                            List<String> parts = new ArrayList<>();
                            for (CellChange cell : row.cells()) {
                                parts.add(cell.column() + " " + shown(cell.from()) + " → " + shown(cell.to()) + " ("
                                        + where(cell) + ")");
                            }
                            md.append(String.join("; ", parts));
                        }
                    }
                    md.append('\n');
                }
                md.append('\n');
            }
            if (!file.rules().isEmpty()) {
                md.append("### ").append(file.name()).append('\n');
                for (RuleChange rule : file.rules()) {
                    md.append("- ").append(rule.change().name().toLowerCase(Locale.ROOT)).append(" rule \"")
                            .append(rule.rule()).append("\"\n");
                    if (rule.from() != null) {
                        md.append("\n  ```\n  - ").append(rule.from().replace("\n", "\n  - ")).append("\n  ```\n");
                    }
                    if (rule.to() != null) {
                        md.append("\n  ```\n  + ").append(rule.to().replace("\n", "\n  + ")).append("\n  ```\n");
                    }
                }
                md.append('\n');
            }
        }
        return md.toString();
    }

    private static String values(RowChange row, boolean old) {
        return String.join("; ", row.cells().stream()
                .map(cell -> cell.column() + " " + shown(old ? cell.from() : cell.to()) + " ("
                        + (old ? cell.fromCell() : cell.toCell()) + ")")
                .toList());
    }

    private static String where(CellChange cell) {
        if (cell.fromCell() == null) {
            return Objects.requireNonNull(cell.toCell());
        }
        if (cell.toCell() == null || cell.toCell().equals(cell.fromCell())) {
            return cell.fromCell();
        }
        return cell.fromCell() + " → " + cell.toCell();
    }

    private static String shown(@Nullable String value) {
        return value == null ? "(blank)" : value;
    }
}
