package io.arbiter.simulation;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How simulations run.
 *
 * @param batchSize rows evaluated together by one worker
 * @param fetchSize rows PostgreSQL sends per round trip while streaming
 * @param threads workers evaluating batches; 0 means one per available processor
 * @param concurrentJobs simulations running at once; later ones wait for a free slot
 * @param keptJobs finished simulations kept with their changes; older ones are deleted when a new one starts
 * @param pageSize changed decisions shown in a simulation's JSON (all of them are in its CSV)
 */
@ConfigurationProperties("arbiter.simulation")
public record SimulationProperties(@DefaultValue("500") int batchSize, @DefaultValue("1000") int fetchSize,
        @DefaultValue("0") int threads, @DefaultValue("2") int concurrentJobs, @DefaultValue("20") int keptJobs,
        @DefaultValue("50") int pageSize) {

    int workers() {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }
}
