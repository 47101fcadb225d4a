package io.arbiter.decision;

import java.util.UUID;

/** A person gave their verdict on a decision under review; the order system that asked is told (webhook). */
public record DecisionReviewed(UUID eventId, UUID decisionId, String requestId, String registrationNumber,
        ReviewVerdict review) {
}
