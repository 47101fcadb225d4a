package io.arbiter.simulation;

import java.time.Duration;

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
 * @param heartbeat how often an instance marks the simulations it runs as alive; one not marked for four heartbeats
 *        was left by an instance that stopped, and is marked FAILED
 */
@ConfigurationProperties("arbiter.simulation")
public record SimulationProperties(@DefaultValue("500") int batchSize, @DefaultValue("1000") int fetchSize,
        @DefaultValue("0") int threads, @DefaultValue("2") int concurrentJobs, @DefaultValue("20") int keptJobs,
        @DefaultValue("50") int pageSize, @DefaultValue("15s") Duration heartbeat) {

    public int workers() {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }
}
