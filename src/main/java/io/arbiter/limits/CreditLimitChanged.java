package io.arbiter.limits;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.arbiter.shared.Money;

/**
 * A company's standing limit changed: granted, changed by an approved request, suspended, or expired. Published inside
 * the transaction that records it; the same change is in the {@code /api/v1/limits/changes} feed as
 * {@code limit.changed}.
 *
 * @param change {@code GRANTED}, {@code CHANGED}, {@code SUSPENDED} or {@code EXPIRED}
 * @param status {@code ACTIVE}, {@code SUSPENDED} or {@code EXPIRED} after the change
 */
public record CreditLimitChanged(long sequence, UUID limitId, String country, String registrationNumber, String change,
        Money amount, @Nullable Money previous, LocalDate validUntil, String status, String changedBy, String reason,
        @Nullable UUID requestId, Instant changedAt) {
}
