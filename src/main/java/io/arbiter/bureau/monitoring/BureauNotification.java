package io.arbiter.bureau.monitoring;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A monitoring notification from a bureau: "something changed for this company". Arbiter does not trust the
 * notification's content; it fetches the report again and compares.
 *
 * @param notificationId the bureau's id for the event; the same id twice is one notification
 */
public record BureauNotification(
        @NotBlank @Size(max = 50) String provider,
        @NotBlank @Size(max = 200) String notificationId,
        @NotBlank @Size(max = 32) String registrationNumber,
        @NotNull @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 country code such as FR") String country,
        @NotNull Type type,
        @Nullable Instant occurredAt) {

    public enum Type { SCORE_BAND_CHANGED, STATUS_CHANGED, LIMIT_CHANGED, OTHER }
}
