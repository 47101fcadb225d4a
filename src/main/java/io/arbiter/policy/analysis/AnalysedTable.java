package io.arbiter.policy.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.drools.decisiontable.parser.ActionType;
import org.jspecify.annotations.Nullable;

import io.arbiter.policy.PolicyProblem;
import io.arbiter.policy.Reason;
import io.arbiter.policy.compile.DecisionTableReader;
import io.arbiter.policy.compile.RuleSource;

/**
 * One RuleTable of a decision table read for the analysis: per row, the values each input may take (one dimension per
 * fact field its condition columns constrain), what its action cells say, and its precedence. Read from the cells
 * Drools parsed, with Drools' own rules for column headers and templates, so that the analysis sees what Drools runs.
 */
final class AnalysedTable {

    private static final Pattern PRODUCING_ACTION = Pattern.compile("^\\s*(\\w+)\\.(\\w+)\\(\\s*\"\\$param\"\\s*\\)\\s*;?\\s*$");
    private static final Pattern ALLOW = Pattern.compile("(?i)^\\s*allow\\s+(gaps|overlaps)\\b\\s*[:\\-–—]?\\s*(.*)$", Pattern.DOTALL);

    /** What a declaration cell on the RuleTable's row allows, where, and why. */
    record Allowance(String cell, String text) {
    }

    /** A fact field the table's conditions constrain, and the values it can take. */
    record Dimension(String label, boolean numeric, boolean whole, Region domain, boolean closed, List<String> order) {
    }

    /** A condition column the analysis cannot read, and why. */
    record Opaque(int column, String cell, String why) {
    }

    /**
     * A rule row: per dimension the values it accepts, its action cells by column, the cells of columns the analysis
     * cannot read (compared only as text), its activation group and its salience (null when not a literal).
     */
    record Row(int row, Region[] regions, Map<Integer, String> actions, Map<Integer, String> opaque,
            @Nullable String group, @Nullable Integer salience) {
    }

    final RuleSource source;
    final String name;
    final int headerRow;
    final int firstColumn;
    final int lastColumn;
    final List<Dimension> dimensions = new ArrayList<>();
    final List<Row> rows = new ArrayList<>();
    final List<Opaque> opaque = new ArrayList<>();
    final Map<Integer, String> labels = new HashMap<>();
    @Nullable Allowance gapsAllowed;
    @Nullable Allowance overlapsAllowed;
    boolean precedenceKnown = true;

    private AnalysedTable(RuleSource source, String name, int headerRow, int firstColumn, int lastColumn) {
        this.source = source;
        this.name = name;
        this.headerRow = headerRow;
        this.firstColumn = firstColumn;
        this.lastColumn = lastColumn;
    }

    /**
     * The values that earlier stages give later stages' facts, read from the actions that set them
     * ({@code segmentation.segment("$param")}): a credit-limit table must have a row for every segment that segmentation
     * can give. Keyed by {@code Fact.field}.
     */
    static Map<String, Set<String>> producedValues(List<RuleSource> sources) {
        Map<String, String> factFields = Map.of("segmentation.segment", "Segment.name", "segmentation.dunningPlan",
                "Segment.dunningPlan", "rating.riskClass", "Rating.riskClass");
        Map<String, Set<String>> produced = new HashMap<>();
        for (RuleSource source : sources) {
            for (var row : source.cells().entrySet()) {
                for (var cell : row.getValue().entrySet()) {
                    Matcher action = PRODUCING_ACTION.matcher(cell.getValue());
                    String fact = action.matches() ? factFields.get(action.group(1) + "." + action.group(2)) : null;
                    if (fact != null) {
                        int end = nextRuleTable(source, row.getKey());
                        for (Reason reason : source.reasons().values()) {
                            if (reason.row() != null && reason.row() > row.getKey() && reason.row() < end) {
                                String value = source.cells().getOrDefault(reason.row(), Map.of()).get(cell.getKey());
                                if (value != null) {
                                    produced.computeIfAbsent(fact, f -> new LinkedHashSet<>()).add(value);
                                }
                            }
                        }
                    }
                }
            }
        }
        return produced;
    }

    private static int nextRuleTable(RuleSource source, int after) {
        return source.cells().entrySet().stream().filter(row -> row.getKey() > after)
                .filter(row -> row.getValue().values().stream().anyMatch(v -> v.toLowerCase(Locale.ROOT).startsWith("ruletable")))
                .mapToInt(Map.Entry::getKey).min().orElse(Integer.MAX_VALUE);
    }

    /** Every RuleTable of a table source, in sheet order. */
    static List<AnalysedTable> read(RuleSource source, Map<String, Set<String>> produced) {
        TreeMap<Integer, Map<Integer, String>> cells = new TreeMap<>(source.cells());
        List<int[]> starts = new ArrayList<>();
        cells.forEach((row, columns) -> columns.forEach((column, text) -> {
            if (text.toLowerCase(Locale.ROOT).startsWith("ruletable")) {
                starts.add(new int[] {row, column});
            }
        }));
        Map<String, String> properties = properties(cells, starts.isEmpty() ? Integer.MAX_VALUE : starts.getFirst()[0]);
        List<Integer> ruleRows = source.reasons().values().stream().map(Reason::row)
                .filter(java.util.Objects::nonNull).sorted().toList();
        List<AnalysedTable> tables = new ArrayList<>();
        for (int t = 0; t < starts.size(); t++) {
            int headerRow = starts.get(t)[0];
            int column = starts.get(t)[1];
            int end = t + 1 < starts.size() ? starts.get(t + 1)[0] : Integer.MAX_VALUE;
            List<Integer> rows = ruleRows.stream().filter(r -> r > headerRow + 4 && r < end).toList();
            String title = cells.get(headerRow).get(column);
            String name = title.length() > "ruletable".length() ? title.substring("ruletable".length()).trim() : "";
            tables.add(read(source, name, headerRow, column, rows, cells, properties, produced));
        }
        return tables;
    }

    private static AnalysedTable read(RuleSource source, String name, int headerRow, int firstColumn, List<Integer> ruleRows,
            Map<Integer, Map<Integer, String>> cells, Map<String, String> properties, Map<String, Set<String>> produced) {
        Map<Integer, ActionType> types = new TreeMap<>();
        cells.getOrDefault(headerRow + 1, Map.of()).forEach((column, keyword) -> {
            if (column >= firstColumn) {
                try {
                    ActionType.addNewActionType(types, keyword, column, headerRow + 1);
                } catch (RuntimeException e) {
                    // Drools refuses this header itself, with its cell
                }
            }
        });
        int lastColumn = types.keySet().stream().max(Integer::compare).orElse(firstColumn);
        AnalysedTable table = new AnalysedTable(source, name.isEmpty() ? "(unnamed)" : name, headerRow, firstColumn, lastColumn);
        cells.getOrDefault(headerRow, Map.of()).forEach((column, text) -> {
            Matcher allow = ALLOW.matcher(text);
            if (column > firstColumn && allow.matches()) {
                Allowance allowance = new Allowance(DecisionTableReader.columnName(column) + headerRow, text.strip());
                if (allow.group(1).equalsIgnoreCase("gaps")) {
                    table.gapsAllowed = allowance;
                } else {
                    table.overlapsAllowed = allowance;
                }
            }
        });
        Map<Integer, String> objectTypes = cells.getOrDefault(headerRow + 2, Map.of());
        Map<Integer, String> templates = cells.getOrDefault(headerRow + 3, Map.of());
        Map<Integer, String> labelRow = cells.getOrDefault(headerRow + 4, Map.of());
        types.keySet().forEach(column -> table.labels.put(column,
                labelRow.getOrDefault(column, "column " + DecisionTableReader.columnName(column))));
        List<String> imports = List.of(properties.getOrDefault("import", "").split(","));
        boolean sequential = "true".equalsIgnoreCase(properties.getOrDefault("sequential", "false").trim());
        String defaultGroup = properties.get("activation-group");

        // Each readable condition column: its dimension and, per rule row, the region it allows.
        Map<String, Integer> dimensionByKey = new LinkedHashMap<>();
        Map<Integer, Map<Integer, Region>> regionsByRow = new HashMap<>();
        Map<Integer, Integer> dimensionOfColumn = new HashMap<>();
        for (var entry : types.entrySet()) {
            int column = entry.getKey();
            if (entry.getValue().getCode() != ActionType.Code.CONDITION) {
                continue;
            }
            String cell = DecisionTableReader.columnName(column) + (headerRow + 3);
            String objectType = objectTypes.get(column);
            String template = templates.get(column);
            if (objectType == null || template == null) {
                table.opaque.add(new Opaque(column, cell, "its condition is a whole pattern, not a field of a fact"));
                continue;
            }
            try {
                ConditionColumns.Column read = ConditionColumns.read(objectType.trim(), template, column, ruleRows, cells, imports, produced);
                String key = read.dimension().label();
                Integer index = dimensionByKey.get(key);
                if (index == null) {
                    index = table.dimensions.size();
                    dimensionByKey.put(key, index);
                    table.dimensions.add(read.dimension());
                } else if (table.dimensions.get(index).numeric() != read.dimension().numeric()) {
                    throw new IllegalArgumentException("another column compares " + key + " with values of another kind");
                }
                dimensionOfColumn.put(column, index);
                for (var region : read.regions().entrySet()) {
                    regionsByRow.computeIfAbsent(region.getKey(), r -> new HashMap<>()).put(column, region.getValue());
                }
            } catch (IllegalArgumentException e) {
                table.opaque.add(new Opaque(column, cell, e.getMessage()));
            }
        }
        for (int row : ruleRows) {
            Map<Integer, String> values = cells.getOrDefault(row, Map.of());
            Region[] regions = new Region[table.dimensions.size()];
            for (int d = 0; d < regions.length; d++) {
                Dimension dimension = table.dimensions.get(d);
                regions[d] = dimension.domain();
            }
            for (var region : regionsByRow.getOrDefault(row, Map.of()).entrySet()) {
                int d = dimensionOfColumn.get(region.getKey());
                regions[d] = regions[d].intersect(region.getValue());
            }
            Map<Integer, String> actions = new TreeMap<>();
            Map<Integer, String> opaqueCells = new TreeMap<>();
            String group = defaultGroup;
            Integer salience = sequential ? -row : 0;
            for (var entry : types.entrySet()) {
                String value = values.get(entry.getKey());
                ActionType.Code code = entry.getValue().getCode();
                if (code == ActionType.Code.ACTION && value != null) {
                    actions.put(entry.getKey(), value);
                } else if (code == ActionType.Code.ACTIVATIONGROUP && value != null) {
                    group = value;
                } else if (code == ActionType.Code.SALIENCE && value != null && !sequential) {
                    salience = ConditionColumns.integer(value);
                    if (salience == null) {
                        table.precedenceKnown = false;
                    }
                } else if (code == ActionType.Code.CONDITION && value != null && !dimensionOfColumn.containsKey(entry.getKey())) {
                    opaqueCells.put(entry.getKey(), value);
                }
            }
            table.rows.add(new Row(row, regions, actions, opaqueCells, group, salience));
        }
        return table;
    }

    /** The RuleSet area's keywords (above the first RuleTable), lower-cased, with the cell to their right. */
    private static Map<String, String> properties(TreeMap<Integer, Map<Integer, String>> cells, int firstTableRow) {
        Map<String, String> properties = new HashMap<>();
        cells.headMap(firstTableRow).forEach((row, columns) -> {
            List<Map.Entry<Integer, String>> ordered = new TreeMap<>(columns).entrySet().stream().toList();
            if (ordered.size() >= 2) {
                properties.merge(ordered.get(0).getValue().trim().toLowerCase(Locale.ROOT), ordered.get(1).getValue(),
                        (a, b) -> a + "," + b);
            }
        });
        return properties;
    }

    /** {@code A12:H12}: a rule row across the table's columns. */
    String rowRange(int row) {
        return DecisionTableReader.columnName(firstColumn) + row + ":" + DecisionTableReader.columnName(lastColumn) + row;
    }

    /** {@code Scoring!A12:H12}, or {@code A12:H12} in a CSV table. */
    String rowReference(int row) {
        return (sheet() == null ? "" : sheet() + "!") + rowRange(row);
    }

    /** The rule rows across the table's columns, {@code A10:H14}; the header cell when it has no rows. */
    String rowsRange() {
        if (rows.isEmpty()) {
            return DecisionTableReader.columnName(firstColumn) + headerRow;
        }
        return DecisionTableReader.columnName(firstColumn) + rows.getFirst().row() + ":"
                + DecisionTableReader.columnName(lastColumn) + rows.getLast().row();
    }

    @Nullable String sheet() {
        int bang = source.origin().indexOf('!');
        return bang < 0 ? null : source.origin().substring(bang + 1);
    }

    PolicyProblem problem(PolicyProblem.Severity severity, String cell, String message) {
        return new PolicyProblem(source.file(), sheet(), cell, severity, "RuleTable " + name + ": " + message);
    }
}
