package io.arbiter.policy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a developer-written DRL file: its package names the stage, each rule's {@code @description} is its reason. */
final class DrlFileReader {

    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;?", Pattern.MULTILINE);
    /**
     * A rule's name as DRL allows it: in double quotes, in single quotes or a bare word. Each must be found, since a
     * rule that fires without a reason of its own has nothing to name in the decision.
     */
    static final Pattern RULE = Pattern.compile("^\\s*rule\\s+(?:\"([^\"]+)\"|'([^']+)'|([\\w$]+))", Pattern.MULTILINE);
    private static final Pattern DESCRIPTION = Pattern.compile("@description\\(\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*\\)");

    private DrlFileReader() {
    }

    static RuleSource read(PolicyFile file) {
        String drl = new String(file.content(), StandardCharsets.UTF_8);
        Matcher pkg = PACKAGE.matcher(drl);
        if (!pkg.find()) {
            throw new PolicyLoadException(List.of(new PolicyProblem(file.name(), null, "line 1",
                    "has no 'package' line; start it with one of " + Stage.ruleSetNames())));
        }
        Stage stage = Stage.ofRuleSet(pkg.group(1));
        if (stage == null) {
            throw new PolicyLoadException(List.of(new PolicyProblem(file.name(), null, "line " + lineOf(drl, pkg.start(1)),
                    "package '" + pkg.group(1) + "' is not a stage of the pipeline; use one of " + Stage.ruleSetNames())));
        }
        Map<String, Reason> reasons = new LinkedHashMap<>();
        Matcher rule = RULE.matcher(drl);
        while (rule.find()) {
            int end = drl.indexOf("\nthen", rule.end());
            String head = drl.substring(rule.end(), end < 0 ? drl.length() : end);
            Matcher description = DESCRIPTION.matcher(head);
            int group = nameGroup(rule);
            String name = rule.group(group);
            reasons.put(name, new Reason(file.name(), null, lineOf(drl, rule.start(group)), name,
                    description.find() ? description.group(1) : name));
        }
        return new RuleSource(file.name(), file.name(), stage, drl, reasons, Map.of());
    }

    /** Which group of a {@link #RULE} match holds the rule's name, however it was quoted. */
    static int nameGroup(Matcher rule) {
        return rule.group(1) != null ? 1 : rule.group(2) != null ? 2 : 3;
    }

    static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
