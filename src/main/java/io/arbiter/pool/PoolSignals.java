package io.arbiter.pool;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.arbiter.pool.client.PoolClient;
import io.arbiter.pool.client.Pseudonyms;
import io.arbiter.pool.protocol.Contribution;
import io.arbiter.shared.Deadline;
import io.arbiter.shared.ProblemException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

/**
 * Reads the pool's signal on a customer for a decision. It never fails a decision: a pool that is not configured, down,
 * slow (beyond {@code arbiter.pool.client.read-timeout}) or answering nonsense gives "no pool data". Answers are cached
 * for {@code signal-cache-ttl}; failures are not, and the {@code pool} circuit breaker stops asking a pool that keeps
 * failing.
 */
@Service
public class PoolSignals {

    private static final Logger log = LoggerFactory.getLogger(PoolSignals.class);
    private static final Set<String> STATUSES = Set.of("AVAILABLE", "INSUFFICIENT_DATA", "CONTRIBUTE_FIRST");

    private final Optional<PoolClient> client;
    private final Optional<Pseudonyms> pseudonyms;
    private final CircuitBreaker breaker;
    private final Cache<String, PoolSignal> cache;
    private final ExecutorService askers = Executors.newVirtualThreadPerTaskExecutor();

    PoolSignals(ObjectProvider<PoolClient> client, ObjectProvider<Pseudonyms> pseudonyms, PoolProperties properties,
            CircuitBreakerRegistry breakers) {
        this.client = Optional.ofNullable(client.getIfAvailable());
        this.pseudonyms = Optional.ofNullable(pseudonyms.getIfAvailable());
        this.breaker = breakers.circuitBreaker("pool");
        Duration ttl = properties.client().signalCacheTtl();
        this.cache = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(100_000).recordStats().build();
    }

    /**
     * The signal already received for a customer, without asking the pool: for work that must never wait on a call
     * (dunning). {@code NO_POOL_DATA} when none is held.
     */
    public PoolSignal knownSignalFor(String country, String registrationNumber) {
        if (client.isEmpty() || pseudonyms.isEmpty()) {
            return PoolSignal.noPoolData("no community pool is configured");
        }
        try {
            PoolSignal cached = cache.getIfPresent(pseudonyms.get().of(country, registrationNumber));
            return cached != null ? cached : PoolSignal.noPoolData("no signal received for this customer lately");
        } catch (ProblemException e) {
            return PoolSignal.noPoolData("the registration number cannot be pseudonymised");
        }
    }

    public PoolSignal signalFor(String country, String registrationNumber) {
        return signalFor(country, registrationNumber, Deadline.NONE);
    }

    /**
     * The signal, or "no pool data" when the pool has not answered by the deadline; a call still running then fills the
     * cache for the decisions that follow.
     */
    public PoolSignal signalFor(String country, String registrationNumber, Deadline deadline) {
        if (client.isEmpty() || pseudonyms.isEmpty()) {
            return PoolSignal.noPoolData("no community pool is configured");
        }
        String subject;
        try {
            subject = pseudonyms.get().of(country, registrationNumber);
        } catch (ProblemException e) {
            return PoolSignal.noPoolData("the registration number cannot be pseudonymised");
        }
        PoolSignal cached = cache.getIfPresent(subject);
        if (cached != null) {
            return cached;
        }
        CompletableFuture<PoolSignal> answer = CompletableFuture.supplyAsync(() -> ask(subject), askers);
        return deadline.await(answer, () -> PoolSignal.noPoolData("the pool did not answer within the decision's time budget"));
    }

    private PoolSignal ask(String subject) {
        try {
            PoolSignal signal = read(breaker.executeSupplier(() -> client.get().signal(subject)));
            cache.put(subject, signal);
            return signal;
        } catch (CallNotPermittedException e) {
            return PoolSignal.noPoolData("the pool failed repeatedly and is not asked for a while");
        } catch (RuntimeException e) {
            log.warn("The community pool gave no signal: {}", e.toString());
            return PoolSignal.noPoolData("the pool did not answer in time or answered something unreadable");
        }
    }

    private static PoolSignal read(Contribution.Signal answer) {
        if (answer == null || !STATUSES.contains(answer.status())) {
            throw new IllegalStateException("unknown pool answer status " + (answer == null ? null : answer.status()));
        }
        return switch (answer.status()) {
            case "AVAILABLE" -> {
                if (answer.lateSharePercent() == null || answer.contributorsBand() == null) {
                    throw new IllegalStateException("an available signal without its late share or contributors band");
                }
                yield new PoolSignal("AVAILABLE", answer.lateSharePercent(), answer.medianDaysBeyondTermsBand(),
                        answer.trend3Months(), answer.trend12Months(), answer.contributorsBand(),
                        "other suppliers (" + answer.contributorsBand() + ") saw " + answer.lateSharePercent()
                                + "% of invoices paid late");
            }
            case "INSUFFICIENT_DATA" -> new PoolSignal("INSUFFICIENT_DATA", null, null, null, null, null,
                    "insufficient data: too few other suppliers reported on this customer");
            default -> new PoolSignal("CONTRIBUTE_FIRST", null, null, null, null, null,
                    "no signal: this supplier has shared no payment experience with the pool lately (give-to-get)");
        };
    }
}
