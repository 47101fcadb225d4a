package io.arbiter.policy.compile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.drools.decisiontable.parser.ActionType;
import org.jspecify.annotations.Nullable;

/**
 * One RuleTable of a sheet as Drools reads it from the cells (rows 1-based, columns 0-based): its title cell, then the
 * keyword row (CONDITION, ACTION...), the object type row, the code row (templates) and the label row, then one rule per
 * row until the first row with no cell in the table. Rows with cells below that gap, before the next RuleTable, are
 * what Drools silently drops.
 *
 * @param keywords by column: the header keyword as Drools reads it (by its name or first letter)
 * @param ruleRows the rows Drools makes rules of
 * @param gapRow the first empty row after the rules (0 when the table runs to the end of the sheet)
 * @param droppedRows rows holding cells in the table's columns below {@code gapRow}, before the next RuleTable
 */
record RuleTableLayout(String name, int titleRow, int firstColumn, int lastColumn, Map<Integer, ActionType.Code> keywords,
        Map<Integer, String> objectTypes, Map<Integer, String> templates, Map<Integer, String> labels, List<Integer> ruleRows,
        int gapRow, List<Integer> droppedRows) {

    /** A label ending with * or saying "(required)" marks a column every rule row must fill. */
    private static final Pattern REQUIRED = Pattern.compile("(?i).*(\\*\\s*|\\((required|obligatoire|requis)\\)\\s*)$");

    static List<RuleTableLayout> of(Map<Integer, Map<Integer, String>> cells) {
        TreeMap<Integer, Map<Integer, String>> rows = new TreeMap<>(cells);
        List<int[]> titles = new ArrayList<>();
        rows.forEach((row, columns) -> columns.forEach((column, text) -> {
            if (text.toLowerCase(Locale.ROOT).startsWith("ruletable")) {
                titles.add(new int[] {row, column});
            }
        }));
        List<RuleTableLayout> tables = new ArrayList<>();
        for (int t = 0; t < titles.size(); t++) {
            int title = titles.get(t)[0];
            int first = titles.get(t)[1];
            int next = t + 1 < titles.size() ? titles.get(t + 1)[0] : Integer.MAX_VALUE;
            Map<Integer, ActionType.Code> keywords = keywords(rows.get(title + 1), first);
            int last = keywords.keySet().stream().max(Integer::compare).orElse(first);
            List<Integer> ruleRows = new ArrayList<>();
            int gap = 0;
            List<Integer> dropped = new ArrayList<>();
            for (int row = title + 5; row < next && row <= (rows.isEmpty() ? 0 : rows.lastKey()); row++) {
                boolean hasCell = rows.getOrDefault(row, Map.of()).keySet().stream().anyMatch(c -> c >= first);
                if (gap == 0 && hasCell) {
                    ruleRows.add(row);
                } else if (gap == 0) {
                    gap = row;
                } else if (rows.getOrDefault(row, Map.of()).keySet().stream().anyMatch(c -> c >= first && c <= last)) {
                    dropped.add(row);
                }
            }
            String text = rows.get(title).get(first);
            String name = text.length() > "ruletable".length() ? text.substring("ruletable".length()).strip() : "";
            tables.add(new RuleTableLayout(name.isEmpty() ? "(unnamed)" : name, title, first, last, keywords,
                    objectTypes(rows.get(title + 2), keywords), from(rows.get(title + 3), first),
                    from(rows.get(title + 4), first), List.copyOf(ruleRows), gap, List.copyOf(dropped)));
        }
        return tables;
    }

    /** The table a rule row belongs to (its rule rows are consecutive: a lookup per rule of a large table stays cheap). */
    static @Nullable RuleTableLayout holding(List<RuleTableLayout> tables, int row) {
        for (RuleTableLayout table : tables) {
            if (!table.ruleRows().isEmpty() && row >= table.ruleRows().getFirst() && row <= table.ruleRows().getLast()) {
                return table;
            }
        }
        return null;
    }

    boolean isCondition(int column) {
        return keywords.get(column) == ActionType.Code.CONDITION;
    }

    boolean isAction(int column) {
        return keywords.get(column) == ActionType.Code.ACTION;
    }

    boolean isMetadata(int column) {
        return keywords.get(column) == ActionType.Code.METADATA;
    }

    boolean isRequired(int column) {
        String label = labels.get(column);
        return label != null && REQUIRED.matcher(label).matches();
    }

    /** The DESCRIPTION cell of a rule row, or "row N". */
    String descriptionOf(Map<Integer, Map<Integer, String>> cells, int row) {
        for (var keyword : keywords.entrySet()) {
            if (keyword.getValue() == ActionType.Code.DESCRIPTION) {
                String description = cells.getOrDefault(row, Map.of()).get(keyword.getKey());
                if (description != null) {
                    return description;
                }
            }
        }
        return "row " + row;
    }

    String cell(int column, int row) {
        return DecisionTableReader.columnName(column) + row;
    }

    private static Map<Integer, String> from(@Nullable Map<Integer, String> row, int first) {
        Map<Integer, String> values = new TreeMap<>();
        if (row != null) {
            row.forEach((column, text) -> {
                if (column >= first && !text.isBlank()) {
                    values.put(column, text.strip());
                }
            });
        }
        return values;
    }

    /** Header keywords as Drools reads them: by name, else by first letter ("Cond" is a CONDITION). */
    private static Map<Integer, ActionType.Code> keywords(@Nullable Map<Integer, String> row, int first) {
        Map<Integer, ActionType.Code> codes = new TreeMap<>();
        from(row, first).forEach((column, text) -> {
            String upper = text.toUpperCase(Locale.ROOT);
            ActionType.Code code = ActionType.getTag2code().get(upper);
            if (code == null) {
                code = ActionType.getTag2code().get(upper.substring(0, 1));
            }
            if (code != null) {
                codes.put(column, code);
            }
        });
        return codes;
    }

    /** Object types by column; a merged cell (or one ending in "...", as CSV writes a merge) spans its columns. */
    private static Map<Integer, String> objectTypes(@Nullable Map<Integer, String> row, Map<Integer, ActionType.Code> keywords) {
        Map<Integer, String> types = new TreeMap<>();
        if (row != null) {
            row.forEach((column, text) -> {
                String type = text.strip();
                if (type.endsWith("...")) {
                    type = type.substring(0, type.length() - 3).strip();
                }
                if (keywords.containsKey(column) && !type.isEmpty()) {
                    types.put(column, type);
                }
            });
        }
        return types;
    }
}
