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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What one decision costs through the shipped tables ({@link Pipeline#evaluate}: five stateless Drools sessions) against
 * the same policy written by hand ({@link HandWrittenPolicy}, the floor). Each invocation decides all
 * {@value #CUSTOMERS} generated customers of {@link HandWrittenPolicyTest}, so scores are per decision.
 *
 * <p>Run with {@code ./mvnw -Pbench verify}; the forks run in the project directory, where the policy files are.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class PipelineBenchmark {

    static final int CUSTOMERS = 10_000;

    private CompiledPolicy policy;
    private Applicant[] applicants;

    @Setup
    public void setUp() {
        Path tables = Path.of("decision-tables");
        if (!Files.isDirectory(tables)) {
            throw new IllegalStateException("Run the benchmark from the project directory: no " + tables.toAbsolutePath());
        }
        policy = PolicyEngine.load(tables, Path.of("rules"), Currency.getInstance("EUR")).policy();
        applicants = GeneratedApplicants.generate(CUSTOMERS);
    }

    @Benchmark
    @OperationsPerInvocation(CUSTOMERS)
    public void tablesPipeline(Blackhole blackhole) {
        for (Applicant applicant : applicants) {
            blackhole.consume(Pipeline.evaluate(policy, applicant, Given.NOTHING));
        }
    }

    @Benchmark
    @OperationsPerInvocation(CUSTOMERS)
    public void handWritten(Blackhole blackhole) {
        for (Applicant applicant : applicants) {
            blackhole.consume(HandWrittenPolicy.evaluate(applicant));
        }
    }
}
