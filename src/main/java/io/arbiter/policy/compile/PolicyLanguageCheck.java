package io.arbiter.policy.compile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.drools.drl.ast.descr.AndDescr;
import org.drools.drl.ast.descr.AnnotatedBaseDescr;
import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.AtomicExprDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.BindingDescr;
import org.drools.drl.ast.descr.ConstraintConnectiveDescr;
import org.drools.drl.ast.descr.ExistsDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.ForallDescr;
import org.drools.drl.ast.descr.NotDescr;
import org.drools.drl.ast.descr.OrDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RelationalExprDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlExprParser;
import org.drools.drl.parser.DrlExprParserFactory;
import org.jspecify.annotations.Nullable;
import org.kie.internal.builder.conf.LanguageLevelOption;

import io.arbiter.policy.Stage;

/**
 * Checks a parsed DRL package (Drools' own parser's view of it, the one Drools then compiles) against
 * {@link PolicyLanguage}: its declarations ({@link PackageDeclarationsCheck}), each rule's attributes, annotations, conditions and actions. Anything
 * it does not know is refused. One instance checks one policy: the verdicts on a condition or an action are kept by
 * their text, since a large table repeats the same few thousand of them.
 */
public final class PolicyLanguageCheck {

    /** One construct refused: its line in the DRL, the rule it is in (null at package level) and why. */
    record Violation(int line, @Nullable String rule, String message) {
    }

    private static final Pattern STRING_LITERAL = Pattern.compile("\"(?:[^\"\\\\\\n]|\\\\[\"\\\\ntr'])*\"");
    private static final Pattern BINDING_NAME = Pattern.compile("\\$[A-Za-z_][A-Za-z0-9_]*");

    private final Map<String, String> conditionVerdicts = new HashMap<>();
    /** Conditions and actions (by stage, bindings and {@link ExpressionShape}) that passed: their like pass too. */
    private final Set<String> cleanShapes = new HashSet<>();

    List<Violation> check(PackageDescr pkg, Stage stage) {
        return check(pkg, stage, "");
    }

    /** Checks a package parsed from {@code drl}, whose text tells the line of each action (Drools keeps only its start). */
    List<Violation> check(PackageDescr pkg, Stage stage, String drl) {
        List<Violation> violations = new ArrayList<>();
        PackageDeclarationsCheck.check(pkg, stage, violations);
        LineIndex lines = new LineIndex(drl);
        for (RuleDescr rule : pkg.getRules()) {
            rule(rule, stage, drl, lines, violations);
        }
        return violations;
    }

    private void rule(RuleDescr rule, Stage stage, String drl, LineIndex lines, List<Violation> violations) {
        String name = rule.getName();
        if (rule.isQuery()) {
            violations.add(new Violation(rule.getLine(), name, "is a query, which is outside the policy language"));
            return;
        }
        rule.getAttributes().values().forEach(attribute -> PackageDeclarationsCheck.attribute(attribute, name, violations));
        annotations(rule, name, violations);
        if (!rule.getNamedConsequences().isEmpty()) {
            violations.add(new Violation(rule.getLine(), name, "has named consequences ('then[name]'), which is outside"
                    + " the policy language"));
        }
        Map<String, PolicyExpressions.Binding> bindings = new LinkedHashMap<>();
        lhs(rule.getLhs(), stage, name, bindings, violations);
        Object consequence = rule.getConsequence();
        String code = consequence == null ? "" : consequence.toString();
        if (!code.isBlank()) {
            String shape = stage + "\u0000" + bindings + "\u0000" + ExpressionShape.of(code);
            if (cleanShapes.contains(shape)) {
                return;
            }
            PolicyExpressions.Scope scope = new PolicyExpressions.Scope(stage, null, Map.copyOf(bindings));
            List<PolicyExpressions.Violation> found = PolicyExpressions.checkConsequence(code, scope);
            if (found.isEmpty()) {
                cleanShapes.add(shape);
            }
            int at = drl.indexOf(code.strip(), Math.max(0, rule.getStartCharacter()));
            int first = at >= 0 ? lines.lineOf(at) : Math.max(rule.getConsequenceLine(), 1);
            found.forEach(v -> violations.add(new Violation(first + v.line() - 1, name, v.message())));
        }
    }

    private static void annotations(AnnotatedBaseDescr descr, String rule, List<Violation> violations) {
        for (AnnotationDescr annotation : descr.getAnnotations()) {
            boolean description = annotation.getName().equals(PolicyLanguage.DESCRIPTION) && annotation.getFullyQualifiedName() == null
                    && annotation.getValueMap().size() == 1 && annotation.getSingleValueAsString() != null
                    && STRING_LITERAL.matcher(annotation.getSingleValueAsString().strip()).matches();
            if (!description) {
                violations.add(new Violation(annotation.getLine() > 0 ? annotation.getLine() : descr.getLine(), rule,
                        "has the annotation '@" + annotation.getName() + "(" + PolicyExpressions.squeeze(String.valueOf(
                                annotation.getSingleValueAsString())) + ")': the only annotation is @description(\"text\")"));
            }
        }
    }

    private void lhs(BaseDescr descr, Stage stage, String rule, Map<String, PolicyExpressions.Binding> bindings,
            List<Violation> violations) {
        if (descr instanceof AndDescr || descr instanceof OrDescr || descr instanceof NotDescr || descr instanceof ExistsDescr
                || descr instanceof ForallDescr) {
            for (BaseDescr child : ((org.drools.drl.ast.descr.ConditionalElementDescr) descr).getDescrs()) {
                lhs(child, stage, rule, bindings, violations);
            }
            return;
        }
        if (descr instanceof PatternDescr pattern) {
            pattern(pattern, stage, rule, bindings, violations);
            return;
        }
        String what = switch (descr.getClass().getSimpleName()) {
            case "EvalDescr" -> "eval(...), which runs code";
            case "FromDescr" -> "'from', which reads data from outside the facts";
            case "AccumulateDescr", "CollectDescr" -> "accumulate/collect";
            case "EntryPointDescr" -> "an entry point";
            case "ConditionalBranchDescr", "NamedConsequenceDescr" -> "a conditional branch";
            default -> descr.getClass().getSimpleName().replace("Descr", "");
        };
        violations.add(new Violation(descr.getLine(), rule, "uses " + what + ": a condition only matches facts ("
                + String.join(", ", PolicyLanguage.facts(stage).stream().map(Class::getSimpleName).toList())
                + ") by their fields, alone or with and, or, not and exists"));
    }

    private void pattern(PatternDescr pattern, Stage stage, String rule, Map<String, PolicyExpressions.Binding> bindings,
            List<Violation> violations) {
        int line = pattern.getLine();
        Class<? extends Record> fact = PolicyLanguage.fact(stage, pattern.getObjectType());
        if (fact == null) {
            violations.add(new Violation(line, rule, "matches '" + pattern.getObjectType() + "', which is not a fact of the "
                    + stage.ruleSet() + " rules (they are " + String.join(", ", PolicyLanguage.facts(stage).stream()
                    .map(Class::getSimpleName).toList()) + ")"));
            return;
        }
        if (pattern.getSource() != null) {
            violations.add(new Violation(line, rule, "reads " + fact.getSimpleName() + " 'from' something else (from, accumulate,"
                    + " collect, entry point): a condition only matches the facts the stage is given"));
        }
        if (pattern.isQuery() || !pattern.getAnnotations().isEmpty()) {
            violations.add(new Violation(line, rule, "calls a query or annotates a pattern, which is outside the policy language"));
        }
        if (pattern.getIdentifier() != null) {
            bind(pattern.getIdentifier(), new PolicyExpressions.Binding(fact, fact), line, rule, bindings, violations);
        }
        for (BaseDescr constraint : pattern.getDescrs()) {
            if (!(constraint instanceof ExprConstraintDescr expression)
                    || expression.getType() != ExprConstraintDescr.Type.NAMED) {
                violations.add(new Violation(line, rule, "has a positional constraint on " + fact.getSimpleName()
                        + "; name the field: " + fact.getSimpleName() + "(field == value)"));
                continue;
            }
            constraint(expression.getExpression(), stage, fact, rule, line, bindings, violations);
        }
    }

    private void constraint(String text, Stage stage, Class<? extends Record> fact, String rule, int line,
            Map<String, PolicyExpressions.Binding> bindings, List<Violation> violations) {
        String shape = stage + "\u0000" + fact.getName() + "\u0000" + bindings + "\u0000" + ExpressionShape.of(text);
        if (cleanShapes.contains(shape)) {
            return;
        }
        int found = violations.size();
        int bound = bindings.size();
        DrlExprParser parser = DrlExprParserFactory.getDrlExprParser(LanguageLevelOption.DRL6);
        ConstraintConnectiveDescr parsed = parser.parse(text);
        if (parser.hasErrors() || parsed == null) {
            violations.add(new Violation(line, rule, "'" + PolicyExpressions.squeeze(text) + "' is not a condition the policy"
                    + " language can read: compare a field of " + fact.getSimpleName() + " with a value, e.g. "
                    + PolicyLanguage.fields(fact).keySet().iterator().next() + " == ..."));
            return;
        }
        PolicyExpressions.Scope scope = new PolicyExpressions.Scope(stage, fact, bindings);
        walk(parsed, scope, rule, line, bindings, false, violations);
        if (violations.size() == found && bindings.size() == bound) {
            cleanShapes.add(shape);
        }
    }

    /** Walks a constraint; {@code operand} tells a value compared from a condition standing alone. */
    private void walk(BaseDescr descr, PolicyExpressions.Scope scope, String rule, int line,
            Map<String, PolicyExpressions.Binding> bindings, boolean operand, List<Violation> violations) {
        if (descr instanceof ConstraintConnectiveDescr connective) {
            for (BaseDescr child : connective.getDescrs()) {
                walk(child, scope, rule, line, bindings, false, violations);
            }
        } else if (descr instanceof RelationalExprDescr relation) {
            String operator = relation.getOperator();
            if (!PolicyLanguage.OPERATORS.contains(operator) || relation.isNegated() || relation.getParameters() != null
                    && !relation.getParameters().isEmpty()) {
                violations.add(new Violation(line, rule, "compares with '" + (relation.isNegated() ? "not " : "") + operator
                        + "', which is outside the policy language (it compares with ==, !=, <, <=, >, >=, in and not in)"));
                return;
            }
            walk(relation.getLeft(), scope, rule, line, bindings, true, violations);
            walk(relation.getRight(), scope, rule, line, bindings, true, violations);
        } else if (descr instanceof BindingDescr binding) {
            Class<?> type = scope.fact() == null ? null : PolicyLanguage.fields(scope.fact()).get(binding.getExpression().strip());
            if (type == null) {
                violations.add(new Violation(line, rule, "binds '" + binding.getVariable() + "' to '" + binding.getExpression()
                        + "': a name may be bound only to a field of " + scope.fact().getSimpleName()));
                return;
            }
            bind(binding.getVariable(), new PolicyExpressions.Binding(null, type), line, rule, bindings, violations);
        } else if (descr instanceof AtomicExprDescr atomic) {
            String text = atomic.getExpression();
            String verdict = conditionVerdicts.computeIfAbsent(scope.stage() + "\u0000" + scope.fact().getName() + "\u0000"
                    + text + "\u0000" + operand + "\u0000" + String.join(",", bindings.keySet()),
                    key -> String.valueOf(PolicyExpressions.checkConditionValue(text, scope, !operand)));
            if (!verdict.equals("null")) {
                violations.add(new Violation(line, rule, verdict));
            }
        } else if (descr != null) {
            violations.add(new Violation(line, rule, "'" + PolicyExpressions.squeeze(descr.toString()) + "' is a "
                    + descr.getClass().getSimpleName().replace("Descr", "") + ", which is outside the policy language"));
        }
    }

    private static void bind(String name, PolicyExpressions.Binding binding, int line, String rule,
            Map<String, PolicyExpressions.Binding> bindings, List<Violation> violations) {
        if (!BINDING_NAME.matcher(name).matches()) {
            violations.add(new Violation(line, rule, "binds the name '" + name + "': names bound in a rule start with $"
                    + " ($a, $turnover), so that they cannot be taken for a fact, a result or a function"));
            return;
        }
        bindings.put(name, binding);
    }
}
