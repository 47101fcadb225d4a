package io.arbiter.policy.lifecycle;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonInclude;

import tools.jackson.databind.JsonNode;

import io.arbiter.policy.PolicyProblem;

/**
 * A stored version of the policy and where it stands in its life cycle: uploaded as a {@code DRAFT}, {@code APPROVED}
 * by someone other than its author, {@code SCHEDULED} when published with a future effective date,
 * {@code PUBLISHED} (serving decisions), then {@code SUPERSEDED}.
 *
 * @param version content hash of its files, the {@code policyVersion} decisions name
 * @param effectiveFrom when it serves (or served) decisions from: the instant it was published, or its scheduled date
 * @param scheduledBy who published it with a future effective date, while it is {@code SCHEDULED}
 * @param scenarios how each scenario of its Tests sheets ran when it was stored
 * @param analysis its tables' gaps, conflicting overlaps and unreachable rows, each with its severity: any
 *        {@code ERROR} keeps it from being approved or published. Given when one version is shown (upload, look-up,
 *        approval, publication), left out of the list of all versions.
 */
public record PolicyVersion(UUID id, String version, State state, String author, @Nullable String comment,
        Instant createdAt, @Nullable String approvedBy, @Nullable Instant approvedAt, @Nullable String publishedBy,
        @Nullable Instant publishedAt, @Nullable Instant effectiveFrom, @Nullable String scheduledBy,
        List<StoredFile> files, JsonNode scenarios,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable List<PolicyProblem> analysis) {

    PolicyVersion withAnalysis(List<PolicyProblem> items) {
        return new PolicyVersion(id, version, state, author, comment, createdAt, approvedBy, approvedAt, publishedBy,
                publishedAt, effectiveFrom, scheduledBy, files, scenarios, List.copyOf(items));
    }

    public enum State {
        DRAFT, APPROVED, SCHEDULED, PUBLISHED, SUPERSEDED
    }

    /** A file of a version: its name and the SHA-256 of its exact bytes. */
    public record StoredFile(String name, String sha256) {
    }
}
