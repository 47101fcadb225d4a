package io.arbiter.policy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Locale;

import org.drools.decisiontable.InputType;
import org.drools.decisiontable.SpreadsheetCompiler;
import org.kie.api.KieBase;
import org.kie.api.io.ResourceType;
import org.kie.internal.builder.conf.ParallelRulesBuildThresholdOption;
import org.kie.internal.utils.KieHelper;

import io.arbiter.bench.BenchmarkExit;

import io.arbiter.policy.compile.DecisionTableReader;
import io.arbiter.policy.compile.PolicyFile;

/**
 * How long a policy whose credit-limit table has 10,000 rows ({@link LargeCreditLimitTable}) takes to go through
 * Arbiter's upload validation ({@link PolicyEngine#compile}: what {@code PolicyLifecycle.draft} calls, i.e. the guards,
 * the reading with cell references, any analysis of the tables, the per-stage KieBases and the scenarios) against
 * Drools' own build of the same files ({@link SpreadsheetCompiler} to DRL for each table, the DRL files as they are,
 * one {@link KieHelper} build: the "raw Drools build"). Target: at most 1.5× the raw build.
 *
 * <p>The raw build runs twice per round: on one thread, as Arbiter builds (its compiler sets
 * {@code ParallelRulesBuildThresholdOption} to -1 so that an upload never takes every core from the decisions being
 * served), which is the baseline of the ratio; and with Drools' default parallel rule build, shown for reference.
 * All three run in one JVM, in rotated order, after a warm-up build of each; the medians are compared. Settings (system properties): {@code bench.rows} (10000), {@code bench.rounds} (3),
 * {@code bench.out} ({@code target/table-build.txt}). Run from the project directory with {@code ./mvnw -Pbench verify
 * -Dbench.jmh.skip=true -Dbench.build.skip=false} (docs/benchmarks.md).
 */
public final class TableBuildBenchmark {

    private static final double TARGET = 1.5;

    private final int rows = Integer.getInteger("bench.rows", 10_000);
    private final int rounds = Integer.getInteger("bench.rounds", 3);
    private final Path out = Path.of(System.getProperty("bench.out", "target/table-build.txt"));

    public static void main(String[] args) {
        BenchmarkExit.after(() -> {
            new TableBuildBenchmark().run();
            return true;
        });
    }

    private void run() throws Exception {
        Path tables = Path.of("decision-tables");
        if (!Files.isDirectory(tables)) {
            throw new IllegalStateException("Run the benchmark from the project directory: no " + tables.toAbsolutePath());
        }
        List<PolicyFile> files = LargeCreditLimitTable.policy(tables, Path.of("rules"), rows, 0);
        PolicyFile big = files.stream().filter(f -> f.name().equals(LargeCreditLimitTable.FILE_NAME)).findFirst().orElseThrow();
        log(rows + "-row " + big.name() + ": " + big.content().length + " bytes; policy of " + files.size() + " files");

        log("warm-up: one build of each");
        int arbiterRules = arbiter(files);
        long rawRules = raw(files, true);
        raw(files, false);
        log("Arbiter compiled " + arbiterRules + " rules; the raw Drools build has " + rawRules + " rules");
        check("both builds hold the same rules", arbiterRules == rawRules, arbiterRules + " vs " + rawRules);

        String[] names = {"Arbiter", "raw Drools, one thread", "raw Drools, every core"};
        long[][] nanos = new long[3][rounds];
        for (int round = 0; round < rounds; round++) {
            for (int turn = 0; turn < 3; turn++) {
                int which = (round + turn) % 3;
                quiesce();
                long start = System.nanoTime();
                switch (which) {
                    case 0 -> arbiter(files);
                    case 1 -> raw(files, true);
                    default -> raw(files, false);
                }
                long elapsed = System.nanoTime() - start;
                nanos[which][round] = elapsed;
                log("round " + (round + 1) + " " + names[which] + ": " + seconds(elapsed) + " s");
            }
        }

        // Where the time goes: reading the big table alone, both ways (not part of the ratio).
        quiesce();
        long start = System.nanoTime();
        DecisionTableReader.read(big);
        long arbiterRead = System.nanoTime() - start;
        quiesce();
        start = System.nanoTime();
        new SpreadsheetCompiler().compile(new ByteArrayInputStream(big.content()), InputType.XLS);
        long rawRead = System.nanoTime() - start;

        double arbiter = median(nanos[0]);
        double oneThread = median(nanos[1]);
        double everyCore = median(nanos[2]);
        StringBuilder report = new StringBuilder();
        report.append(String.format(Locale.ROOT, "Table build benchmark: policy with a %,d-row credit-limit table (%d files, "
                + "%,d rules), %d measured builds each, %d CPUs, max heap %d MB%n%n", rows, files.size(), arbiterRules,
                rounds, Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20));
        report.append(String.format(Locale.ROOT, "%-50s %8s %s%n", "", "median", "each (s)"));
        String[] labels = {"Arbiter upload validation (PolicyEngine.compile)", "raw Drools, one thread (baseline)",
                "raw Drools, every core (Drools' default)"};
        for (int i = 0; i < 3; i++) {
            report.append(String.format(Locale.ROOT, "%-50s %8s %s%n", labels[i], seconds(median(nanos[i])),
                    Arrays.stream(nanos[i]).mapToObj(TableBuildBenchmark::seconds).toList()));
        }
        // Each round's builds run back to back, so on a machine whose load changes the ratio within a round is the
        // fairer comparison; both are printed, the target is judged on the larger.
        long[] perRound = new long[rounds];
        for (int round = 0; round < rounds; round++) {
            perRound[round] = Math.round(1000.0 * nanos[0][round] / nanos[1][round]);
        }
        double ratio = Math.max(arbiter / oneThread, median(perRound) / 1000);
        report.append(String.format(Locale.ROOT, "%nArbiter / raw Drools on one thread  %.2fx of the medians, %.2fx the median"
                + " of each round's ratio %s   target <= %.1fx: %s%n", arbiter / oneThread, median(perRound) / 1000,
                Arrays.stream(perRound).mapToObj(r -> String.format(Locale.ROOT, "%.2f", r / 1000.0)).toList(), TARGET,
                ratio <= TARGET ? "met" : "MISSED"));
        report.append(String.format(Locale.ROOT, "Arbiter / raw Drools on every core  %.2fx%n", arbiter / everyCore));
        report.append(String.format(Locale.ROOT, "%nReading the %,d-row workbook alone: Arbiter (guards, cells, DRL) %s s,"
                + " SpreadsheetCompiler %s s%n", rows, seconds(arbiterRead), seconds(rawRead)));
        System.out.println(report);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, report);
        log("written to " + out);
    }

    /** Arbiter's upload validation; returns the number of rules compiled. */
    private static int arbiter(List<PolicyFile> files) {
        PolicyEngine.Loaded loaded = PolicyEngine.compile(files, Currency.getInstance("EUR"));
        return loaded.policy().reasons().size();
    }

    /** Drools alone: each table to DRL with its own compiler, then one KieBase of everything. */
    private static long raw(List<PolicyFile> files, boolean oneThread) {
        // KieHelper builds with a configuration read from system properties, so this is how to give it the option.
        if (oneThread) {
            System.setProperty(ParallelRulesBuildThresholdOption.PROPERTY_NAME, "-1");
        } else {
            System.clearProperty(ParallelRulesBuildThresholdOption.PROPERTY_NAME);
        }
        KieHelper helper = new KieHelper();
        List<String> drls = new ArrayList<>();
        SpreadsheetCompiler compiler = new SpreadsheetCompiler();
        for (PolicyFile file : files) {
            if (file.isWorkbook()) {
                drls.add(compiler.compile(new ByteArrayInputStream(file.content()), InputType.XLS));
            } else if (file.isCsvTable()) {
                drls.add(compiler.compile(new ByteArrayInputStream(file.content()), InputType.CSV));
            } else {
                drls.add(new String(file.content(), StandardCharsets.UTF_8));
            }
        }
        drls.forEach(drl -> helper.addContent(drl, ResourceType.DRL));
        KieBase kieBase = helper.build();
        return kieBase.getKiePackages().stream().mapToLong(p -> p.getRules().size()).sum();
    }

    private static void quiesce() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2.0;
    }

    private static String seconds(double nanos) {
        return String.format(Locale.ROOT, "%.2f", nanos / 1e9);
    }

    private static void check(String what, boolean ok, String detail) {
        if (!ok) {
            throw new AssertionError(what + ": " + detail);
        }
    }

    private static void log(String message) {
        System.out.println("[table-build] " + message);
    }
}
