package io.arbiter.policy.compile;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;
import org.drools.drl.parser.ParserError;

import io.arbiter.policy.PolicyLoadException;
import io.arbiter.policy.PolicyProblem;
import io.arbiter.policy.Reason;
import io.arbiter.policy.Stage;

/**
 * Reads a developer-written DRL file with Drools' own parser: its package names the stage, each rule's
 * {@code @description} is its reason, and each rule is found however its name is quoted.
 */
public final class DrlFileReader {

    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;?", Pattern.MULTILINE);
    /**
     * A rule's name as DRL allows it: in double quotes, in single quotes or a bare word. Each must be found, since a
     * rule that fires without a reason of its own has nothing to name in the decision.
     */
    public static final Pattern RULE = Pattern.compile("^\\s*rule\\s+(?:\"([^\"]+)\"|'([^']+)'|([\\w$]+))", Pattern.MULTILINE);

    private DrlFileReader() {
    }

    public static RuleSource read(PolicyFile file) {
        String drl = new String(file.content(), StandardCharsets.UTF_8);
        DrlParser parser = new DrlParser(DrlParser.DEFAULT_LANGUAGE_LEVEL);
        PackageDescr pkg;
        try {
            pkg = parser.parse(false, drl);
        } catch (DroolsParserException e) {
            throw new PolicyLoadException(List.of(new PolicyProblem(file.name(), null, null, "cannot be read as DRL: "
                    + e.getMessage())));
        }
        if (parser.hasErrors() || pkg == null) {
            throw new PolicyLoadException(parser.getErrors().stream().map(error -> new PolicyProblem(file.name(), null,
                    error instanceof ParserError p && p.getRow() > 0 ? "line " + p.getRow() : null,
                    "is not valid DRL here: " + PolicyExpressions.squeeze(error.getMessage()))).toList());
        }
        Matcher line = PACKAGE.matcher(drl);
        if (pkg.getName() == null || pkg.getName().isBlank()) {
            throw new PolicyLoadException(List.of(new PolicyProblem(file.name(), null, "line 1",
                    "has no 'package' line; start it with one of " + Stage.ruleSetNames())));
        }
        Stage stage = Stage.ofRuleSet(pkg.getName());
        if (stage == null) {
            throw new PolicyLoadException(List.of(new PolicyProblem(file.name(), null, "line " + (line.find()
                    ? new LineIndex(drl).lineOf(line.start(1)) : 1), "package '" + pkg.getName() + "' is not a stage of the pipeline; use one of "
                    + Stage.ruleSetNames())));
        }
        Map<String, Reason> reasons = new LinkedHashMap<>();
        for (RuleDescr rule : pkg.getRules()) {
            AnnotationDescr description = rule.getAnnotation(PolicyLanguage.DESCRIPTION);
            String text = description == null || description.getSingleValueAsString() == null ? rule.getName()
                    : unquoted(description.getSingleValueAsString());
            reasons.put(rule.getName(), new Reason(file.name(), null, rule.getLine(), rule.getName(), text));
        }
        return new RuleSource(file.name(), file.name(), stage, drl, reasons, Map.of());
    }

    private static String unquoted(String value) {
        String text = value.strip();
        if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
            text = text.substring(1, text.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        return text;
    }

    /** Which group of a {@link #RULE} match holds the rule's name, however it was quoted. */
    public static int nameGroup(Matcher rule) {
        return rule.group(1) != null ? 1 : rule.group(2) != null ? 2 : 3;
    }
}
