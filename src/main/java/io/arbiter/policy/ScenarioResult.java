package io.arbiter.policy;

import java.util.List;

/**
 * One row of a {@code Tests} sheet run against a compiled policy: what was expected, what the policy answered, and the
 * rules that fired.
 */
public record ScenarioResult(String file, String sheet, int row, String name, boolean passed,
        List<Mismatch> mismatches, List<String> firedRules) {

    /** An expected output the policy did not give. */
    public record Mismatch(String output, String cell, String expected, String actual) {
    }
}
