package io.arbiter.pool.server;

import java.time.Duration;

import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;

import io.arbiter.pool.PoolProperties;

/**
 * One Resilience4j rate limiter per member: a member looking up pseudonyms in bulk (to test guessed registration
 * numbers, were the shared key to leak) is slowed to {@code arbiter.pool.server.requests-per-minute}. Its own registry,
 * so that the bureaus' defaults do not apply here.
 */
@Component
@Profile("pool")
class MemberRateLimits {

    static final class Exceeded extends RuntimeException {
        private final int perMinute;
        private final long retryAfterSeconds;

        Exceeded(int perMinute, long retryAfterSeconds) {
            super("rate limit exceeded", null, false, false);
            this.perMinute = perMinute;
            this.retryAfterSeconds = retryAfterSeconds;
        }

        int perMinute() {
            return perMinute;
        }

        long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    private final RateLimiterRegistry registry;
    private final int perMinute;

    MemberRateLimits(PoolProperties properties) {
        this.perMinute = properties.server().requestsPerMinute();
        this.registry = RateLimiterRegistry.of(RateLimiterConfig.custom()
                .limitForPeriod(perMinute)
                .limitRefreshPeriod(Duration.ofMinutes(1))
                .timeoutDuration(Duration.ZERO)
                .build());
    }

    void acquire(String member) {
        RateLimiter limiter = registry.rateLimiter(member);
        if (!limiter.acquirePermission()) {
            long nanos = limiter instanceof AtomicRateLimiter atomic ? atomic.getDetailedMetrics().getNanosToWait()
                    : Duration.ofMinutes(1).toNanos();
            throw new Exceeded(perMinute, Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L));
        }
    }
}
