package io.arbiter.policy.compile;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsError;
import org.drools.drl.parser.DroolsParserException;
import org.drools.drl.parser.ParserError;
import org.jspecify.annotations.Nullable;

import io.arbiter.policy.PolicyProblem;
import io.arbiter.policy.Reason;

/**
 * Parses one source's DRL with Drools' own parser and checks what it parsed against the policy language, reporting each
 * problem where its author can fix it: the line of a DRL file, or the cell of a decision table. The package it returns
 * is the one to compile, so that Drools compiles exactly what was checked and never reads the text a second time.
 */
public final class PolicySourceCheck {

    private static final Pattern RULE_LINE = Pattern.compile("^\\s*rule\\s+\"([^\"]+)\"", Pattern.MULTILINE);
    /** Which RuleSet cell a package-level problem is about, by the words that start its message. */
    private static final Map<String, String> KEYWORD_OF = keywordOf();

    private PolicySourceCheck() {
    }

    /** The parsed package, or null when a problem (added to {@code problems}) keeps it from being compiled. */
    public static @Nullable PackageDescr check(RuleSource source, PolicyLanguageCheck language, List<PolicyProblem> problems) {
        int before = errors(problems);
        if (source.isTable()) {
            problems.addAll(TableChecks.check(source, language));
            if (errors(problems) > before) {
                return null; // a column's code is wrong on every row: said once, at the column
            }
        }
        String drl = source.drl();
        for (PolicyLanguageCheck.Violation escape : UnicodeEscapes.in(drl)) {
            problems.add(source.isTable() ? atCellHolding(source, "\\u", escape.message()) : atLine(source, escape.line(),
                    escape.message()));
        }
        if (errors(problems) > before) {
            return null;
        }
        DrlParser parser = new DrlParser(DrlParser.DEFAULT_LANGUAGE_LEVEL);
        PackageDescr pkg;
        try {
            pkg = parser.parse(false, drl);
        } catch (DroolsParserException e) {
            problems.add(new PolicyProblem(source.file(), null, null, "cannot be read as DRL: " + e.getMessage()));
            return null;
        }
        if (parser.hasErrors() || pkg == null) {
            for (DroolsError error : parser.getErrors()) {
                int line = error instanceof ParserError parserError ? parserError.getRow() : 0;
                problems.add(syntax(source, line, PolicyExpressions.squeeze(error.getMessage()), language));
            }
            return null;
        }
        Map<String, PolicyProblem> located = new LinkedHashMap<>();
        for (PolicyLanguageCheck.Violation violation : language.check(pkg, source.stage(), drl)) {
            PolicyProblem problem = locate(source, violation, language);
            located.putIfAbsent(problem.cell() + "\u0000" + problem.message(), problem);
        }
        problems.addAll(located.values());
        return errors(problems) > before ? null : pkg;
    }

    private static PolicyProblem locate(RuleSource source, PolicyLanguageCheck.Violation violation, PolicyLanguageCheck language) {
        if (!source.isTable()) {
            return atLine(source, violation.line(), violation.message());
        }
        Reason reason = violation.rule() == null ? null : source.reasons().get(violation.rule());
        if (reason != null && reason.row() != null) {
            return TableChecks.locate(source, reason.row(), violation.message(), language);
        }
        return atKeyword(source, violation.message());
    }

    /** A syntax error: by line in a DRL file; in a table, at the cell of the rule whose generated line it is. */
    private static PolicyProblem syntax(RuleSource source, int line, String message, PolicyLanguageCheck language) {
        if (!source.isTable()) {
            return atLine(source, line, "is not valid DRL here: " + message);
        }
        String rule = null;
        Matcher matcher = RULE_LINE.matcher(source.drl());
        LineIndex lines = new LineIndex(source.drl());
        while (matcher.find() && lines.lineOf(matcher.start()) <= line) {
            rule = matcher.group(1);
        }
        Reason reason = rule == null ? null : source.reasons().get(rule);
        if (reason != null && reason.row() != null) {
            return TableChecks.locate(source, reason.row(), "does not read as DRL: " + message, language);
        }
        return atKeyword(source, "does not read as DRL: " + message);
    }

    private static PolicyProblem atLine(RuleSource source, int line, String message) {
        return new PolicyProblem(source.file(), null, line > 0 ? "line " + line : null, message);
    }

    /** A problem of the RuleSet part of a sheet (Import, Variables, Functions...): at the value cell of its keyword. */
    private static PolicyProblem atKeyword(RuleSource source, String message) {
        String keyword = KEYWORD_OF.entrySet().stream().filter(k -> message.startsWith(k.getKey())).map(Map.Entry::getValue)
                .findFirst().orElse("RuleSet");
        for (var row : source.cells().entrySet()) {
            for (var cell : row.getValue().entrySet()) {
                if (cell.getValue().strip().toLowerCase(Locale.ROOT).equals(keyword.toLowerCase(Locale.ROOT))) {
                    int column = cell.getKey() + 1;
                    Integer valueColumn = row.getValue().keySet().stream().filter(c -> c > cell.getKey()).findFirst().orElse(column);
                    return new PolicyProblem(source.file(), sheet(source), DecisionTableReader.columnName(valueColumn) + row.getKey(),
                            message);
                }
            }
        }
        return new PolicyProblem(source.file(), sheet(source), null, message);
    }

    private static PolicyProblem atCellHolding(RuleSource source, String text, String message) {
        for (var row : source.cells().entrySet()) {
            for (var cell : row.getValue().entrySet()) {
                if (cell.getValue().contains(text)) {
                    return new PolicyProblem(source.file(), sheet(source), DecisionTableReader.columnName(cell.getKey()) + row.getKey(),
                            message);
                }
            }
        }
        return new PolicyProblem(source.file(), sheet(source), null, message);
    }

    private static int errors(List<PolicyProblem> problems) {
        return (int) problems.stream().filter(PolicyProblem::isError).count();
    }

    private static @Nullable String sheet(RuleSource source) {
        return source.origin().length() > source.file().length() ? source.origin().substring(source.file().length() + 1) : null;
    }

    private static Map<String, String> keywordOf() {
        Map<String, String> keywords = new LinkedHashMap<>();
        keywords.put("imports", "Import");
        keywords.put("declares the global", "Variables");
        keywords.put("declares the function", "Functions");
        keywords.put("declares the type", "Declare");
        keywords.put("declares the enum", "Declare");
        keywords.put("is a query", "Queries");
        keywords.put("declares a rule unit", "Unit");
        keywords.put("has the attribute", "RuleSet");
        return keywords;
    }
}
