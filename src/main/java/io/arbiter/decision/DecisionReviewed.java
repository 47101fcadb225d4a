package io.arbiter.decision;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A person gave their verdict on a decision under review; the order system that asked is told (webhook).
 *
 * @param eventId this event's id, kept by every delivery of it, so that a receiver can ignore a duplicate
 * @param askedBy who asked for the decision: the name of the order system's API key (null for decisions made before
 *                Arbiter recorded it)
 */
public record DecisionReviewed(UUID eventId, UUID decisionId, String requestId, String registrationNumber,
        @Nullable String askedBy, ReviewVerdict review) {
}
