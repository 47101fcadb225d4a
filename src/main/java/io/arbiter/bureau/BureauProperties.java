package io.arbiter.bureau;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How Arbiter gets solvency data. Resilience settings per provider are Resilience4j's own
 * ({@code resilience4j.retry.instances.<provider>}, {@code resilience4j.circuitbreaker.instances.<provider>}...).
 *
 * @param maxReportAge a report older than this is refreshed, and marked stale when it cannot be
 * @param cacheTtl how long a fetched report is served from memory before the providers are asked again
 * @param cacheSize how many companies' reports are kept in memory
 * @param maxRetryWait the longest a decision waits before retrying a provider, even when a 429 asks for longer
 * @param waterfall providers tried in order, per ISO country code; {@code default} for the others
 */
@ConfigurationProperties("arbiter.bureau")
public record BureauProperties(
        @DefaultValue("180d") Duration maxReportAge,
        @DefaultValue("12h") Duration cacheTtl,
        @DefaultValue("100000") long cacheSize,
        @DefaultValue("2s") Duration maxRetryWait,
        @DefaultValue Map<String, List<String>> waterfall) {

    public List<String> providersFor(String country) {
        return waterfall.getOrDefault(country, waterfall.getOrDefault("default", List.of()));
    }
}
