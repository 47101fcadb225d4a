package io.arbiter.policy.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a constraint as Drools generates it from a template and a cell ({@code seniorityMonths >= 12 && < 24},
 * {@code name == "SME"}, {@code riskClass in ("D", "E")}) into comparisons of one field with literals. Anything else
 * (methods, arithmetic, {@code ||}, two fields) is not understood, and the column is left out of the analysis.
 */
final class Constraints {

    /** {@code field op literals}; {@code op} is one of {@code == != >= > <= < in notin}. */
    record Comparison(String field, String op, List<Literal> literals) {
    }

    /** A literal as written: {@code quoted} when it was a string. */
    record Literal(String text, boolean quoted) {
    }

    private Constraints() {
    }

    /** The comparisons of a constraint joined by {@code &&} or {@code ,}; empty when it is not that simple. */
    static Optional<List<Comparison>> parse(String constraint) {
        List<String> tokens = tokens(constraint);
        if (tokens == null || tokens.isEmpty()) {
            return Optional.empty();
        }
        List<Comparison> comparisons = new ArrayList<>();
        String field = null;
        int i = 0;
        while (i < tokens.size()) {
            String token = tokens.get(i);
            if (isIdentifier(token) && !token.equals("in") && !token.equals("not")) {
                field = token.startsWith("this.") ? token.substring(5) : token;
                i++;
            }
            if (field == null || i >= tokens.size()) {
                return Optional.empty();
            }
            String op = tokens.get(i++);
            List<Literal> literals = new ArrayList<>();
            if (op.equals("not") && i < tokens.size() && tokens.get(i).equals("in")) {
                op = "notin";
                i++;
            }
            if (op.equals("in") || op.equals("notin")) {
                if (i >= tokens.size() || !tokens.get(i++).equals("(")) {
                    return Optional.empty();
                }
                while (i < tokens.size() && !tokens.get(i).equals(")")) {
                    Literal literal = literal(tokens.get(i++));
                    if (literal == null) {
                        return Optional.empty();
                    }
                    literals.add(literal);
                    if (i < tokens.size() && tokens.get(i).equals(",")) {
                        i++;
                    }
                }
                if (i >= tokens.size() || literals.isEmpty()) {
                    return Optional.empty();
                }
                i++;
            } else if (List.of("==", "!=", ">=", ">", "<=", "<").contains(op) && i < tokens.size()) {
                Literal literal = literal(tokens.get(i++));
                if (literal == null) {
                    return Optional.empty();
                }
                literals.add(literal);
            } else {
                return Optional.empty();
            }
            comparisons.add(new Comparison(field, op, literals));
            if (i < tokens.size()) {
                String joint = tokens.get(i++);
                if (!joint.equals("&&") && !joint.equals(",") || i >= tokens.size()) {
                    return Optional.empty();
                }
                if (joint.equals(",")) {
                    field = null; // Drools' "a, b" repeats no field
                }
            }
        }
        return Optional.of(comparisons);
    }

    private static Literal literal(String token) {
        if (token.startsWith("\"")) {
            return new Literal(token.substring(1, token.length() - 1), true);
        }
        if (token.equalsIgnoreCase("true") || token.equalsIgnoreCase("false")) {
            return new Literal(token.toLowerCase(java.util.Locale.ROOT), false);
        }
        if (token.matches("-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?")) {
            return new Literal(token, false);
        }
        if (token.matches("-?[0-9]+(\\.[0-9]+)?[BbIiLlDdFf]")) {
            return new Literal(token.substring(0, token.length() - 1), false);
        }
        return null;
    }

    private static boolean isIdentifier(String token) {
        return Character.isJavaIdentifierStart(token.charAt(0)) && !token.equalsIgnoreCase("true") && !token.equalsIgnoreCase("false");
    }

    /** Identifiers, numbers, strings (with their quotes, unescaped inside) and operators; null when unreadable. */
    private static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '"' || c == '\u201c' || c == '\u201d') {
                StringBuilder value = new StringBuilder("\"");
                int j = i + 1;
                while (j < text.length() && text.charAt(j) != '"' && text.charAt(j) != '\u201d' && text.charAt(j) != '\u201c') {
                    if (text.charAt(j) == '\\' && j + 1 < text.length()) {
                        j++;
                    }
                    value.append(text.charAt(j++));
                }
                if (j >= text.length()) {
                    return null;
                }
                tokens.add(value.append('"').toString());
                i = j + 1;
            } else if (Character.isJavaIdentifierStart(c)) {
                int j = i;
                while (j < text.length() && (Character.isJavaIdentifierPart(text.charAt(j)) || text.charAt(j) == '.')) {
                    j++;
                }
                tokens.add(text.substring(i, j));
                i = j;
            } else if (Character.isDigit(c) || c == '-' && i + 1 < text.length() && Character.isDigit(text.charAt(i + 1))) {
                int j = i + 1;
                while (j < text.length() && (Character.isLetterOrDigit(text.charAt(j)) || text.charAt(j) == '.'
                        || (text.charAt(j) == '-' || text.charAt(j) == '+') && (text.charAt(j - 1) == 'e' || text.charAt(j - 1) == 'E'))) {
                    j++;
                }
                tokens.add(text.substring(i, j));
                i = j;
            } else {
                String two = i + 1 < text.length() ? text.substring(i, i + 2) : "";
                if (List.of("==", "!=", ">=", "<=", "&&", "||").contains(two)) {
                    if (two.equals("||")) {
                        return null;
                    }
                    tokens.add(two);
                    i += 2;
                } else if ("<>(),".indexOf(c) >= 0) {
                    tokens.add(String.valueOf(c));
                    i++;
                } else {
                    return null;
                }
            }
        }
        return tokens;
    }
}
