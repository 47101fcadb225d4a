package io.arbiter.policy;

import java.util.Currency;
import java.util.List;
import java.util.Map;

import io.arbiter.policy.analysis.TableAnalysis;

/**
 * One immutable, compiled version of the policy: per stage, a KieBase that is never modified after it is built and the
 * working memories evaluating it, so any number of decisions can share it while another version is being compiled.
 *
 * @param version content hash of every file, so the same files always give the same version
 * @param reasons by {@link #ruleKey(String, String)}
 * @param analysis the tables' gaps, conflicting overlaps and unreachable rows ({@link TableAnalysis})
 */
public record CompiledPolicy(String version, Currency currency, List<PolicyFileSummary> files,
        Map<Stage, StageSessions> sessions, Map<String, Reason> reasons, List<PolicyProblem> analysis) {

    public static String ruleKey(String ruleSet, String ruleName) {
        return ruleSet + "/" + ruleName;
    }

    Reason reasonOf(String ruleKey) {
        return reasons.get(ruleKey);
    }
}
