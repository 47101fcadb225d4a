package io.arbiter.policy.compile;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An expression with its string and decimal literals blanked: {@code turnover >= 150000} and {@code turnover >= 2000}
 * have one shape. The structural check reads only the constructs of an expression, never a literal's content, so an
 * expression whose shape already passed passes too: a 10,000-row table then checks its few shapes instead of parsing
 * every row's condition and action again. Anything that is not a plain decimal or a quoted text (hexadecimal, a
 * number followed by a member, a text block) stays as written and so makes a shape of its own. An expression holding
 * a comment marker is kept whole as its own shape: a quote inside a comment would otherwise open a "literal" whose
 * blanking hid the code after it.
 */
final class ExpressionShape {

    private static final Pattern DECIMAL = Pattern.compile("[0-9][0-9_]*(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?[lLdDfFbBiI]?");

    private ExpressionShape() {
    }

    static String of(String expression) {
        if (expression.contains("//") || expression.contains("/*") || expression.contains("#")) {
            return expression;
        }
        StringBuilder shape = new StringBuilder(expression.length());
        Matcher decimal = DECIMAL.matcher(expression);
        int i = 0;
        while (i < expression.length()) {
            char c = expression.charAt(i);
            if ((c == '"' || c == '\'') && !expression.startsWith("\"\"\"", i)) {
                int end = closing(expression, i, c);
                if (end < 0) {
                    shape.append(expression, i, expression.length());
                    break;
                }
                shape.append(c).append(c);
                i = end + 1;
            } else if (c >= '0' && c <= '9' && (i == 0 || !Character.isJavaIdentifierPart(expression.charAt(i - 1)))
                    && decimal.region(i, expression.length()).lookingAt() && !continuesAsCode(expression, decimal.end())) {
                shape.append('0');
                i = decimal.end();
            } else {
                shape.append(c);
                i++;
            }
        }
        return shape.toString();
    }

    /** The quote closing the literal opened at {@code open}, or -1 when the line ends first. */
    private static int closing(String text, int open, char quote) {
        for (int i = open + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == quote) {
                return i;
            } else if (c == '\n') {
                return -1;
            }
        }
        return -1;
    }

    private static boolean continuesAsCode(String text, int end) {
        return end < text.length() && (Character.isJavaIdentifierPart(text.charAt(end)) || text.charAt(end) == '.');
    }
}
