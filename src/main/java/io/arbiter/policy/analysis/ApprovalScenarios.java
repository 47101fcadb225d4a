package io.arbiter.policy.analysis;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.arbiter.policy.ApprovalRule;
import io.arbiter.policy.CompiledPolicy;
import io.arbiter.policy.LimitApproval;
import io.arbiter.policy.Pipeline;
import io.arbiter.policy.ScenarioResult;

/**
 * Scenarios of an approval matrix's {@code Tests} sheet: inputs {@code requestedAmount}, {@code segment} and
 * {@code riskClass}; expected outputs {@code Expected approver role} and {@code Expected approvers}. A row with a
 * {@code requestedAmount} input is an approval scenario.
 */
final class ApprovalScenarios {

    static final String REQUESTED_AMOUNT = "requestedamount";
    private static final Set<String> OUTPUTS = Set.of("approverrole", "approvers");

    private ApprovalScenarios() {
    }

    static boolean isKnown(String name) {
        return name.equals(REQUESTED_AMOUNT) || name.startsWith("expected") && OUTPUTS.contains(name.substring("expected".length()));
    }

    static boolean isApproval(Scenarios.Scenario scenario) {
        return scenario.inputs().containsKey(REQUESTED_AMOUNT);
    }

    static ScenarioResult run(CompiledPolicy policy, Scenarios.Scenario scenario) {
        BigDecimal requested = scenario.number(REQUESTED_AMOUNT, null, "requestedAmount");
        ApprovalRule rule = Pipeline.approve(policy, new LimitApproval(requested, scenario.inputs().getOrDefault("segment", ""),
                scenario.inputs().getOrDefault("riskclass", "").toUpperCase(Locale.ROOT)));
        List<ScenarioResult.Mismatch> mismatches = scenario.mismatches(
                output -> rule.role() == null ? "" : output.equals("approvers") ? String.valueOf(rule.approvers()) : rule.role(),
                (output, expected, actual) -> output.equals("approvers") ? Scenarios.sameNumber(expected, actual)
                        : expected.equalsIgnoreCase(actual));
        List<String> fired = new ArrayList<>();
        if (rule.reason() != null) {
            fired.add(rule.reason().ruleName());
        }
        rule.problems().forEach(problem -> fired.add(problem.ruleName()));
        return scenario.result(mismatches, fired);
    }
}
