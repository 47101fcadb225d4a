package io.arbiter.bureau;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collection;

import org.jspecify.annotations.Nullable;

import feign.Response;
import feign.codec.ErrorDecoder;

/**
 * Tells GuardedProvider's retry which {@code riskgrade} errors are worth another attempt: 429 (after its Retry-After)
 * and 5xx are; 401/403 (a wrong or revoked key) and other 4xx (a request Arbiter got wrong) would fail the same way.
 * 404 never gets here: it is an empty answer.
 */
final class RiskGradeErrorDecoder implements ErrorDecoder {

    private final Clock clock;

    RiskGradeErrorDecoder(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Exception decode(String methodKey, Response response) {
        int status = response.status();
        String message = "riskgrade answered HTTP " + status;
        if (status == 429) {
            return new BureauUnavailableException(message + " (too many requests)", true, retryAfter(response), null);
        }
        return new BureauUnavailableException(message, status >= 500, null, null);
    }

    /** Retry-After is either seconds or an HTTP date (RFC 9110 §10.2.3); anything else is ignored. */
    private @Nullable Duration retryAfter(Response response) {
        Collection<String> values = response.headers().get("Retry-After");
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
