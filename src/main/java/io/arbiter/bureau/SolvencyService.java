package io.arbiter.bureau;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

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
 */
@Service
public class SolvencyService {

    private static final Logger log = LoggerFactory.getLogger(SolvencyService.class);

    private final Map<String, GuardedProvider> providers = new LinkedHashMap<>();
    private final BureauProperties properties;
    private final SolvencySnapshots snapshots;
    private final Clock clock;
    private final Cache<String, SolvencyReport> cache;

    SolvencyService(List<SolvencyProvider> providers, BureauProperties properties, SolvencySnapshots snapshots,
            Clock clock, MeterRegistry meters, RetryRegistry retries, CircuitBreakerRegistry circuitBreakers,
            RateLimiterRegistry rateLimiters, BulkheadRegistry bulkheads) {
        this.properties = properties;
        this.snapshots = snapshots;
        this.clock = clock;
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

    /** The report for a decision: from the cache when fresh enough, else from the providers, else stale or none. */
    public SolvencyLookup lookup(String registrationNumber, String country) {
        SolvencyReport cached = cache.getIfPresent(key(registrationNumber, country));
        if (cached != null && isFresh(cached)) {
            return new SolvencyLookup(Optional.of(cached), false, SolvencyLookup.Source.CACHE, List.of());
        }
        return fetch(registrationNumber, country, cached);
    }

    /** Asks the providers again whatever the cache holds, e.g. when a bureau notifies a change. */
    public SolvencyLookup refresh(String registrationNumber, String country) {
        return fetch(registrationNumber, country, cache.getIfPresent(key(registrationNumber, country)));
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
                    snapshots.add(key, report.get(), clock.instant());
                    cache.put(key, report.get());
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
