package io.arbiter.policy.compile;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.DoubleLiteralExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.LongLiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.NullLiteralExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.EmptyStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.Statement;

import io.arbiter.policy.Stage;

/**
 * Checks the Java and MVEL pieces of a policy, parsed with a real Java parser: the values a condition compares
 * ({@code turnover >= 2000000}: {@code turnover} and {@code 2000000}) and the statements of an action
 * ({@code limit.internal(150000);}). Only {@link PolicyLanguage}'s constructs pass; a construct the check does not
 * know is refused, so that nothing new in Java or MVEL can slip through by being unforeseen.
 */
final class PolicyExpressions {

    /** What a name bound in a rule stands for: a whole fact ({@code $a : Applicant()}) or one field's value. */
    record Binding(@Nullable Class<?> fact, Class<?> type) {
    }

    /** Where a piece of code is checked: its stage, the fact a condition belongs to, and the rule's bindings. */
    record Scope(Stage stage, @Nullable Class<?> fact, Map<String, Binding> bindings) {
    }

    /** One construct refused, with its line within the checked code (1-based). */
    record Violation(int line, String message) {
    }

    /** A stand-in for a cell's value in a column's template, whatever kind of value the cell will hold. */
    static final String CELL_VALUE = "__cell_value__";

    private static final ParserConfiguration CONFIGURATION = new ParserConfiguration()
            .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_21).setStoreTokens(false);

    private PolicyExpressions() {
    }

    /**
     * A value or field a condition compares, e.g. {@code turnover}, {@code "SME"}, {@code $seg.name}, {@code 5.0E7}; or,
     * when {@code alone}, a whole condition, which must then be true or false ({@code publicSector}).
     */
    static @Nullable String checkConditionValue(String text, Scope scope, boolean alone) {
        String code = text.strip();
        if (code.length() >= 2 && code.startsWith("'") && code.endsWith("'") && code.indexOf('\'', 1) == code.length() - 1
                && code.indexOf('\\') < 0) {
            return null; // DRL's single-quoted text
        }
        ParseResult<Expression> parsed = new JavaParser(CONFIGURATION).parseExpression(code);
        if (!parsed.isSuccessful() || parsed.getResult().isEmpty()) {
            return "'" + code + "' is not a value, a field or a calculation of the policy language";
        }
        Expression expression = parsed.getResult().get();
        if (!expression.getAllContainedComments().isEmpty() || expression.getComment().isPresent()) {
            return "'" + code + "' holds a comment; comments are not allowed inside a condition";
        }
        List<Violation> violations = new ArrayList<>();
        ValueKind kind = kind(expression, scope, true, violations);
        if (violations.isEmpty() && alone && kind != ValueKind.BOOLEAN && kind != ValueKind.ANY) {
            return "'" + code + "' is not a condition: compare a field with a value (e.g. turnover >= 2000000)"
                    + (code.matches("-?[0-9]+") ? "; a decimal comma splits a number in two: write 80.5, not 80,5" : "");
        }
        return violations.isEmpty() ? null : violations.getFirst().message();
    }

    /** The statements of a rule's action part: each must tell the stage's result something, and nothing else. */
    static List<Violation> checkConsequence(String code, Scope scope) {
        ParseResult<BlockStmt> parsed = new JavaParser(CONFIGURATION).parseBlock("{\n" + code + "\n}");
        if (!parsed.isSuccessful() || parsed.getResult().isEmpty()) {
            int line = parsed.getProblems().stream().flatMap(p -> p.getLocation().stream())
                    .map(l -> l.getBegin().getRange().map(r -> r.begin.line - 1).orElse(1)).findFirst().orElse(1);
            return List.of(new Violation(Math.max(1, line), "'" + squeeze(code) + "' is not an action of the policy language: "
                    + "an action is one or more calls such as " + examples(scope.stage())));
        }
        List<Violation> violations = new ArrayList<>();
        for (Statement statement : parsed.getResult().get().getStatements()) {
            int line = statement.getBegin().map(p -> p.line - 1).orElse(1);
            if (statement instanceof EmptyStmt) {
                continue;
            }
            if (!(statement instanceof ExpressionStmt expressionStmt)
                    || !(expressionStmt.getExpression() instanceof MethodCallExpr call)) {
                Node what = statement instanceof ExpressionStmt expressionStmt ? expressionStmt.getExpression() : statement;
                violations.add(new Violation(line, "'" + squeeze(statement.toString()) + "' " + Constructs.describe(what)
                        + ", which is outside the policy language: an action only calls " + examples(scope.stage())));
                continue;
            }
            checkAction(call, scope, line, violations);
        }
        return violations;
    }

    private static void checkAction(MethodCallExpr call, Scope scope, int line, List<Violation> violations) {
        Stage stage = scope.stage();
        boolean onResult = call.getScope().filter(s -> s instanceof NameExpr name
                && name.getNameAsString().equals(stage.global())).isPresent();
        Method method = onResult ? PolicyLanguage.actions(stage).get(call.getNameAsString()) : null;
        if (method == null) {
            violations.add(new Violation(line, "calls '" + squeeze(call.toString()) + "', which is outside the policy language:"
                    + " an action of this stage only calls " + examples(stage)));
            return;
        }
        Class<?>[] parameters = method.getParameterTypes();
        if (call.getArguments().size() != parameters.length) {
            violations.add(new Violation(line, "'" + squeeze(call.toString()) + "' gives " + call.getArguments().size()
                    + " value(s) where " + PolicyLanguage.signature(stage, method) + " takes " + parameters.length));
            return;
        }
        for (int i = 0; i < parameters.length; i++) {
            Expression argument = call.getArgument(i);
            if (argument instanceof NameExpr name && !scope.bindings().containsKey(name.getNameAsString())
                    && !name.getNameAsString().equals(CELL_VALUE)) {
                violations.add(new Violation(line, "'" + name + "' is not a " + PolicyLanguage.kind(parameters[i]) + ", which "
                        + PolicyLanguage.signature(stage, method) + " takes" + ValueKind.hint(parameters[i], argument)));
                continue;
            }
            List<Violation> found = new ArrayList<>();
            ValueKind kind = kind(argument, scope, false, found);
            found.forEach(v -> violations.add(new Violation(line, v.message())));
            if (found.isEmpty() && !kind.fits(parameters[i], argument)) {
                violations.add(new Violation(line, "'" + squeeze(argument.toString()) + "' is not a "
                        + PolicyLanguage.kind(parameters[i]) + ", which " + PolicyLanguage.signature(stage, method)
                        + " takes" + ValueKind.hint(parameters[i], argument)));
            }
        }
    }

    /**
     * The kind of value an expression gives, recording every construct outside the language. In a condition a bare
     * name is a field of the condition's fact; in an action only names bound in the rule exist.
     */
    private static ValueKind kind(Expression expression, Scope scope, boolean inCondition, List<Violation> violations) {
        if (expression instanceof IntegerLiteralExpr || expression instanceof LongLiteralExpr) {
            return ValueKind.WHOLE;
        }
        if (expression instanceof DoubleLiteralExpr) {
            return ValueKind.NUMBER;
        }
        if (expression instanceof StringLiteralExpr) {
            return ValueKind.TEXT;
        }
        if (expression instanceof BooleanLiteralExpr) {
            return ValueKind.BOOLEAN;
        }
        if (expression instanceof NullLiteralExpr) {
            return ValueKind.NULL;
        }
        if (expression instanceof EnclosedExpr enclosed) {
            return kind(enclosed.getInner(), scope, inCondition, violations);
        }
        if (expression instanceof UnaryExpr unary) {
            ValueKind inner = kind(unary.getExpression(), scope, inCondition, violations);
            return switch (unary.getOperator()) {
                case MINUS, PLUS -> inner;
                case LOGICAL_COMPLEMENT -> ValueKind.BOOLEAN;
                default -> refuse(expression, "changes a value in place", violations);
            };
        }
        if (expression instanceof BinaryExpr binary) {
            ValueKind left = kind(binary.getLeft(), scope, inCondition, violations);
            ValueKind right = kind(binary.getRight(), scope, inCondition, violations);
            return switch (binary.getOperator()) {
                case PLUS -> left == ValueKind.TEXT || right == ValueKind.TEXT ? ValueKind.TEXT : ValueKind.numeric(left, right);
                case MINUS, MULTIPLY, DIVIDE, REMAINDER -> ValueKind.numeric(left, right);
                case EQUALS, NOT_EQUALS, LESS, LESS_EQUALS, GREATER, GREATER_EQUALS, AND, OR -> ValueKind.BOOLEAN;
                default -> refuse(expression, "works on a value's bits", violations);
            };
        }
        if (expression instanceof ConditionalExpr conditional) {
            kind(conditional.getCondition(), scope, inCondition, violations);
            ValueKind then = kind(conditional.getThenExpr(), scope, inCondition, violations);
            ValueKind otherwise = kind(conditional.getElseExpr(), scope, inCondition, violations);
            return then == otherwise ? then : ValueKind.ANY;
        }
        if (expression instanceof NameExpr name) {
            return name(name.getNameAsString(), scope, inCondition, expression, violations);
        }
        if (expression instanceof FieldAccessExpr access) {
            if (access.getScope() instanceof NameExpr owner) {
                return field(owner.getNameAsString(), access.getNameAsString(), scope, expression, violations);
            }
            if (!(access.getScope() instanceof FieldAccessExpr)) {
                int before = violations.size();
                kind(access.getScope(), scope, inCondition, violations); // says what the field is read from
                if (violations.size() > before) {
                    return ValueKind.ANY;
                }
            }
        }
        if (expression instanceof MethodCallExpr call) {
            return call(call, scope, inCondition, violations);
        }
        return refuse(expression, Constructs.describe(expression), violations);
    }

    private static ValueKind name(String name, Scope scope, boolean inCondition, Expression expression, List<Violation> violations) {
        if (name.equals(CELL_VALUE)) {
            return ValueKind.ANY;
        }
        Binding binding = scope.bindings().get(name);
        if (binding != null) {
            if (binding.fact() != null && binding.fact() == binding.type()) {
                return refuse(expression, "is a whole " + binding.fact().getSimpleName() + "; name one of its fields, e.g. "
                        + name + "." + PolicyLanguage.fields(binding.fact()).keySet().iterator().next(), violations);
            }
            return ValueKind.of(binding.type());
        }
        if (inCondition && scope.fact() != null) {
            Class<?> type = PolicyLanguage.fields(scope.fact()).get(name);
            if (type != null) {
                return ValueKind.of(type);
            }
            return refuse(expression, "is not a field of " + scope.fact().getSimpleName() + " (its fields: "
                    + String.join(", ", PolicyLanguage.fields(scope.fact()).keySet()) + ")", violations);
        }
        return refuse(expression, "is not a name the policy language knows: an action may use values and the names its rule"
                + " binds in its conditions (" + (scope.bindings().isEmpty() ? "none" : String.join(", ", scope.bindings().keySet()))
                + ")", violations);
    }

    private static ValueKind field(String owner, String field, Scope scope, Expression expression, List<Violation> violations) {
        Binding binding = scope.bindings().get(owner);
        if (binding == null || binding.fact() == null || binding.fact() != binding.type()) {
            return refuse(expression, "reads '" + field + "' of '" + owner + "', which is not a fact bound in this rule",
                    violations);
        }
        Class<?> type = PolicyLanguage.fields(binding.fact()).get(field);
        if (type == null) {
            return refuse(expression, "is not a field of " + binding.fact().getSimpleName() + " (its fields: "
                    + String.join(", ", PolicyLanguage.fields(binding.fact()).keySet()) + ")", violations);
        }
        return ValueKind.of(type);
    }

    private static ValueKind call(MethodCallExpr call, Scope scope, boolean inCondition, List<Violation> violations) {
        if (call.getScope().isPresent() && call.getScope().get() instanceof NameExpr owner) {
            Set<String> helpers = PolicyLanguage.HELPERS.get(owner.getNameAsString());
            if (helpers != null && helpers.contains(call.getNameAsString()) && !call.getTypeArguments().isPresent()) {
                ValueKind result = ValueKind.WHOLE;
                for (Expression argument : call.getArguments()) {
                    result = ValueKind.numeric(result, kind(argument, scope, inCondition, violations));
                }
                return result;
            }
            Binding binding = scope.bindings().get(owner.getNameAsString());
            if (binding != null && binding.fact() != null && binding.fact() == binding.type() && call.getArguments().isEmpty()) {
                return field(owner.getNameAsString(), call.getNameAsString(), scope, call, violations);
            }
        }
        return refuse(call, "calls '" + squeeze(call.getScope().map(s -> s + ".").orElse("") + call.getNameAsString())
                + "(...)', which is outside the policy language (the only functions are Math.min, Math.max and Math.abs)",
                violations);
    }

    private static ValueKind refuse(Node node, String why, List<Violation> violations) {
        violations.add(new Violation(node.getBegin().map(p -> p.line).orElse(1), "'" + squeeze(node.toString()) + "' " + why
                + (why.contains("policy language") ? "" : ", which is outside the policy language")));
        return ValueKind.ANY;
    }

    private static String examples(Stage stage) {
        return String.join(", ", PolicyLanguage.actions(stage).values().stream()
                .map(method -> PolicyLanguage.signature(stage, method)).toList());
    }

    static String squeeze(String code) {
        String flat = code.replaceAll("\\s+", " ").strip();
        return flat.length() > 120 ? flat.substring(0, 117) + "..." : flat;
    }
}
