package io.arbiter.policy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Currency;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What one decision costs when the credit-limit table has 10,000 rows (docs/architecture.md §9: at most 0.1 ms per decision
 * in-process), beside the same generated table with 25 rows, in one run. The policy is the shipped one with its
 * credit-limit table replaced by {@link LargeCreditLimitTable}; each invocation decides the {@value #CUSTOMERS}
 * generated customers of {@link PipelineBenchmark} through the whole pipeline ({@link Pipeline#evaluate}: five stages,
 * reasons, limit composition), so scores are per decision and include the other four stages.
 *
 * <p>Run alone with {@code ./mvnw -Pbench verify -Dbench.args="LargeTableBenchmark -f 1 -wi 5 -w 4s -i 5 -r 4s"}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class LargeTableBenchmark {

    static final int CUSTOMERS = 10_000;

    /** 25 is one turnover band per segment and risk class, the size of the shipped table. */
    @Param({"25", "10000"})
    public int rows;

    private CompiledPolicy policy;
    private Applicant[] applicants;

    @Setup
    public void setUp() {
        Path tables = Path.of("decision-tables");
        if (!Files.isDirectory(tables)) {
            throw new IllegalStateException("Run the benchmark from the project directory: no " + tables.toAbsolutePath());
        }
        policy = PolicyEngine.compile(LargeCreditLimitTable.policy(tables, Path.of("rules"), rows, 0),
                Currency.getInstance("EUR")).policy();
        applicants = GeneratedApplicants.generate(CUSTOMERS);
        for (Applicant applicant : applicants) {
            PolicyEvaluation evaluation = Pipeline.evaluate(policy, applicant, Given.NOTHING);
            if (evaluation.reasons().stream().anyMatch(r -> "(policy)".equals(r.table()))) {
                throw new IllegalStateException("a generated customer falls into a gap of the generated table: "
                        + evaluation.reasons());
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(CUSTOMERS)
    public void pipeline(Blackhole blackhole) {
        for (Applicant applicant : applicants) {
            blackhole.consume(Pipeline.evaluate(policy, applicant, Given.NOTHING));
        }
    }
}
