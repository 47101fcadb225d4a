package io.arbiter.bureau;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.arbiter.shared.Deadline;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;


/**
 * Finds the report a decision needs, never failing it: a fresh report from the cache; else the providers of the
 * company's country in their configured order, the first that knows the company answering; else, when providers could
 * not answer, the last report fetched (from memory or from PostgreSQL) marked stale; else no bureau data.
 *
 * <p>A decision waits at most until its deadline. Lookups of one company at the same time share one call to the
 * providers, made on a thread of its own: when the deadline passes first, the decision goes on with what is kept (the
 * providers count as unavailable), and the call, still running, fills the cache for the decisions that follow.
 */
@Service
public class SolvencyService {

    private static final Logger log = LoggerFactory.getLogger(SolvencyService.class);

    private final Map<String, GuardedProvider> providers = new LinkedHashMap<>();
    private final BureauProperties properties;
    private final SolvencySnapshots snapshots;
    private final Clock clock;
    private final Cache<String, SolvencyReport> cache;
    private final ConcurrentMap<String, CompletableFuture<SolvencyLookup>> inFlight = new ConcurrentHashMap<>();
    private final ExecutorService fetchers = Executors.newVirtualThreadPerTaskExecutor();
    private final MeterRegistry meters;

    SolvencyService(List<SolvencyProvider> providers, BureauProperties properties, SolvencySnapshots snapshots,
            Clock clock, MeterRegistry meters, RetryRegistry retries, CircuitBreakerRegistry circuitBreakers,
            RateLimiterRegistry rateLimiters, BulkheadRegistry bulkheads) {
        this.properties = properties;
        this.snapshots = snapshots;
        this.clock = clock;
        this.meters = meters;
        for (SolvencyProvider provider : providers) {
            this.providers.put(provider.name(), new GuardedProvider(provider, properties.maxRetryWait(), clock, meters,
                    retries, circuitBreakers, rateLimiters, bulkheads));
        }
        properties.waterfall().forEach((country, names) -> names.stream()
                .filter(name -> !this.providers.containsKey(name)).findFirst().ifPresent(name -> {
                    throw new IllegalStateException("arbiter.bureau.waterfall." + country + " names provider '" + name
                            + "', which does not exist or is not configured (a bureau's provider exists only when"
                            + " arbiter.bureau." + name + ".base-url is set); known providers: " + this.providers.keySet());
                }));
        this.cache = Caffeine.newBuilder().maximumSize(properties.cacheSize()).expireAfterWrite(properties.cacheTtl())
                .recordStats().build();
        CaffeineCacheMetrics.monitor(meters, cache, "solvency-reports");
    }

    /** The report, waiting for the providers as long as their own timeouts and retries take. */
    public SolvencyLookup lookup(String registrationNumber, String country) {
        return lookup(registrationNumber, country, Deadline.NONE);
    }

    /**
     * The report for a decision: from the cache when fresh enough, else from the providers if they answer before the
     * deadline, else stale or none, with the providers not heard from counted as unavailable.
     */
    public SolvencyLookup lookup(String registrationNumber, String country, Deadline deadline) {
        String key = key(registrationNumber, country);
        SolvencyReport cached = cache.getIfPresent(key);
        if (cached != null && isFresh(cached)) {
            return new SolvencyLookup(Optional.of(cached), false, SolvencyLookup.Source.CACHE, List.of());
        }
        List<String> names = properties.providersFor(country);
        if (names.isEmpty()) {
            return new SolvencyLookup(Optional.empty(), false, SolvencyLookup.Source.NONE, List.of(),
                    SolvencyLookup.Status.NONE);
        }
        CompletableFuture<SolvencyLookup> mine = new CompletableFuture<>();
        CompletableFuture<SolvencyLookup> pending = inFlight.putIfAbsent(key, mine);
        if (pending == null) {
            pending = mine;
            fetchers.execute(() -> {
                try {
                    mine.complete(fetch(registrationNumber, country, cached));
                } catch (RuntimeException | Error e) {
                    mine.completeExceptionally(e);
                } finally {
                    inFlight.remove(key, mine);
                }
            });
        } else {
            meters.counter("arbiter.bureau.lookups.coalesced").increment();
        }
        return deadline.await(pending, () -> {
            meters.counter("arbiter.bureau.lookups.out-of-time").increment();
            SolvencyLookup kept = fallback(key, cached, names);
            // Read after the fallback: the fetch caches a report before it stores its snapshot, so a snapshot that
            // arrived meanwhile is seen here as the fresh report it is
            SolvencyReport justFetched = cache.getIfPresent(key);
            if (justFetched != null && isFresh(justFetched)) {
                return new SolvencyLookup(Optional.of(justFetched), false, SolvencyLookup.Source.CACHE, List.of());
            }
            log.warn("No bureau answered on {} within the decision's time budget; going on without a fresh report", key);
            return kept;
        });
    }

    /** Asks the providers again whatever the cache holds, e.g. when a bureau notifies a change. */
    public SolvencyLookup refresh(String registrationNumber, String country) {
        return fetch(registrationNumber, country, cache.getIfPresent(key(registrationNumber, country)));
    }

    /**
     * One call to a provider through its guards, whose answer is kept nowhere (no cache, no snapshot): warms a free
     * provider's client path before the first decision ({@code providers.SandboxWarmUp}). A provider not configured is
     * skipped.
     *
     * @throws BureauUnavailableException when the provider cannot answer
     */
    public void warmUp(String provider, String registrationNumber, String country) {
        GuardedProvider guarded = providers.get(provider);
        if (guarded != null) {
            guarded.report(registrationNumber, country);
        }
    }

    private SolvencyLookup fetch(String registrationNumber, String country, SolvencyReport cached) {
        String key = key(registrationNumber, country);
        List<String> unavailable = new ArrayList<>();
        if (properties.providersFor(country).isEmpty()) {
            return new SolvencyLookup(Optional.empty(), false, SolvencyLookup.Source.NONE, List.of(),
                    SolvencyLookup.Status.NONE);
        }
        for (String name : properties.providersFor(country)) {
            GuardedProvider provider = providers.get(name);
            try {
                Optional<SolvencyReport> report = provider.report(registrationNumber, country);
                if (report.isPresent()) {
                    cache.put(key, report.get());
                    snapshots.add(key, report.get(), clock.instant());
                    return new SolvencyLookup(report, !isFresh(report.get()), SolvencyLookup.Source.PROVIDER, unavailable);
                }
            } catch (BureauUnavailableException e) {
                log.warn("Bureau {} could not answer for {}: {}", name, key, e.getMessage());
                unavailable.add(name);
            }
        }
        if (unavailable.isEmpty()) {
            return new SolvencyLookup(Optional.empty(), false, SolvencyLookup.Source.NONE, unavailable);
        }
        return fallback(key, cached, unavailable);
    }

    /** What is kept when providers could not answer: the report in memory, else the last snapshot, else nothing. */
    private SolvencyLookup fallback(String key, SolvencyReport cached, List<String> unavailable) {
        if (cached != null) {
            return new SolvencyLookup(Optional.of(cached), true, SolvencyLookup.Source.CACHE, unavailable);
        }
        Optional<SolvencyReport> snapshot = snapshots.latest(key);
        return new SolvencyLookup(snapshot, snapshot.isPresent(),
                snapshot.isPresent() ? SolvencyLookup.Source.SNAPSHOT : SolvencyLookup.Source.NONE, unavailable);
    }

    private boolean isFresh(SolvencyReport report) {
        return !report.reportDate().isBefore(LocalDate.now(clock).minusDays(properties.maxReportAge().toDays()));
    }

    private static String key(String registrationNumber, String country) {
        return country + ":" + registrationNumber;
    }
}
