package io.arbiter.bureau.providers;

import java.time.Clock;

import feign.FeignException;
import feign.Response;
import feign.codec.ErrorDecoder;

import io.arbiter.bureau.BureauUnavailableException;

/**
 * Turns Creditsafe's error statuses into what {@code GuardedProvider}'s retry understands. 401, 403 and 404 are left
 * to {@link CreditsafeProvider} as {@link FeignException}s: what they mean depends on the call (an expired token or
 * rejected credentials; an unknown company).
 */
final class CreditsafeErrorDecoder implements ErrorDecoder {

    private final Clock clock;

    CreditsafeErrorDecoder(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Exception decode(String methodKey, Response response) {
        int status = response.status();
        if (status == 401 || status == 403 || status == 404) {
            return FeignException.errorStatus(methodKey, response);
        }
        if (status == 429) {
            // On /authenticate, 429 means the lockout after invalid attempts has begun: only waiting helps.
            boolean authentication = methodKey.contains("#authenticate(");
            return new BureauUnavailableException("creditsafe: too many requests (429)", !authentication,
                    RetryAfter.of(response, clock), null);
        }
        if (status >= 500) {
            return new BureauUnavailableException("creditsafe: server error " + status, true, null, null);
        }
        return new BureauUnavailableException("creditsafe: request refused with " + status + " (not retried: sending it"
                + " again would get the same answer)", false, null, null);
    }
}
