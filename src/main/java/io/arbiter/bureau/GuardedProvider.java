package io.arbiter.bureau;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * One provider behind Resilience4j, configured by the provider's name: retry with backoff on failures worth retrying
 * only, a circuit breaker that counts only real unavailability (not "company not found"), a rate limiter and a bulkhead.
 * A 429's Retry-After is the pause: nothing is sent to the provider before it, and it is not counted by the circuit
 * breaker, which would otherwise keep the provider closed for its whole open-state wait after a one-second ask; a wait
 * longer than {@code arbiter.bureau.max-retry-wait} is not retried.
 */
final class GuardedProvider {

    private final SolvencyProvider provider;
    private final Clock clock;
    private final Duration maxRetryWait;
    private final MeterRegistry meters;
    private final Supplier<CircuitBreaker.State> circuitState;
    private final Decorated decorated;
    private volatile Instant pausedUntil = Instant.MIN;

    @FunctionalInterface
    private interface Decorated {
        Optional<SolvencyReport> call(String registrationNumber, String country);
    }

    GuardedProvider(SolvencyProvider provider, Duration maxRetryWait, Clock clock, MeterRegistry meters,
            RetryRegistry retries, CircuitBreakerRegistry circuitBreakers, RateLimiterRegistry rateLimiters,
            BulkheadRegistry bulkheads) {
        this.provider = provider;
        this.clock = clock;
        this.maxRetryWait = maxRetryWait;
        this.meters = meters;
        String name = provider.name();
        // The registries already hold the instances configured in YAML; read their settings, then replace them with
        // instances that add what YAML cannot say (which failures to retry or count, Retry-After as the interval).
        RetryConfig retryDefaults = retries.find(name).map(Retry::getRetryConfig).orElse(retries.getDefaultConfig());
        retries.remove(name);
        @SuppressWarnings("unchecked")
        IntervalBiFunction<Optional<SolvencyReport>> backoff =
                (IntervalBiFunction<Optional<SolvencyReport>>) (IntervalBiFunction<?>) retryDefaults.getIntervalBiFunction();
        Retry retry = retries.retry(name, RetryConfig.<Optional<SolvencyReport>>from(retryDefaults)
                .retryOnException(this::worthRetrying)
                .intervalBiFunction((attempt, outcome) -> outcome.isLeft() && outcome.getLeft() instanceof BureauUnavailableException e
                        && e.retryAfter().isPresent() ? e.retryAfter().get().toMillis()
                        : backoff.apply(attempt, outcome))
                .build());
        CircuitBreakerConfig breakerDefaults = circuitBreakers.find(name).map(CircuitBreaker::getCircuitBreakerConfig)
                .orElse(circuitBreakers.getDefaultConfig());
        circuitBreakers.remove(name);
        CircuitBreaker breaker = circuitBreakers.circuitBreaker(name, CircuitBreakerConfig.from(breakerDefaults)
                .recordException(e -> e instanceof BureauUnavailableException unavailable
                        && unavailable.retryAfter().isEmpty()).build());
        RateLimiter rateLimiter = rateLimiters.rateLimiter(name);
        Bulkhead bulkhead = bulkheads.bulkhead(name);
        this.circuitState = breaker::getState;
        this.decorated = (registrationNumber, country) -> {
            Supplier<Optional<SolvencyReport>> call = () -> {
                try {
                    return provider.report(registrationNumber, country);
                } catch (BureauUnavailableException e) {
                    // Paused at once, so that concurrent lookups do not send what the provider just refused
                    e.retryAfter().ifPresent(wait -> pausedUntil = clock.instant().plus(wait));
                    throw e;
                }
            };
            call = Bulkhead.decorateSupplier(bulkhead, call);
            call = RateLimiter.decorateSupplier(rateLimiter, call);
            call = CircuitBreaker.decorateSupplier(breaker, call);
            return Retry.decorateSupplier(retry, call).get();
        };
    }

    String name() {
        return provider.name();
    }

    CircuitBreaker.State circuitState() {
        return circuitState.get();
    }

    Optional<SolvencyReport> report(String registrationNumber, String country) {
        Timer.Sample sample = Timer.start(meters);
        String outcome = "unavailable";
        try {
            if (clock.instant().isBefore(pausedUntil)) {
                outcome = "paused";
                throw new BureauUnavailableException(name() + " asked to wait until " + pausedUntil, false, null, null);
            }
            Optional<SolvencyReport> report = decorated.call(registrationNumber, country);
            outcome = report.isPresent() ? "found" : "not_found";
            return report;
        } catch (CallNotPermittedException | BulkheadFullException | RequestNotPermitted e) {
            outcome = "rejected";
            throw new BureauUnavailableException(name() + " not called: " + e.getMessage(), false, null, e);
        } catch (BureauUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new BureauUnavailableException(name() + " failed: " + e.getMessage(), false, null, e);
        } finally {
            sample.stop(meters.timer("arbiter.bureau.calls", "provider", name(), "outcome", outcome));
        }
    }

    private boolean worthRetrying(Throwable e) {
        return e instanceof BureauUnavailableException unavailable && unavailable.retryable()
                && unavailable.retryAfter().map(wait -> wait.compareTo(maxRetryWait) <= 0).orElse(true);
    }
}
