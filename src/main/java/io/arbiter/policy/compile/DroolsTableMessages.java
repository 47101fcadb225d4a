package io.arbiter.policy.compile;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

import io.arbiter.policy.PolicyProblem;

/**
 * Drools' complaints about a decision table, said at the cell being read when Drools complained (Drools names a header
 * cell, a row counted from zero, or nothing) and in words that say how to fix the sheet.
 */
final class DroolsTableMessages {

    private DroolsTableMessages() {
    }

    /** A problem at the cell Drools was reading (row and column 0-based, as the parser counts them). */
    static PolicyProblem at(String file, @Nullable String sheet, int row, int column, RuntimeException e) {
        String cell = DecisionTableReader.columnName(column) + (row + 1);
        return new PolicyProblem(file, sheet, cell, explain(e));
    }

    static String explain(Throwable e) {
        String message = e.getMessage() == null ? "" : e.getMessage().strip();
        String lower = message.toLowerCase(Locale.ROOT);
        if (e instanceof NullPointerException || message.isEmpty()) {
            return "the table cannot be read here: check that this RuleTable has its keyword row (CONDITION, ACTION...),"
                    + " its object type row, its code row and its label row, in that order, under its name";
        }
        if (lower.startsWith("data cell") && lower.contains("empty column header")) {
            return "holds a value in a column with no CONDITION or ACTION keyword above it: move the value into a column of"
                    + " the table, or give the column its keyword, object type and code";
        }
        if (lower.startsWith("no code snippet")) {
            return "holds a value in a column whose code row is empty: write the column's code (e.g. turnover >= $param) in"
                    + " the row under its object type";
        }
        if (lower.startsWith("priority is not an integer")) {
            return "is a PRIORITY that is not a whole number: type a whole number such as 10 (higher runs first)";
        }
        if (lower.startsWith("salience less than the minimum")) {
            return "is one rule too many for the table's SequentialMinPriority: raise SequentialMaxPriority, lower"
                    + " SequentialMinPriority, or remove rows";
        }
        if (lower.startsWith("invalid column header")) {
            return "is not a column keyword: use CONDITION, ACTION, DESCRIPTION, PRIORITY, NAME or another Drools keyword ("
                    + message.replaceAll(",? in cell [A-Z]+[0-9]+", "") + ")";
        }
        return message.replaceAll(",? (in|above) cell [A-Z]+[0-9]+\\.?", "").replaceAll(" on row: [0-9]+", "");
    }
}
