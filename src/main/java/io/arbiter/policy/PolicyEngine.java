package io.arbiter.policy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Currency;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.MeterRegistry;
import io.arbiter.shared.PackagedFolder;
import io.micrometer.core.instrument.Timer;

import io.arbiter.policy.analysis.Scenarios;
import io.arbiter.policy.compile.CompileProgress;
import io.arbiter.policy.compile.PolicyCompiler;
import io.arbiter.policy.compile.PolicyFile;
import io.arbiter.policy.lifecycle.PolicyVersion;
import io.arbiter.policy.lifecycle.PolicyVersions;

/**
 * Evaluates applicants against the active policy. At start-up the policy in the folders is compiled and its scenarios
 * must all pass, or the application stops with the file, sheet and cell to fix. Files that are not yet a stored version
 * are stored and published by "deployment" (by one replica, when several start together on them); otherwise the
 * version last published (possibly through the API) serves.
 * Publishing swaps the compiled snapshot atomically: a decision in flight finishes on the snapshot it started with.
 */
@Service
public class PolicyEngine {

    private static final Logger log = LoggerFactory.getLogger(PolicyEngine.class);
    static final String DEPLOYMENT = "deployment";
    /** Where the build packages the repository's decision-tables/ and rules/ (pom.xml). */
    static final String SAMPLE_POLICY = "sample-policy";

    private final AtomicReference<Snapshot> active = new AtomicReference<>();
    private final Currency currency;
    private final Clock clock;
    private final MeterRegistry meterRegistry;

    /** A compiled policy and the results of its scenarios, which all passed. */
    public record Loaded(CompiledPolicy policy, List<ScenarioResult> scenarios) {
    }

    /** What serves decisions: never modified, replaced as a whole when another version is published. */
    private record Snapshot(CompiledPolicy policy, ActivePolicy active, Timer timer) {
    }

    PolicyEngine(PolicyProperties properties, Clock clock, MeterRegistry meterRegistry, PolicyVersions versions,
            TransactionTemplate transactions) {
        this.currency = properties.currency();
        this.clock = clock;
        this.meterRegistry = meterRegistry;
        Deployed deployed = deployed(properties);
        if (deployed == null) {
            PolicyVersion published = versions.findPublished().orElseThrow(() -> new PolicyLoadException(List.of(
                    new PolicyProblem("arbiter.policy", null, null, "no policy folders are configured and no version"
                            + " is published: set arbiter.policy.tables-directory and arbiter.policy.rules-directory,"
                            + " or start with the quickstart profile to serve the sample policy"))));
            log.info("Policy {} serves: the version published by {} at {} (no policy folders configured)",
                    published.version(), published.publishedBy(), published.publishedAt());
            activate(published.id(), compile(versions.files(published.id()), currency));
            return;
        }
        List<PolicyFile> files = deployed.files();
        Loaded folders = compile(files, currency);
        requireNoAnalysisErrors(folders.policy());
        String version = folders.policy().version();
        UUID id = transactions.execute(status -> {
            // Replicas starting together on a new folder: the first stores and publishes it, the others wait here, then
            // find its version published and serve it.
            versions.lockPublication();
            if (!versions.exists(version) || versions.findPublished().isEmpty()) {
                UUID stored = UUID.randomUUID();
                versions.supersedePublished();
                versions.insert(stored, version, PolicyVersion.State.PUBLISHED, DEPLOYMENT,
                        "the policy folders as deployed", clock.instant(), files, folders.scenarios());
                versions.notifyReplicas(stored);
                log.info("Policy {} from {} is new: stored and published by {}", version, deployed.source(), DEPLOYMENT);
                return stored;
            }
            return versions.findPublished().orElseThrow().id();
        });
        PolicyVersion published = versions.find(id).orElseThrow();
        Loaded loaded = published.version().equals(version) ? folders : compile(versions.files(id), currency);
        if (published.version().equals(version)) {
            log.info("Policy {} serves: {}", version, deployed.source());
        } else {
            log.info("Policy {} published by {} at {} serves instead of {}'s {}", published.version(),
                    published.publishedBy(), published.publishedAt(), deployed.source(), version);
        }
        activate(id, loaded);
    }

    /** Runs the pipeline for one applicant on the active policy. */
    public PolicyEvaluation evaluate(Applicant applicant) {
        Snapshot snapshot = active.get();
        return snapshot.timer().record(() -> Pipeline.evaluate(snapshot.policy(), applicant, Given.NOTHING));
    }

    /**
     * Runs the pipeline for one applicant whose company has a standing limit in force (docs/architecture.md §4): the standing limit,
     * capped by the insurer's cover, is the granted limit; null runs it as {@link #evaluate(Applicant)}.
     */
    public PolicyEvaluation evaluate(Applicant applicant, @org.jspecify.annotations.Nullable StandingLimit standing) {
        Snapshot snapshot = active.get();
        return snapshot.timer().record(() -> Pipeline.evaluate(snapshot.policy(), applicant, Given.NOTHING, standing));
    }

    /** The dunning plan and risk class the active policy gives this customer (segmentation, scoring, rating). */
    public DunningProfile dunningProfile(Applicant applicant) {
        return Pipeline.profile(active.get().policy(), applicant);
    }

    /** The active escalation table's rows for a dunning case (docs/architecture.md §3, the dunning table family). */
    public Escalation escalation(DunningCase dunningCase) {
        return Pipeline.escalate(active.get().policy(), dunningCase);
    }

    /** Who must approve a requested credit limit, by the active approval matrix. */
    public ApprovalRule approval(LimitApproval request) {
        return Pipeline.approve(active.get().policy(), request);
    }

    public ActivePolicy active() {
        return active.get().active();
    }

    /** The compiled snapshot serving decisions now, for a simulation to compare a candidate with. */
    CompiledPolicy compiled() {
        return active.get().policy();
    }

    Currency currency() {
        return currency;
    }

    /** Makes a compiled version serve the next decisions; those already running finish on the previous one. */
    public void activate(UUID id, Loaded loaded) {
        CompiledPolicy policy = loaded.policy();
        ActivePolicy info = new ActivePolicy(id, policy.version(), clock.instant(), currency.getCurrencyCode(),
                policy.files(), loaded.scenarios(), policy.analysis());
        Timer timer = Timer.builder("arbiter.policy.evaluation")
                .description("Time to run the whole rule pipeline for one decision")
                .tag("policy", policy.version()).register(meterRegistry);
        active.set(new Snapshot(policy, info, timer));
        log.info("Policy {} active: {} files, {} rules, {} scenarios passed", policy.version(), policy.files().size(),
                policy.reasons().size(), loaded.scenarios().size());
    }

    /**
     * The deployed folders must be publishable: a gap or a conflicting overlap in a shipped table stops the start-up
     * like a compiler error, naming its cells; warnings and allowed items are only logged.
     */
    private static void requireNoAnalysisErrors(CompiledPolicy policy) {
        List<PolicyProblem> errors = policy.analysis().stream().filter(PolicyProblem::isError).toList();
        if (!errors.isEmpty()) {
            throw new PolicyLoadException(errors);
        }
        policy.analysis().forEach(item -> log.info("Table analysis: {}", item));
    }

    /** Compiles the policy in these directories and runs its scenarios; any problem is a {@link PolicyLoadException}. */
    public static Loaded load(Path tables, Path rules, Currency currency) {
        return compile(readFolders(tables, rules), currency);
    }

    /** Compiles these files and runs their scenarios; any problem is a {@link PolicyLoadException}. */
    public static Loaded compile(List<PolicyFile> files, Currency currency) {
        CompiledPolicy compiled = PolicyCompiler.compile(files, currency);
        return new Loaded(compiled, runScenarios(compiled, files));
    }

    /** The policy deployed with the application, and where it was read from (said in the log). */
    private record Deployed(List<PolicyFile> files, String source) {
    }

    /** The configured folders; without them, the packaged sample when allowed; else none. */
    private static @org.jspecify.annotations.Nullable Deployed deployed(PolicyProperties properties) {
        Path tables = properties.tablesDirectory();
        Path rules = properties.rulesDirectory();
        if (tables != null || rules != null) {
            if (tables == null || rules == null) {
                throw new PolicyLoadException(List.of(new PolicyProblem("arbiter.policy", null, null,
                        "set both arbiter.policy.tables-directory and arbiter.policy.rules-directory, or neither")));
            }
            return new Deployed(readFolders(tables, rules), "the folders " + tables.toAbsolutePath() + " and "
                    + rules.toAbsolutePath());
        }
        if (!properties.sampleWhenUnconfigured()) {
            return null;
        }
        Path sample = PackagedFolder.extract(SAMPLE_POLICY);
        return new Deployed(readFolders(sample.resolve("decision-tables"), sample.resolve("rules")),
                "the sample policy packaged in the application (no policy folders configured)");
    }

    private static List<PolicyFile> readFolders(Path tables, Path rules) {
        List<PolicyFile> files = new ArrayList<>(readAll(tables, ".drl.xlsx", ".drl.xls", ".drl.csv"));
        files.addAll(readAll(rules, ".drl"));
        return files;
    }

    private static List<ScenarioResult> runScenarios(CompiledPolicy policy, List<PolicyFile> files) {
        List<ScenarioResult> results = files.stream().flatMap(file -> Scenarios.read(file).stream())
                .map(scenario -> {
                    CompileProgress.at(scenario.file(), scenario.sheet(), "A" + scenario.row(),
                            "running scenario '" + scenario.name() + "' (row " + scenario.row() + ")");
                    return Scenarios.run(policy, scenario);
                }).toList();
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
