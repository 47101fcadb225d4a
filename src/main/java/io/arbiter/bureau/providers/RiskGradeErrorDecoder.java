package io.arbiter.bureau.providers;

import java.time.Clock;

import feign.Response;
import feign.codec.ErrorDecoder;

import io.arbiter.bureau.BureauUnavailableException;

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
            return new BureauUnavailableException(message + " (too many requests)", true, RetryAfter.of(response, clock), null);
        }
        return new BureauUnavailableException(message, status >= 500, null, null);
    }
}
