package io.arbiter.limits;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.arbiter.shared.Money;

/**
 * A company's standing limit for one legal entity of the supplier changed (granted, changed by an approved request,
 * suspended, expired), or a request for it closed without changing it (refused, or expired with nobody deciding) and
 * the limit stays as it was. Published inside the transaction that records it; the changes (not the requests closed
 * without one) are in the {@code /api/v1/limits/changes} feed.
 *
 * @param eventId this event's id, kept by every delivery of it, so that a receiver can ignore a duplicate
 * @param change {@code GRANTED}, {@code CHANGED}, {@code SUSPENDED}, {@code EXPIRED} (the limit's review date passed),
 *               {@code REFUSED} or {@code REQUEST_EXPIRED} (nobody decided on the request in time)
 * @param entity the supplier's legal entity (its ledger code) whose limit it is
 * @param sequence its place in the feed; null for {@code REFUSED} and {@code REQUEST_EXPIRED}, which change nothing
 * @param limitId the standing limit after the change; with {@code amount}, {@code validUntil} and {@code status} null
 *                when a request closed without a change leaves the company without one
 * @param status {@code ACTIVE}, {@code SUSPENDED} or {@code EXPIRED} after the change
 * @param request the request the change answers ({@code GRANTED}, {@code CHANGED}, {@code REFUSED},
 *                {@code REQUEST_EXPIRED}), or the one the
 *                suspended or expired limit was granted by; null for a limit that came from no request
 */
public record CreditLimitChanged(UUID eventId, String change, String entity, Company company, @Nullable Long sequence,
        @Nullable UUID limitId, @Nullable Money amount, @Nullable Money previous, @Nullable LocalDate validUntil,
        @Nullable String status, String changedBy, String reason, @Nullable Request request, Instant changedAt) {

    /**
     * @param requestedBy who asked: a person's username, or the name of the API key of the order system that asked
     * @param requesterRole {@code SALESPERSON}, {@code CREDIT_ANALYST}, {@code CREDIT_MANAGER} or {@code ORDER_SYSTEM}
     * @param status the request's status: {@code APPROVED}, {@code REDUCED}, {@code REFUSED} or {@code EXPIRED}
     * @param decisionId the credit decision the order system asked after, if any
     */
    public record Request(UUID id, String requestedBy, String requesterRole, Money requested, String status,
            @Nullable UUID decisionId) {
    }
}
