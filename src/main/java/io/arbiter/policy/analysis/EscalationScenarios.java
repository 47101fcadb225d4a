package io.arbiter.policy.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.arbiter.policy.CompiledPolicy;
import io.arbiter.policy.DunningCase;
import io.arbiter.policy.Escalation;
import io.arbiter.policy.EscalationStep;
import io.arbiter.policy.Pipeline;
import io.arbiter.policy.ScenarioResult;

/**
 * Scenarios of an escalation workbook's {@code Tests} sheet: inputs {@code dunningPlan}, {@code riskClass},
 * {@code overdueAmount} and {@code daysFromDue} (negative before the due date); expected outputs {@code Expected step}
 * and {@code Expected actions} (comma-separated, any order): the highest step of the plan due on that day and its
 * actions. A row with a {@code daysFromDue} input is an escalation scenario; the others are credit scenarios.
 */
final class EscalationScenarios {

    static final String DAYS_FROM_DUE = "daysfromdue";
    private static final Set<String> INPUTS = Set.of("dunningplan", "riskclass", "overdueamount", DAYS_FROM_DUE);
    private static final Set<String> OUTPUTS = Set.of("step", "actions");

    private EscalationScenarios() {
    }

    static boolean isKnown(String name) {
        return INPUTS.contains(name) || name.startsWith("expected") && OUTPUTS.contains(name.substring("expected".length()));
    }

    static boolean isEscalation(Scenarios.Scenario scenario) {
        return scenario.inputs().containsKey(DAYS_FROM_DUE);
    }

    static ScenarioResult run(CompiledPolicy policy, Scenarios.Scenario scenario) {
        DunningCase dunningCase = new DunningCase(scenario.inputs().getOrDefault("dunningplan", ""),
                scenario.inputs().getOrDefault("riskclass", "").toUpperCase(Locale.ROOT),
                scenario.number("overdueamount", "0", "overdueamount"));
        int days = scenario.number(DAYS_FROM_DUE, "0", DAYS_FROM_DUE).intValue();
        Escalation escalation = Pipeline.escalate(policy, dunningCase);
        List<EscalationStep> due = escalation.steps().stream().filter(step -> step.afterDueDays() <= days).toList();
        int step = due.stream().mapToInt(EscalationStep::step).max().orElse(-1);
        List<String> actions = due.stream().filter(s -> s.step() == step).map(EscalationStep::action).sorted().toList();
        List<ScenarioResult.Mismatch> mismatches = scenario.mismatches(
                output -> output.equals("step") ? (step < 0 ? "" : String.valueOf(step)) : String.join(", ", actions),
                (output, expected, actual) -> output.equals("step")
                        ? expected.equals(actual) || Scenarios.sameNumber(expected, actual)
                        : Arrays.stream(expected.split(",")).map(a -> a.trim().toUpperCase(Locale.ROOT)).sorted().toList().equals(actions));
        List<String> fired = new ArrayList<>(escalation.steps().stream().map(s -> s.reason().ruleName()).toList());
        escalation.problems().forEach(problem -> fired.add(problem.ruleName()));
        return scenario.result(mismatches, fired);
    }
}
