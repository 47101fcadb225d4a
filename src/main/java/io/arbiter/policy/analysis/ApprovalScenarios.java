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
import io.arbiter.policy.PolicyLoadException;
import io.arbiter.policy.PolicyProblem;
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
        String amount = scenario.inputs().get(REQUESTED_AMOUNT);
        BigDecimal requested;
        try {
            requested = new BigDecimal(amount);
        } catch (NumberFormatException e) {
            throw new PolicyLoadException(List.of(new PolicyProblem(scenario.file(), scenario.sheet(),
                    scenario.cells().get(REQUESTED_AMOUNT), "'" + amount + "' is not a number (requestedAmount)")));
        }
        ApprovalRule rule = Pipeline.approve(policy, new LimitApproval(requested, scenario.inputs().getOrDefault("segment", ""),
                scenario.inputs().getOrDefault("riskclass", "").toUpperCase(Locale.ROOT)));
        List<ScenarioResult.Mismatch> mismatches = new ArrayList<>();
        scenario.expected().forEach((output, expected) -> {
            String actual = output.equals("approvers") ? (rule.role() == null ? "" : String.valueOf(rule.approvers()))
                    : rule.role() == null ? "" : rule.role();
            boolean same = output.equals("approvers") ? sameNumber(expected, actual) : expected.equalsIgnoreCase(actual);
            if (!same) {
                mismatches.add(new ScenarioResult.Mismatch(output, scenario.cells().get("expected" + output), expected, actual));
            }
        });
        List<String> fired = new ArrayList<>();
        if (rule.reason() != null) {
            fired.add(rule.reason().ruleName());
        }
        rule.problems().forEach(problem -> fired.add(problem.ruleName()));
        return new ScenarioResult(scenario.file(), scenario.sheet(), scenario.row(), scenario.name(), mismatches.isEmpty(),
                mismatches, fired);
    }

    private static boolean sameNumber(String expected, String actual) {
        try {
            return !actual.isEmpty() && new BigDecimal(expected).compareTo(new BigDecimal(actual)) == 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
