package io.arbiter.policy.compile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.drools.decisiontable.parser.ActionType;
import org.drools.decisiontable.parser.LhsBuilder;
import org.drools.decisiontable.parser.RhsBuilder;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;
import org.jspecify.annotations.Nullable;

import io.arbiter.policy.PolicyProblem;
import io.arbiter.policy.Stage;

/**
 * What a decision table says that Drools would read silently or differently than its author meant, and where each
 * problem in its code lies, cell by cell:
 * <ul>
 * <li>an empty row inside a RuleTable ends it, and the rows below would be dropped: refused at the empty row;</li>
 * <li>a blank cell in a column whose label marks it required ({@code *} or {@code (required)}): refused at the cell,
 * since a blank action cell silently removes what the row would set (a blank bureau share lifted the bureau cap);</li>
 * <li>a blank cell in an action column that every other rule row fills: a warning at the cell;</li>
 * <li>each column's code (its object type and template) is checked once against the policy language, at its own cells;
 * </li>
 * <li>a rule that breaks the policy language is traced to the cell that makes it do so, by checking that rule row's
 * cells one by one as Drools would write them.</li>
 * </ul>
 */
final class TableChecks {

    private TableChecks() {
    }

    /** Errors in the table's layout and its columns' code, and warnings about blanks; empty for a DRL file. */
    static List<PolicyProblem> check(RuleSource source, PolicyLanguageCheck language) {
        List<PolicyProblem> problems = new ArrayList<>();
        for (RuleTableLayout table : RuleTableLayout.of(source.cells())) {
            layout(source, table, problems);
            templates(source, table, language, problems);
        }
        return problems;
    }

    private static void layout(RuleSource source, RuleTableLayout table, List<PolicyProblem> problems) {
        if (!table.droppedRows().isEmpty()) {
            List<Integer> dropped = table.droppedRows();
            problems.add(new PolicyProblem(source.file(), sheet(source), table.cell(table.firstColumn(), table.gapRow()),
                    "row " + table.gapRow() + " is empty inside RuleTable " + table.name() + ": Drools ends the table there,"
                            + " so " + (dropped.size() == 1 ? "row " + dropped.getFirst() : "rows " + dropped.getFirst() + " to "
                            + dropped.getLast()) + " below it would be ignored. Delete the empty row (or start the rows below"
                            + " with a RuleTable of their own)"));
        }
        int rules = table.ruleRows().size();
        for (var keyword : table.keywords().entrySet()) {
            int column = keyword.getKey();
            boolean action = keyword.getValue() == ActionType.Code.ACTION;
            if (!table.isRequired(column) && !action) {
                continue;
            }
            List<Integer> blanks = table.ruleRows().stream()
                    .filter(row -> source.cells().getOrDefault(row, Map.of()).get(column) == null).toList();
            String label = table.labels().getOrDefault(column, "column " + DecisionTableReader.columnName(column));
            for (int row : blanks) {
                if (table.isRequired(column)) {
                    problems.add(new PolicyProblem(source.file(), sheet(source), table.cell(column, row), "is blank, but '"
                            + label + "' is a required column: type the value this row needs (0 if it should count for"
                            + " nothing)"));
                } else if (blanks.size() * 10 <= rules && rules > 1) {
                    problems.add(new PolicyProblem(source.file(), sheet(source), table.cell(column, row),
                            PolicyProblem.Severity.WARNING, "is blank while the other rows of RuleTable " + table.name()
                            + " fill '" + label + "': this row sets no " + label + ". If that is meant, say so in its"
                            + " description; if every row must set it, mark the column required by ending its label with *"));
                }
            }
        }
    }

    /** Each column's object type and code, checked once with a stand-in for the cell values. */
    private static void templates(RuleSource source, RuleTableLayout table, PolicyLanguageCheck language,
            List<PolicyProblem> problems) {
        for (var keyword : table.keywords().entrySet()) {
            int column = keyword.getKey();
            String template = table.templates().get(column);
            if (template == null || !(table.isCondition(column) || table.isAction(column) || table.isMetadata(column))) {
                continue;
            }
            String message = cellProblem(source.stage(), table, column, PolicyExpressions.CELL_VALUE, null, language);
            if (message != null) {
                boolean objectType = message.startsWith("matches '") && table.objectTypes().containsKey(column);
                problems.add(new PolicyProblem(source.file(), sheet(source),
                        table.cell(column, table.titleRow() + (objectType ? 2 : 3)), message));
            }
        }
    }

    /**
     * The cell of a rule row that breaks the policy language, and why: each condition cell alone, then each action cell
     * after the row's conditions. Falls back to the row's first cell with the rule's own verdict.
     */
    static PolicyProblem locate(RuleSource source, int row, String verdict, PolicyLanguageCheck language) {
        RuleTableLayout table = RuleTableLayout.holding(RuleTableLayout.of(source.cells()), row);
        if (table == null) {
            return new PolicyProblem(source.file(), sheet(source), null, "row " + row + ": " + verdict);
        }
        Map<Integer, String> cells = new TreeMap<>(source.cells().getOrDefault(row, Map.of()));
        String conditions = conditions(table, row, cells);
        List<Map.Entry<Integer, String>> conditionsFirst = new ArrayList<>(cells.entrySet());
        conditionsFirst.sort(Comparator.comparing((Map.Entry<Integer, String> cell) -> !table.isCondition(cell.getKey()))
                .thenComparing(Map.Entry::getKey));
        for (var cell : conditionsFirst) {
            int column = cell.getKey();
            if (table.isCondition(column) || table.isAction(column) || table.isMetadata(column)) {
                String message = cellProblem(source.stage(), table, column, cell.getValue(), conditions, language);
                if (message != null) {
                    String rule = source.reasons().values().stream().filter(r -> r.row() != null && r.row() == row)
                            .map(r -> "rule " + r.ruleName() + ", row " + row).findFirst().orElse("row " + row);
                    return new PolicyProblem(source.file(), sheet(source), table.cell(column, row), (message.startsWith("'"
                            + cell.getValue() + "'") ? message : "'" + cell.getValue() + "': " + message) + " [" + rule + "]"
                            + (cell.getValue().matches("-?[0-9]+,[0-9]+") ? "; a decimal comma? write "
                            + cell.getValue().replace(',', '.') : ""));
                }
            }
        }
        for (var keyword : table.keywords().entrySet()) {
            String value = cells.get(keyword.getKey());
            if (value != null && verdict.contains(value) && !(table.isCondition(keyword.getKey())
                    || table.isAction(keyword.getKey()))) {
                return new PolicyProblem(source.file(), sheet(source), table.cell(keyword.getKey(), row), verdict);
            }
        }
        return new PolicyProblem(source.file(), sheet(source), table.cell(table.firstColumn(), row), "row " + row + ": " + verdict);
    }

    /** Why one cell, as Drools writes it into DRL, breaks the policy language; null when it does not. */
    private static @Nullable String cellProblem(Stage stage, RuleTableLayout table, int column, String value,
            @Nullable String rowConditions, PolicyLanguageCheck language) {
        String template = table.templates().get(column);
        if (template == null) {
            return null; // Drools itself refuses a value under a column without code, at its cell
        }
        String when;
        String then;
        String annotation = "";
        try {
            if (table.isMetadata(column)) {
                annotation = "@" + new org.drools.template.model.SnippetBuilder(template).build(value) + "\n";
                when = "";
                then = "";
            } else if (table.isCondition(column)) {
                when = snippet(new LhsBuilder(table.titleRow(), column, table.objectTypes().get(column)), table, column, value);
                then = "";
            } else {
                when = rowConditions == null ? "" : rowConditions;
                then = snippet(new RhsBuilder(ActionType.Code.ACTION, table.titleRow(), column, table.objectTypes().get(column)),
                        table, column, value);
            }
        } catch (RuntimeException e) {
            return DroolsTableMessages.explain(e);
        }
        String drl = "package " + stage.ruleSet() + ";\nrule \"cell\"\n" + annotation + "when\n" + when + "\nthen\n" + then
                + "\nend\n";
        List<PolicyLanguageCheck.Violation> escapes = UnicodeEscapes.in(drl);
        if (!escapes.isEmpty()) {
            return escapes.getFirst().message();
        }
        DrlParser parser = new DrlParser(DrlParser.DEFAULT_LANGUAGE_LEVEL);
        PackageDescr pkg;
        try {
            pkg = parser.parse(false, drl);
        } catch (DroolsParserException e) {
            return "is not a condition or action Drools can read (" + e.getMessage() + ")";
        }
        if (parser.hasErrors() || pkg == null) {
            return "does not read as " + (table.isCondition(column) ? "a condition" : "an action") + " once put into the"
                    + " column's code '" + template + "' (" + PolicyExpressions.squeeze(parser.getErrors().getFirst().getMessage())
                    + ")";
        }
        List<PolicyLanguageCheck.Violation> violations = language.check(pkg, stage);
        return violations.isEmpty() ? null : violations.getFirst().message();
    }

    private static String snippet(org.drools.decisiontable.parser.SourceBuilder builder, RuleTableLayout table, int column,
            String value) {
        builder.addTemplate(table.titleRow() + 2, column, table.templates().get(column));
        builder.addCellValue(table.titleRow() + 4, column, value);
        return builder.getResult();
    }

    /** The row's conditions as Drools writes them, so that an action can use what they bind. */
    private static String conditions(RuleTableLayout table, int row, Map<Integer, String> cells) {
        StringBuilder when = new StringBuilder();
        for (var cell : cells.entrySet()) {
            int column = cell.getKey();
            if (table.isCondition(column) && table.templates().containsKey(column)) {
                try {
                    when.append(snippet(new LhsBuilder(table.titleRow(), column, table.objectTypes().get(column)), table,
                            column, cell.getValue())).append('\n');
                } catch (RuntimeException e) {
                    // reported at the condition's own cell
                }
            }
        }
        return when.toString();
    }

    private static @Nullable String sheet(RuleSource source) {
        return source.origin().length() > source.file().length() ? source.origin().substring(source.file().length() + 1) : null;
    }
}
