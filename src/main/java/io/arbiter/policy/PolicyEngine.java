package io.arbiter.policy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Currency;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Evaluates applicants against the active policy. The policy is compiled once at start-up, its scenarios must all pass,
 * and any problem stops the application with the file, sheet and cell to fix.
 */
@Service
public class PolicyEngine {

    private static final Logger log = LoggerFactory.getLogger(PolicyEngine.class);

    private final CompiledPolicy policy;
    private final ActivePolicy active;
    private final Timer evaluationTimer;

    /** A compiled policy and the results of its scenarios, which all passed. */
    record Loaded(CompiledPolicy policy, List<ScenarioResult> scenarios) {
    }

    PolicyEngine(PolicyProperties properties, Clock clock, MeterRegistry meterRegistry) {
        Loaded loaded = load(properties.tablesDirectory(), properties.rulesDirectory(), properties.currency());
        this.policy = loaded.policy();
        List<ScenarioResult> scenarios = loaded.scenarios();
        this.active = new ActivePolicy(policy.version(), clock.instant(), properties.currency().getCurrencyCode(),
                policy.files(), scenarios);
        this.evaluationTimer = Timer.builder("arbiter.policy.evaluation")
                .description("Time to run the whole rule pipeline for one decision")
                .tag("policy", policy.version()).register(meterRegistry);
        log.info("Policy {} loaded: {} files, {} rules, {} scenarios passed", policy.version(), policy.files().size(),
                policy.reasons().size(), scenarios.size());
    }

    /** Runs the pipeline for one applicant on the active policy. */
    public PolicyEvaluation evaluate(Applicant applicant) {
        return evaluationTimer.record(() -> Pipeline.evaluate(policy, applicant, Given.NOTHING));
    }

    public ActivePolicy active() {
        return active;
    }

    /** Compiles the policy in these directories and runs its scenarios; any problem is a {@link PolicyLoadException}. */
    static Loaded load(Path tables, Path rules, Currency currency) {
        List<PolicyFile> files = new ArrayList<>(readAll(tables, ".drl.xlsx", ".drl.xls", ".drl.csv"));
        files.addAll(readAll(rules, ".drl"));
        CompiledPolicy compiled = PolicyCompiler.compile(files, currency);
        return new Loaded(compiled, runScenarios(compiled, files));
    }

    private static List<ScenarioResult> runScenarios(CompiledPolicy policy, List<PolicyFile> files) {
        List<ScenarioResult> results = files.stream().flatMap(file -> Scenarios.read(file).stream())
                .map(scenario -> Scenarios.run(policy, scenario)).toList();
        List<PolicyProblem> failures = results.stream().filter(r -> !r.passed()).map(Scenarios::problemOf).toList();
        if (!failures.isEmpty()) {
            throw new PolicyLoadException(failures);
        }
        return results;
    }

    private static List<PolicyFile> readAll(Path directory, String... suffixes) {
        if (!Files.isDirectory(directory)) {
            throw new PolicyLoadException(List.of(new PolicyProblem(directory.toAbsolutePath().toString(), null, null,
                    "is not a directory; set arbiter.policy.tables-directory and arbiter.policy.rules-directory")));
        }
        try (Stream<Path> paths = Files.list(directory)) {
            return paths.filter(path -> Stream.of(suffixes).anyMatch(s -> path.getFileName().toString().toLowerCase().endsWith(s)))
                    .filter(path -> !path.getFileName().toString().startsWith("~$") && !path.getFileName().toString().startsWith(".~lock"))
                    .sorted().map(PolicyFile::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
