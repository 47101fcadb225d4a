package io.arbiter.policy.analysis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;

import io.arbiter.policy.analysis.DiffedTables.Table;

import org.jspecify.annotations.Nullable;

import io.arbiter.policy.compile.DrlFileReader;
import io.arbiter.policy.compile.PolicyFile;

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
public final class PolicyDiff {

    /** The name a scenario sheet has as a table of the diff: {@code Tests (scenarios)}. */

    /** The whole difference; {@code from} and {@code to} are the versions' labels. */
    public record Result(String from, String to, List<FileChange> files) {

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

    public static Result diff(String fromLabel, List<PolicyFile> from, String toLabel, List<PolicyFile> to) {
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


    private static List<TableChange> tables(PolicyFile old, PolicyFile now) {
        Map<String, Table> before = DiffedTables.read(old);
        Map<String, Table> after = DiffedTables.read(now);
        List<String> keys = new ArrayList<>(before.keySet());
        after.keySet().stream().filter(key -> !before.containsKey(key)).forEach(keys::add);
        List<TableChange> changes = new ArrayList<>();
        for (String key : keys) {
            Table b = before.get(key);
            Table a = after.get(key);
            if (b == null) {
                changes.add(new TableChange(a.file(), a.sheet(), a.name(), Change.ADDED,
                        a.rows().stream().map(TableRowDiff::added).toList()));
            } else if (a == null) {
                changes.add(new TableChange(b.file(), b.sheet(), b.name(), Change.REMOVED,
                        b.rows().stream().map(TableRowDiff::removed).toList()));
            } else {
                List<RowChange> rows = TableRowDiff.rows(b.rows(), a.rows());
                if (!rows.isEmpty()) {
                    changes.add(new TableChange(a.file(), a.sheet(), a.name(), Change.CHANGED, rows));
                }
            }
        }
        return changes;
    }

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

    /** The difference as Markdown, for a review comment or a change log. */
    public static String markdown(Result diff) {
        return PolicyDiffMarkdown.of(diff);
    }
}
