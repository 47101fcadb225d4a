package io.arbiter.policy.compile;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.drools.compiler.builder.impl.KnowledgeBuilderImpl;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.io.ByteArrayResource;
import org.kie.api.KieBase;
import org.kie.api.io.Resource;
import org.kie.internal.builder.KnowledgeBuilderConfiguration;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.builder.KnowledgeBuilderResult;
import org.kie.internal.builder.conf.ParallelRulesBuildThresholdOption;

import io.arbiter.shared.Sha256;

import io.arbiter.policy.CompiledPolicy;
import io.arbiter.policy.PolicyFileSummary;
import io.arbiter.policy.PolicyLoadException;
import io.arbiter.policy.PolicyProblem;
import io.arbiter.policy.Reason;
import io.arbiter.policy.Stage;
import io.arbiter.policy.StageSessions;
import io.arbiter.policy.analysis.TableAnalysis;
import io.arbiter.policy.lifecycle.PolicyCompilations;

/**
 * Compiles policy files into a {@link CompiledPolicy}: every problem found is reported at once, by file, sheet and cell,
 * and Drools' compiler errors (which name lines of generated DRL) are traced back to the row and cell that produced them.
 * The tables' gap, overlap and unreachable-row analysis runs here too, so that start-up, uploads and benchmarks all pay
 * for it; its items travel with the compiled policy, since a draft with analysis errors is stored but not approvable.
 */
public final class PolicyCompiler {

    private static final Pattern RULE_LINE = Pattern.compile("^\\s*rule\\s+\"([^\"]+)\"", Pattern.MULTILINE);
    /** The method a template calls or the field it constrains: {@code internal} in {@code limit.internal($param)}. */
    private static final Pattern TEMPLATE_SUBJECT = Pattern.compile("(\\w+)\\s*(?:\\(|==|!=|>=|<=|<|>)");

    private PolicyCompiler() {
    }

    public static CompiledPolicy compile(List<PolicyFile> files, Currency currency) {
        List<PolicyFile> ordered = files.stream().sorted(Comparator.comparing(PolicyFile::name)).toList();
        List<PolicyProblem> problems = new ArrayList<>();
        List<RuleSource> sources = new ArrayList<>();
        for (PolicyFile file : ordered) {
            CompileProgress.at(file.name(), null, null, "reading " + file.name());
            try {
                if (file.isWorkbook() || file.isCsvTable()) {
                    sources.addAll(DecisionTableReader.read(file));
                } else if (file.isDrl()) {
                    sources.add(DrlFileReader.read(file));
                }
            } catch (PolicyLoadException e) {
                problems.addAll(e.problems());
            }
        }
        // The policy language: every source parsed by Drools' own parser and checked structurally before Drools compiles
        // anything, since compiling a package already runs some of its code (annotation values, for one).
        PolicyLanguageCheck language = new PolicyLanguageCheck();
        List<PolicyProblem> warnings = new ArrayList<>();
        Map<RuleSource, PackageDescr> packages = new java.util.IdentityHashMap<>();
        for (RuleSource source : sources) {
            CompileProgress.at(source.file(), null, null, "checking " + source.origin());
            List<PolicyProblem> found = new ArrayList<>();
            PackageDescr pkg = PolicySourceCheck.check(source, language, found);
            found.forEach(problem -> (problem.isError() ? problems : warnings).add(problem));
            if (pkg != null) {
                packages.put(source, pkg);
            }
        }
        if (!problems.isEmpty()) {
            throw new PolicyLoadException(problems.stream().distinct().toList()); // never hand such a policy to Drools
        }
        List<PolicyProblem> analysis = new ArrayList<>(TableAnalysis.analyse(sources));
        analysis.addAll(warnings);
        Map<Stage, List<RuleSource>> byStage = new EnumMap<>(Stage.class);
        sources.forEach(source -> byStage.computeIfAbsent(source.stage(), s -> new ArrayList<>()).add(source));
        for (Stage stage : Stage.values()) {
            if (!byStage.containsKey(stage) && problems.isEmpty()) {
                problems.add(new PolicyProblem("(policy)", null, null, "no table or DRL file has RuleSet/package '"
                        + stage.ruleSet() + "', so the " + stage.name().toLowerCase().replace('_', ' ') + " stage has no rules"));
            }
        }
        Map<String, Reason> reasons = new HashMap<>();
        for (RuleSource source : sources) {
            source.reasons().forEach((name, reason) -> {
                Reason previous = reasons.putIfAbsent(CompiledPolicy.ruleKey(source.stage().ruleSet(), name), reason);
                if (previous != null) {
                    problems.add(new PolicyProblem(reason.table(), reason.sheet(), null, "rule '" + name + "' (row "
                            + reason.row() + ") has the same name as a rule in " + previous.table()
                            + (previous.sheet() == null ? "" : "!" + previous.sheet()) + "; rule names must be unique"));
                }
            });
        }
        Map<Stage, StageSessions> sessions = new EnumMap<>(Stage.class);
        byStage.forEach((stage, stageSources) -> {
            CompileProgress.at(stageSources.getFirst().file(), null, null, "compiling the " + stage.ruleSet() + " rules");
            KieBase kieBase = build(stageSources, packages, problems);
            if (kieBase != null) {
                sessions.put(stage, new StageSessions(stage, kieBase));
            }
        });
        if (!problems.isEmpty()) {
            throw new PolicyLoadException(problems.stream().distinct().toList());
        }
        List<PolicyFileSummary> summaries = ordered.stream()
                .map(file -> new PolicyFileSummary(file.name(), Sha256.hex(file.content()),
                        (int) sources.stream().filter(s -> s.file().equals(file.name())).mapToLong(s -> s.reasons().size()).sum()))
                .toList();
        return new CompiledPolicy(version(ordered), currency, summaries, sessions, Map.copyOf(reasons), List.copyOf(analysis));
    }

    /**
     * One KieBase, built on the calling thread only: Drools otherwise compiles a package of more than 10 rules on a
     * pool of one thread per core, and a compilation (on {@link PolicyCompilations}' single thread) would take every
     * core from the decisions served meanwhile.
     */
    private static KieBase build(List<RuleSource> sources, Map<RuleSource, PackageDescr> packages, List<PolicyProblem> problems) {
        KnowledgeBuilderConfiguration configuration = KnowledgeBuilderFactory.newKnowledgeBuilderConfiguration();
        configuration.setOption(ParallelRulesBuildThresholdOption.get(-1));
        PackageBuilder builder = new PackageBuilder(configuration);
        Map<String, RuleSource> byPath = new LinkedHashMap<>();
        for (int i = 0; i < sources.size(); i++) {
            String path = "arbiter/" + sources.get(i).stage().name().toLowerCase() + "/source" + i + ".drl";
            byPath.put(path, sources.get(i));
            ByteArrayResource resource = new ByteArrayResource(sources.get(i).drl().getBytes(StandardCharsets.UTF_8));
            resource.setSourcePath(path);
            builder.add(packages.get(sources.get(i)), resource); // the package checked, not the text parsed again
        }
        if (!builder.hasErrors()) {
            return builder.newKieBase();
        }
        for (KnowledgeBuilderResult error : builder.getErrors()) {
            if (error.getMessage().contains("Parser returned a null Package")) {
                continue; // Drools' echo of a syntax error already reported with its line
            }
            RuleSource source = error.getResource() == null ? null : byPath.get(error.getResource().getSourcePath());
            problems.add(locate(source, error));
        }
        return null;
    }

    /** Drools' builder, compiling a package already parsed and checked, with the resource its errors are traced to. */
    private static final class PackageBuilder extends KnowledgeBuilderImpl {

        PackageBuilder(KnowledgeBuilderConfiguration configuration) {
            super(configuration);
        }

        void add(PackageDescr pkg, Resource resource) {
            addPackageWithResource(pkg, resource);
        }
    }

    /** Finds the row (or DRL line) of a compiler error, and within a row the cell whose text the error quotes. */
    private static PolicyProblem locate(RuleSource source, KnowledgeBuilderResult error) {
        String message = error.getMessage().strip().replaceAll("\\s+", " ");
        if (source == null) {
            return new PolicyProblem("(policy)", null, null, message);
        }
        int line = error.getLines().length > 0 ? error.getLines()[0] : 0;
        Reason rule = null;
        Matcher matcher = RULE_LINE.matcher(source.drl());
        LineIndex lines = new LineIndex(source.drl());
        while (matcher.find() && lines.lineOf(matcher.start()) <= line) {
            rule = source.reasons().get(matcher.group(1));
        }
        if (rule == null || !source.isTable()) {
            return new PolicyProblem(source.file(), null, line > 0 ? "line " + line : null, message);
        }
        int column = blamedColumn(source, rule.row(), message);
        String value = source.cells().getOrDefault(rule.row(), Map.of()).get(column);
        return new PolicyProblem(rule.table(), rule.sheet(), DecisionTableReader.columnName(column) + rule.row(),
                (value == null ? "" : "'" + value + "' does not fit this column: ") + "rule '" + rule.ruleName()
                        + "' (row " + rule.row() + ", " + rule.description() + ") does not compile: " + message);
    }

    /**
     * The cell of a rule's row that a compiler error is about: the longest cell text the error quotes; else the column
     * whose header template names the method or field the error mentions; else the row's first cell.
     */
    private static int blamedColumn(RuleSource source, int row, String message) {
        Map<Integer, String> cells = source.cells().getOrDefault(row, Map.of());
        Integer blamed = null;
        int longest = 2;
        for (var cell : cells.entrySet()) {
            if (cell.getValue().length() > longest && message.contains(cell.getValue())) {
                longest = cell.getValue().length();
                blamed = cell.getKey();
            }
        }
        if (blamed == null) {
            blamed = templateRow(source, row).entrySet().stream()
                    .filter(template -> mentions(message, template.getValue()))
                    .map(Map.Entry::getKey).findFirst().orElse(null);
        }
        if (blamed == null) {
            blamed = cells.keySet().stream().min(Integer::compare).orElse(0);
        }
        return blamed;
    }

    /** The code row of the table a rule row belongs to: the nearest row above it holding {@code $param} templates. */
    private static Map<Integer, String> templateRow(RuleSource source, int row) {
        for (int r = row - 1; r > 0; r--) {
            Map<Integer, String> cells = source.cells().getOrDefault(r, Map.of());
            if (cells.values().stream().anyMatch(text -> text.contains("$param") || text.contains("$1"))) {
                return cells;
            }
        }
        return Map.of();
    }

    private static boolean mentions(String message, String template) {
        Matcher identifier = TEMPLATE_SUBJECT.matcher(template);
        return identifier.find() && message.contains(identifier.group(1));
    }

    private static String version(List<PolicyFile> files) {
        MessageDigest digest = Sha256.digest();
        for (PolicyFile file : files) {
            digest.update(file.name().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(file.content());
        }
        return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
    }
}
