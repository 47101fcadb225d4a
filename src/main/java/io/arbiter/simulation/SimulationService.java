package io.arbiter.simulation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import io.arbiter.policy.PolicyCandidates;
import io.arbiter.policy.PolicyCandidates.Candidate;
import io.arbiter.shared.Money;
import io.arbiter.shared.ProblemException;
import io.arbiter.shared.StoredJson;
import io.arbiter.simulation.replay.SimulationJobs;
import io.arbiter.simulation.replay.Simulations;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Starts, follows and cancels impact simulations. A simulation compares a candidate version with the version active
 * when it starts, on the same facts: a credit manager asking "what would change if I published this?" means against
 * what decides today, and comparing with each stored answer would mix in every earlier policy change. A stored
 * decision made with the active version is its own baseline (the pipeline is deterministic), so only the candidate
 * runs on it; decisions made with older versions are re-decided by the active one too. A portfolio customer is
 * assessed with no order: the limit and class each version would grant it as it stands. The populations are
 * {@link io.arbiter.simulation.replay.StoredDecisionReplay} and {@link io.arbiter.simulation.replay.PortfolioAssessment};
 * {@link SimulationJobs} runs them in the background.
 */
@Service
public class SimulationService {

    private static final Logger log = LoggerFactory.getLogger(SimulationService.class);

    /** One version's answer, as shown in a simulation. */
    public record AnswerView(String outcome, Money grantedLimit, String segment, @Nullable String riskClass,
            JsonNode reasons) {
    }

    /**
     * A decision or customer whose answer changes.
     *
     * @param decisionId null for a portfolio customer
     * @param decidedWith the version the stored decision was made with
     */
    public record ChangeView(@Nullable UUID decisionId, String registrationNumber, @Nullable String decidedWith,
            AnswerView active, AnswerView candidate) {
    }

    /**
     * A simulation as its requester follows it.
     *
     * @param eta when it should be done at the pace so far; null unless running
     * @param summary once DONE (or CANCELLED: then over the part processed)
     * @param changes the first changed decisions, in the order found; every one is in {@code links.changes}
     */
    public record SimulationView(UUID id, UUID versionId, String candidateVersion, String activeVersion,
            JsonNode population, String requestedBy, SimulationState state, int percent, long processed, long total,
            long changed, Instant startedAt, @Nullable Instant finishedAt, @Nullable Long etaSeconds,
            @Nullable Instant eta, @Nullable SimulationSummary summary, List<ChangeView> changes, @Nullable String error,
            Map<String, String> links) {
    }

    private final PolicyCandidates candidates;
    private final Simulations simulations;
    private final SimulationJobs jobs;
    private final SimulationProperties properties;
    private final JsonMapper json;
    private final StoredJson stored;
    private final Clock clock;

    SimulationService(PolicyCandidates candidates, Simulations simulations, SimulationJobs jobs,
            SimulationProperties properties, JsonMapper json, StoredJson stored, Clock clock) {
        this.candidates = candidates;
        this.simulations = simulations;
        this.jobs = jobs;
        this.properties = properties;
        this.json = json;
        this.stored = stored;
        this.clock = clock;
    }

    /** Starts a simulation of this version over this population; it runs in the background. */
    public SimulationView start(UUID versionId, SimulationRequest request, String requestedBy) {
        String version = candidates.version(versionId).orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND,
                "policy-version-not-found", "Policy version not found", "No policy version has id " + versionId));
        Map<String, Object> population = population(request);
        Candidate baseline = candidates.active();
        UUID id = UUID.randomUUID();
        simulations.runner().prune(properties.keptJobs());
        simulations.insert(id, versionId, version, baseline.version(), baseline.currency(),
                json.writeValueAsString(population), requestedBy, clock.instant());
        jobs.submit(id, versionId, request, baseline);
        log.info("Simulation {} of policy version {} ({}) against {} over {} started by {}", id, versionId, version,
                baseline.version(), population, requestedBy);
        return find(versionId, id);
    }

    public SimulationView find(UUID versionId, UUID id) {
        Simulations.Job job = simulations.find(versionId, id).orElseThrow(() -> notFound(versionId, id));
        Currency currency = Currency.getInstance(job.currency());
        Instant now = clock.instant();
        Long etaSeconds = null;
        Instant eta = null;
        if (job.state() == SimulationState.RUNNING && job.processed() > 0) {
            long elapsed = Math.max(0, Duration.between(job.startedAt(), now).toMillis());
            long remaining = elapsed * (job.total() - job.processed()) / job.processed();
            etaSeconds = (remaining + 999) / 1000;
            eta = now.plusMillis(remaining).truncatedTo(ChronoUnit.SECONDS);
        }
        int percent = job.total() == 0 ? (job.state() == SimulationState.DONE ? 100 : 0)
                : (int) Math.min(100, job.processed() * 100 / job.total());
        String self = "/api/v1/policies/versions/" + versionId + "/simulations/" + id;
        Map<String, String> links = new LinkedHashMap<>();
        links.put("self", self);
        links.put("changes", self + "/changes.csv");
        List<ChangeView> changes = simulations.firstChanges(id, properties.pageSize()).stream()
                .map(row -> view(row, currency)).toList();
        return new SimulationView(id, versionId, job.candidate(), job.baseline(), json.readTree(job.population()),
                job.requestedBy(), job.state(), percent, job.processed(), job.total(), job.changed(), job.startedAt(),
                job.finishedAt(), etaSeconds, eta, job.summary() == null ? null : stored.read(job.summary(), SimulationSummary.class), changes,
                job.error(), links);
    }

    /** The most recent simulation of a version, if it has one still kept. */
    public java.util.Optional<SimulationView> latest(UUID versionId) {
        return simulations.latest(versionId).map(id -> find(versionId, id));
    }

    /** A page of a simulation's changed decisions, in the order found. */
    public List<ChangeView> changes(UUID versionId, UUID id, long offset, int limit) {
        Currency currency = currencyOf(versionId, id);
        return simulations.changes(id, offset, limit).stream().map(row -> view(row, currency)).toList();
    }

    /** Asks a running simulation to stop; it stops within a batch and keeps what it found so far. */
    public SimulationView cancel(UUID versionId, UUID id) {
        Simulations.Job job = simulations.find(versionId, id).orElseThrow(() -> notFound(versionId, id));
        if (!simulations.requestCancel(id)) {
            throw new ProblemException(HttpStatus.CONFLICT, "simulation-finished", "Simulation already finished",
                    "Simulation " + id + " is " + job.state() + "; only a RUNNING simulation can be cancelled",
                    Map.of("state", job.state().name()));
        }
        log.info("Simulation {} cancel requested", id);
        return find(versionId, id);
    }

    /** Streams every change of a simulation, in the order found. */
    public void forEachChange(UUID versionId, UUID id, java.util.function.Consumer<Simulations.ChangeRow> each) {
        simulations.find(versionId, id).orElseThrow(() -> notFound(versionId, id));
        simulations.forEachChange(id, properties.fetchSize(), each);
    }

    public Currency currencyOf(UUID versionId, UUID id) {
        return Currency.getInstance(simulations.find(versionId, id).orElseThrow(() -> notFound(versionId, id)).currency());
    }

    private Map<String, Object> population(SimulationRequest request) {
        boolean period = request.from() != null || request.to() != null;
        int kinds = (request.isPortfolio() ? 1 : 0) + (request.last() != null ? 1 : 0) + (period ? 1 : 0);
        if (kinds != 1) {
            throw invalid("population", "choose one population: {\"from\": \"2026-10-01\", \"to\": \"2026-10-31\"} for"
                    + " the stored decisions of a period, {\"last\": 1000} for the last stored decisions, or"
                    + " {\"portfolio\": true} for every ledger customer");
        }
        Map<String, Object> population = new LinkedHashMap<>();
        if (request.isPortfolio()) {
            population.put("portfolio", true);
        } else if (request.last() != null) {
            if (request.last() < 1) {
                throw invalid("last", "must be at least 1 (was " + request.last() + ")");
            }
            population.put("last", request.last());
        } else {
            if (request.from() != null && request.to() != null && request.from().isAfter(request.to())) {
                throw invalid("to", "is before from (" + request.from() + ")");
            }
            population.put("from", request.from() == null ? null : request.from().toString());
            population.put("to", request.to() == null ? null : request.to().toString());
        }
        return population;
    }

    private ChangeView view(Simulations.ChangeRow row, Currency currency) {
        return new ChangeView(row.decisionId(), row.registrationNumber(), row.decidedWith(),
                new AnswerView(row.oldOutcome(), Money.of(row.oldLimit(), currency), row.oldSegment(), row.oldClass(),
                        json.readTree(row.oldReasons())),
                new AnswerView(row.newOutcome(), Money.of(row.newLimit(), currency), row.newSegment(), row.newClass(),
                        json.readTree(row.newReasons())));
    }

    private static ProblemException invalid(String field, String message) {
        return new ProblemException(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", field + " " + message,
                Map.of("errors", List.of(Map.of("field", field, "message", message))));
    }

    private static ProblemException notFound(UUID versionId, UUID id) {
        return new ProblemException(HttpStatus.NOT_FOUND, "simulation-not-found", "Simulation not found",
                "Policy version " + versionId + " has no simulation " + id + " (only the "
                        + "most recent simulations are kept)");
    }
}
