package io.arbiter.policy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The policy serving decisions now: its stored version's id, its version (content hash), files, how its scenarios
 * ran, and its tables' analysis (warnings and allowed gaps or overlaps: a version with analysis errors never serves).
 */
public record ActivePolicy(UUID id, String version, Instant loadedAt, String currency, List<PolicyFileSummary> files,
        List<ScenarioResult> scenarios, List<PolicyProblem> analysis) {
}
