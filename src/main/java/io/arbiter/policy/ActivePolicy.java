package io.arbiter.policy;

import java.time.Instant;
import java.util.List;

/** The policy serving decisions now: its version, files and how its scenarios ran. */
public record ActivePolicy(String version, Instant loadedAt, String currency, List<PolicyFileSummary> files,
        List<ScenarioResult> scenarios) {
}
