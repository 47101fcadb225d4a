package io.arbiter.bureau.providers;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collection;

import org.jspecify.annotations.Nullable;

import feign.Response;

/** How long a provider's 429 asks to wait. */
final class RetryAfter {

    private RetryAfter() {
    }

    /** Retry-After is either seconds or an HTTP-date (RFC 9110 §10.2.3); anything else is ignored. */
    static @Nullable Duration of(Response response, Clock clock) {
        Collection<String> values = response.headers().get("Retry-After"); // Feign's header map ignores case
        if (values == null || values.isEmpty()) {
            return null;
        }
        String value = values.iterator().next().trim();
        if (value.matches("\\d{1,9}")) {
            return Duration.ofSeconds(Long.parseLong(value));
        }
        try {
            Duration wait = Duration.between(clock.instant(),
                    ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            return wait.isNegative() ? Duration.ZERO : wait;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
