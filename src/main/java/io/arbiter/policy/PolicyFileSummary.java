package io.arbiter.policy;

/** A file of the active policy: its name, its SHA-256 and how many rules it holds. */
public record PolicyFileSummary(String name, String sha256, int rules) {
}
