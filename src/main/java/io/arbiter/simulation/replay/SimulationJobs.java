package io.arbiter.simulation.replay;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Currency;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.arbiter.policy.PolicyCandidates;
import io.arbiter.policy.PolicyCandidates.Candidate;
import io.arbiter.shared.ProblemException;
import io.arbiter.simulation.SimulationProperties;
import io.arbiter.simulation.SimulationRequest;
import io.arbiter.simulation.SimulationState;
import jakarta.annotation.PreDestroy;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs simulations in the background: jobs on the simulations' {@link io.arbiter.shared.jobs.JobRunner}, each
 * streaming its population through a pool of workers, a heartbeat that keeps this instance's jobs alive, and the end
 * of each job (DONE, CANCELLED with what it found so far, or FAILED with a message for the requester).
 */
@Component
public class SimulationJobs {

    private static final Logger log = LoggerFactory.getLogger(SimulationJobs.class);

    private final PolicyCandidates candidates;
    private final StoredDecisionReplay storedDecisions;
    private final PortfolioAssessment portfolio;
    private final Simulations simulations;
    private final SimulationProperties properties;
    private final JsonMapper json;
    private final Clock clock;
    private final ExecutorService workers;

    SimulationJobs(PolicyCandidates candidates, StoredDecisionReplay storedDecisions, PortfolioAssessment portfolio,
            Simulations simulations, SimulationProperties properties, JsonMapper json, Clock clock) {
        this.candidates = candidates;
        this.storedDecisions = storedDecisions;
        this.portfolio = portfolio;
        this.simulations = simulations;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
        this.workers = Executors.newFixedThreadPool(properties.workers(),
                Thread.ofPlatform().name("simulation-worker-", 1).daemon().factory());
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }

    /** Keeps this instance's simulations alive and fails those an instance that stopped left running. */
    @Scheduled(fixedDelayString = "${arbiter.simulation.heartbeat:15s}")
    public void heartbeat() {
        simulations.runner().heartbeat();
    }

    /** Queues a simulation already stored as RUNNING; this instance's heartbeat keeps it alive from now on. */
    public void submit(UUID id, UUID versionId, SimulationRequest request, Candidate baseline) {
        simulations.runner().submit(id, () -> run(id, versionId, request, baseline));
    }

    private void run(UUID id, UUID versionId, SimulationRequest request, Candidate baseline) {
        try {
            Candidate candidate = candidates.compile(versionId);
            Currency currency = Currency.getInstance(baseline.currency());
            LocalDate today = LocalDate.now(clock);
            SimulatedPopulation<?> population = Boolean.TRUE.equals(request.portfolio())
                    ? portfolio.population(currency.getCurrencyCode(), today, candidate, baseline)
                    : storedDecisions.population(request, candidate, baseline);
            stream(id, candidate, population, currency);
        } catch (ProblemException e) {
            simulations.finish(id, SimulationState.FAILED, null, e.toProblemDetail().getDetail(), clock.instant());
        } catch (RuntimeException | Error e) {
            log.error("Simulation {} failed", id, e);
            simulations.finish(id, SimulationState.FAILED, null,
                    "The simulation stopped on an unexpected error (" + e.getClass().getSimpleName() + "); see the log",
                    clock.instant());
        }
    }

    /** Streams the population through the workers; a cancel keeps the part processed, any other error fails it. */
    private <T> void stream(UUID id, Candidate candidate, SimulatedPopulation<T> population, Currency currency) {
        simulations.started(id, candidate.version(), population.count(), clock.instant());
        SimulationRun<T> run = new SimulationRun<>(id, population::answer, workers, simulations, properties, clock);
        try {
            population.forEach(properties.fetchSize(), run::accept);
            run.finish();
        } catch (SimulationRun.Cancelled e) {
            run.abandon();
            simulations.finish(id, SimulationState.CANCELLED, summary(run, currency), null, clock.instant());
            log.info("Simulation {} cancelled after {} replayed", id, run.tally().subjects());
            return;
        } catch (RuntimeException | Error e) {
            run.abandon();
            throw e;
        }
        simulations.finish(id, SimulationState.DONE, summary(run, currency), null, clock.instant());
        log.info("Simulation {} done: {} replayed, {} changed", id, run.tally().subjects(), run.tally().changed());
    }

    private String summary(SimulationRun<?> run, Currency currency) {
        return json.writeValueAsString(run.tally().summary(currency));
    }
}
