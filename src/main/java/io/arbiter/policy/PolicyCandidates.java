package io.arbiter.policy;

import java.util.Optional;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import io.arbiter.shared.ProblemException;

import io.arbiter.policy.lifecycle.PolicyCompilations;
import io.arbiter.policy.lifecycle.PolicyVersion;
import io.arbiter.policy.lifecycle.PolicyVersions;

/**
 * Compiled policy versions to evaluate off the decisions' path: a stored version (a draft, approved, or an older one)
 * next to the active one, as an impact simulation needs. Evaluating a candidate stores nothing and changes nothing.
 */
@Service
public class PolicyCandidates {

    /** One compiled version, immutable, safe to evaluate from several threads at once. */
    public static final class Candidate {
        private final UUID id;
        private final CompiledPolicy policy;

        private Candidate(UUID id, CompiledPolicy policy) {
            this.id = id;
            this.policy = policy;
        }

        public UUID id() {
            return id;
        }

        /** The content version decisions made with it name in {@code policyVersion}. */
        public String version() {
            return policy.version();
        }

        public String currency() {
            return policy.currency().getCurrencyCode();
        }

        public PolicyEvaluation evaluate(Applicant applicant) {
            return Pipeline.evaluate(policy, applicant, Given.NOTHING);
        }
    }

    private final PolicyEngine engine;
    private final PolicyVersions versions;
    private final PolicyCompilations compilations;

    PolicyCandidates(PolicyEngine engine, PolicyVersions versions, PolicyCompilations compilations) {
        this.engine = engine;
        this.versions = versions;
        this.compilations = compilations;
    }

    /** The version serving decisions now, as it is in memory (no compilation). */
    public Candidate active() {
        return new Candidate(engine.active().id(), engine.compiled());
    }

    /**
     * A stored version compiled: the compilation kept for its publish if there is one, else compiled on the compiler
     * thread; 404 problem when there is none with this id.
     */
    public Candidate compile(UUID versionId) {
        PolicyVersion version = versions.find(versionId).orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND,
                "policy-version-not-found", "Policy version not found", "No policy version has id " + versionId));
        if (version.id().equals(engine.active().id())) {
            return active();
        }
        return new Candidate(versionId, compilations.compiled(versionId).policy());
    }

    /** The content version of a stored version, without compiling it; empty when there is none with this id. */
    public Optional<String> version(UUID versionId) {
        return versions.find(versionId).map(PolicyVersion::version);
    }
}
