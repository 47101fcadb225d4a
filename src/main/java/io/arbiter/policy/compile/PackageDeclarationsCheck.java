package io.arbiter.policy.compile;

import java.util.List;

import org.drools.drl.ast.descr.AttributeDescr;
import org.drools.drl.ast.descr.GlobalDescr;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.jspecify.annotations.Nullable;

import io.arbiter.policy.compile.PolicyLanguageCheck.Violation;

import io.arbiter.policy.Stage;

/**
 * The part of {@link PolicyLanguageCheck} that reads what a DRL package declares around its rules: imports, the
 * global, functions, types, entry points and attributes. The policy language has one global per stage and imports only
 * its facts and results; everything else a package can declare is code or state, so it is refused.
 */
final class PackageDeclarationsCheck {

    private PackageDeclarationsCheck() {
    }

    static void check(PackageDescr pkg, Stage stage, List<Violation> violations) {
        if (pkg.getUnit() != null) {
            violations.add(new Violation(pkg.getLine(), null, "declares a rule unit, which is outside the policy language"));
        }
        for (ImportDescr imported : pkg.getImports()) {
            if (!PolicyLanguage.importable().contains(imported.getTarget())) {
                violations.add(new Violation(imported.getLine(), null, "imports '" + imported.getTarget() + "', which is outside"
                        + " the policy language: a policy may import only its facts and results (" + String.join(", ",
                        PolicyLanguage.importable()) + ")"));
            }
        }
        pkg.getFunctionImports().forEach(f -> violations.add(new Violation(f.getLine(), null, "imports '"
                + f.getTarget() + "' (a function), which is outside the policy language: a policy calls no function but Math.min, Math.max"
                + " and Math.abs")));
        pkg.getAccumulateImports().forEach(a -> violations.add(new Violation(a.getLine(), null,
                "imports an accumulate function, which is outside the policy language")));
        for (GlobalDescr global : pkg.getGlobals()) {
            String type = global.getType();
            Class<?> expected = PolicyLanguage.result(stage);
            if (!global.getIdentifier().equals(stage.global())
                    || !(type.equals(expected.getName()) || type.equals(expected.getSimpleName()))) {
                violations.add(new Violation(global.getLine(), null, "declares the global '" + type + " "
                        + global.getIdentifier() + "', which is outside the policy language: the only global of the "
                        + stage.ruleSet() + " rules is '"
                        + expected.getName() + " " + stage.global() + "'"));
            }
        }
        pkg.getFunctions().forEach(f -> violations.add(new Violation(f.getLine(), null, "declares the function '" + f.getName()
                + "', which is code, outside the policy language: it has no functions (Functions cells and 'function' blocks are refused)")));
        pkg.getTypeDeclarations().forEach(t -> violations.add(new Violation(t.getLine(), null, "declares the type '"
                + t.getTypeName() + "': a policy works on the facts it is given (Declare cells and 'declare' blocks are refused)")));
        pkg.getEnumDeclarations().forEach(t -> violations.add(new Violation(t.getLine(), null, "declares the enum '"
                + t.getTypeName() + "', which is outside the policy language")));
        pkg.getEntryPointDeclarations().forEach(e -> violations.add(new Violation(e.getLine(), null,
                "declares an entry point, which is outside the policy language")));
        pkg.getWindowDeclarations().forEach(w -> violations.add(new Violation(w.getLine(), null,
                "declares a window, which is outside the policy language")));
        for (AttributeDescr attribute : pkg.getAttributes()) {
            attribute(attribute, null, violations);
        }
    }

    static void attribute(AttributeDescr attribute, @Nullable String rule, List<Violation> violations) {
        String name = attribute.getName();
        String value = attribute.getValue() == null ? "" : attribute.getValue().strip();
        if (!PolicyLanguage.ATTRIBUTES.contains(name)) {
            violations.add(new Violation(attribute.getLine(), rule, "has the attribute '" + name + "', which is outside the"
                    + " policy language (allowed: " + String.join(", ", new java.util.TreeSet<>(PolicyLanguage.ATTRIBUTES)) + ")"));
            return;
        }
        boolean valid = switch (name) {
            case "salience" -> value.matches("-?[0-9]{1,9}");
            case "no-loop", "lock-on-active", "auto-focus", "enabled" -> value.isEmpty() || value.equals("true") || value.equals("false");
            case "dialect" -> value.equals("java") || value.equals("\"java\"");
            default -> true;
        };
        if (!valid) {
            violations.add(new Violation(attribute.getLine(), rule, "has " + name + " '" + value + "': " + switch (name) {
                case "salience" -> "a priority must be a whole number, not a calculation";
                case "dialect" -> "the policy language is DRL with java actions; the mvel dialect is not allowed";
                default -> "it must be true or false";
            }));
        }
    }
}
