package io.arbiter.policy.compile;

import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;

/**
 * The kind of value a piece of policy code gives, as far as the policy language tells them apart: enough to refuse
 * "150 000 €" or "forty" where a rule sets a limit, at its cell, rather than through a Java compiler error naming a line
 * of generated code.
 */
enum ValueKind {
    WHOLE, NUMBER, TEXT, BOOLEAN, NULL,
    /** A cell's value in a column's code, or anything whose kind the check does not need to know. */
    ANY;

    static ValueKind of(Class<?> type) {
        return switch (PolicyLanguage.kind(type)) {
            case "whole number" -> WHOLE;
            case "number" -> NUMBER;
            case "true or false" -> BOOLEAN;
            default -> TEXT;
        };
    }

    static ValueKind numeric(ValueKind left, ValueKind right) {
        if (left == ANY || right == ANY) {
            return ANY;
        }
        return left == WHOLE && right == WHOLE ? WHOLE : NUMBER;
    }

    /** Whether a value of this kind may be given to a parameter of this type. */
    boolean fits(Class<?> parameter, Expression argument) {
        if (this == ANY) {
            return true;
        }
        return switch (PolicyLanguage.kind(parameter)) {
            case "whole number" -> this == WHOLE && withinRange(argument);
            case "number" -> this == WHOLE || this == NUMBER;
            case "true or false" -> this == BOOLEAN;
            default -> this == TEXT;
        };
    }

    /** Java reads a whole number without an L as an int: 3,000,000,000 in a cell would not compile. */
    private static boolean withinRange(Expression argument) {
        if (argument instanceof IntegerLiteralExpr literal) {
            try {
                literal.asNumber();
                return true;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return true;
    }

    /** How to write a value the parameter takes, when the mistake is a common one. */
    static String hint(Class<?> parameter, Expression argument) {
        String text = argument.toString();
        String kind = PolicyLanguage.kind(parameter);
        if (kind.equals("whole number") && argument instanceof IntegerLiteralExpr) {
            return " (it is above 2,147,483,647, the largest whole number a rule may hold)";
        }
        if (kind.equals("whole number") && text.matches("-?[0-9]+\\.[0-9]+")) {
            return " (type it without decimals, e.g. " + text.substring(0, text.indexOf('.')) + ")";
        }
        if (kind.equals("text") && !(argument instanceof StringLiteralExpr)) {
            return " (put it in double quotes, or quote $param in the column's template)";
        }
        return "";
    }
}
