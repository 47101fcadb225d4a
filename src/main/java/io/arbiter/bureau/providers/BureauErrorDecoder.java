package io.arbiter.bureau.providers;

import java.time.Clock;
import java.util.Set;

import feign.FeignException;
import feign.Response;
import feign.codec.ErrorDecoder;

import io.arbiter.bureau.BureauUnavailableException;

/**
 * Tells {@code GuardedProvider}'s retry which of a bureau's HTTP errors are worth another attempt: 429 (after its
 * Retry-After) and 5xx are; other 4xx (rejected credentials, a request Arbiter got wrong) would fail the same way again.
 * Statuses whose meaning depends on the call (Creditsafe's 401, 403 and 404: an expired token, rejected credentials, an
 * unknown company) are left to the provider as {@link FeignException}s.
 */
final class BureauErrorDecoder implements ErrorDecoder {

    private final String bureau;
    private final Set<Integer> leftToProvider;
    private final Set<String> lockoutCalls;
    private final Clock clock;

    /**
     * @param lockoutCalls Feign method keys' method names (e.g. {@code authenticate}) on which 429 means a lockout after
     *                     invalid attempts has begun: only waiting helps, so it is not retried
     */
    BureauErrorDecoder(String bureau, Set<Integer> leftToProvider, Set<String> lockoutCalls, Clock clock) {
        this.bureau = bureau;
        this.leftToProvider = leftToProvider;
        this.lockoutCalls = lockoutCalls;
        this.clock = clock;
    }

    @Override
    public Exception decode(String methodKey, Response response) {
        int status = response.status();
        if (leftToProvider.contains(status)) {
            return FeignException.errorStatus(methodKey, response);
        }
        if (status == 429) {
            boolean lockout = lockoutCalls.stream().anyMatch(call -> methodKey.contains("#" + call + "("));
            return new BureauUnavailableException(bureau + " answered HTTP 429 (too many requests)", !lockout,
                    RetryAfter.of(response, clock), null);
        }
        if (status >= 500) {
            return new BureauUnavailableException(bureau + " answered HTTP " + status + " (server error)", true, null, null);
        }
        return new BureauUnavailableException(bureau + " answered HTTP " + status
                + " (not retried: sending it again would get the same answer)", false, null, null);
    }
}
