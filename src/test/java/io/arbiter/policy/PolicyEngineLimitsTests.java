package io.arbiter.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Currency;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;
import org.kie.api.KieBase;
import org.kie.api.io.ResourceType;
import org.kie.internal.utils.KieHelper;
import org.springframework.util.unit.DataSize;

import io.arbiter.policy.compile.CompileProgress;
import io.arbiter.policy.compile.PolicyFile;
import io.arbiter.policy.lifecycle.PolicyCompilations;

/**
 * The second wall behind the policy language: whatever a policy does that the language check missed, a rule session
 * stops at a ceiling of firings, a compilation stops at its time budget without holding up the next one, and running
 * out of memory or stack while compiling is a located problem, not a 500.
 */
class PolicyEngineLimitsTests {

    private static final Currency EUR = Currency.getInstance("EUR");
    private static final PolicyEngine.Loaded SHIPPED = PolicyEngine.load(Path.of("decision-tables"), Path.of("rules"), EUR);

    private static PolicyProperties withBudget(Duration budget) {
        return new PolicyProperties(Path.of("decision-tables"), Path.of("rules"), EUR, DataSize.ofMegabytes(10),
                Duration.ofSeconds(10), 10, budget, false);
    }

    @Test
    void a_compilation_over_its_budget_is_refused_where_it_stopped_and_the_next_one_does_not_wait_for_it() {
        CountDownLatch never = new CountDownLatch(1);
        PolicyCompilations compilations = new PolicyCompilations(null, withBudget(Duration.ofSeconds(1)), files -> {
            if (files.isEmpty()) {
                CompileProgress.at("scoring.drl.xlsx", "Tests", "A5", "running scenario 'Risky bakery' (row 5)");
                while (true) { // a compilation that never ends, and ignores being interrupted
                    try {
                        never.await();
                    } catch (InterruptedException e) {
                        // carries on regardless
                    }
                }
            }
            return SHIPPED;
        });

        long start = System.nanoTime();
        PolicyLoadException stuck = catchThrowableOfType(PolicyLoadException.class, () -> compilations.compile(List.of()));
        Duration first = Duration.ofNanos(System.nanoTime() - start);

        assertThat(stuck.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.toString()).startsWith("scoring.drl.xlsx!Tests!A5: checking the policy took longer than 1 s"
                    + " (arbiter.policy.compile-budget) while running scenario 'Risky bakery' (row 5)");
        });
        assertThat(first).isBetween(Duration.ofMillis(900), Duration.ofSeconds(5));

        start = System.nanoTime();
        assertThat(compilations.compile(List.of(new PolicyFile("x.drl", new byte[1])))).isSameAs(SHIPPED);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("the next compilation").isLessThan(Duration.ofMillis(900));
    }

    @Test
    void running_out_of_memory_or_stack_while_compiling_is_a_located_problem() {
        PolicyCompilations memory = new PolicyCompilations(null, withBudget(Duration.ofSeconds(30)), files -> {
            CompileProgress.at("credit-limits.drl.xlsx", null, null, "compiling the arbiter.creditlimit rules");
            long[][] huge = new long[Integer.MAX_VALUE - 8][]; // more than any heap: the JVM refuses at once
            return huge.length > 0 ? SHIPPED : null;
        });
        PolicyLoadException outOfMemory = catchThrowableOfType(PolicyLoadException.class, () -> memory.compile(List.of()));
        assertThat(outOfMemory.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.file()).isEqualTo("credit-limits.drl.xlsx");
            assertThat(problem.message()).contains("ran out of memory while compiling the arbiter.creditlimit rules");
        });

        PolicyCompilations stack = new PolicyCompilations(null, withBudget(Duration.ofSeconds(30)), files -> {
            CompileProgress.at("escalation.drl.xlsx", "Tests", "A3", "running scenario 'SME, on the due date' (row 3)");
            return deeper(0) > 0 ? SHIPPED : null;
        });
        PolicyLoadException overflow = catchThrowableOfType(PolicyLoadException.class, () -> stack.compile(List.of()));
        assertThat(overflow.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.toString()).startsWith("escalation.drl.xlsx!Tests!A3: the policy ran too deep");
        });
    }

    @Test
    void a_rule_that_keeps_reactivating_itself_is_stopped_at_the_ceiling_and_named() {
        // Built straight with Drools, past the policy language (which refuses update): the ceiling is the second wall.
        KieBase looping = new KieHelper().addContent("""
                package arbiter.hardstops;
                import io.arbiter.policy.Applicant;
                global io.arbiter.policy.HardStopResult stops;
                rule "Forever"
                when
                    $a : Applicant()
                then
                    stops.review();
                    update($a);
                end
                """, ResourceType.DRL).build();
        StageSessions sessions = new StageSessions(Stage.HARD_STOPS, looping);

        long start = System.nanoTime();
        StageSessions.RuleLoopException loop = catchThrowableOfType(StageSessions.RuleLoopException.class,
                () -> sessions.evaluate(new HardStopResult(), Applicant.builder().build()));

        assertThat(loop.ruleKey).isEqualTo("arbiter.hardstops/Forever");
        assertThat(loop.firings).isEqualTo(10_000);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(catchThrowableOfType(StageSessions.RuleLoopException.class,
                () -> sessions.evaluate(new HardStopResult(), Applicant.builder().build())))
                .as("the next evaluation starts from a fresh session and is stopped again").isNotNull();
    }

    private static int deeper(int depth) {
        return deeper(depth + 1) + 1;
    }
}
