package io.arbiter.simulation;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Currency;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import io.arbiter.decision.DecisionHistory;
import io.arbiter.decision.StandingApplicants;
import io.arbiter.pool.PoolSignal;
import io.arbiter.ledger.Portfolio;
import io.arbiter.policy.Applicant;
import io.arbiter.policy.PolicyCandidates;
import io.arbiter.policy.PolicyCandidates.Candidate;
import io.arbiter.shared.Money;
import io.arbiter.shared.ProblemException;
import io.arbiter.shared.StoredJson;
import jakarta.annotation.PreDestroy;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Starts, follows and cancels impact simulations. A simulation compares a candidate version with the version active
 * when it starts, on the same facts: a credit manager asking "what would change if I published this?" means against
 * what decides today, and comparing with each stored answer would mix in every earlier policy change. A stored
 * decision made with the active version is its own baseline (the pipeline is deterministic), so only the candidate
 * runs on it; decisions made with older versions are re-decided by the active one too. A portfolio customer is
 * assessed with no order: the limit and class each version would grant it as it stands.
 */
@Service
public class SimulationService {

    private static final Logger log = LoggerFactory.getLogger(SimulationService.class);
    private static final Duration FLUSH_EVERY = Duration.ofMillis(250);
    private static final int FLUSH_CHANGES = 1000;

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
    private final DecisionHistory decisions;
    private final Portfolio portfolio;
    private final Simulations simulations;
    private final SimulationProperties properties;
    private final JsonMapper json;
    private final StoredJson stored;
    private final Clock clock;
    private final ExecutorService jobs;
    /** The simulations this instance runs (or has queued), which its heartbeat keeps alive. */
    private final Set<UUID> active = ConcurrentHashMap.newKeySet();
    private final ExecutorService workers;

    SimulationService(PolicyCandidates candidates, DecisionHistory decisions, Portfolio portfolio,
            Simulations simulations, SimulationProperties properties, JsonMapper json, StoredJson stored, Clock clock) {
        this.candidates = candidates;
        this.decisions = decisions;
        this.portfolio = portfolio;
        this.simulations = simulations;
        this.properties = properties;
        this.json = json;
        this.stored = stored;
        this.clock = clock;
        this.jobs = Executors.newFixedThreadPool(Math.max(1, properties.concurrentJobs()),
                Thread.ofPlatform().name("simulation-", 1).daemon().factory());
        this.workers = Executors.newFixedThreadPool(properties.workers(),
                Thread.ofPlatform().name("simulation-worker-", 1).daemon().factory());
    }

    @PreDestroy
    void stop() {
        jobs.shutdownNow();
        workers.shutdownNow();
    }

    /** Keeps this instance's simulations alive and fails those an instance that stopped left running. */
    @Scheduled(fixedDelayString = "${arbiter.simulation.heartbeat:15s}")
    void heartbeat() {
        simulations.beat(Set.copyOf(active));
        for (UUID abandoned : simulations.failAbandoned(properties.heartbeat().multipliedBy(4), clock.instant())) {
            log.warn("Simulation {} was left running by an instance that stopped: marked FAILED", abandoned);
        }
    }

    /** Starts a simulation of this version over this population; it runs in the background. */
    public SimulationView start(UUID versionId, SimulationRequest request, String requestedBy) {
        String version = candidates.version(versionId).orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND,
                "policy-version-not-found", "Policy version not found", "No policy version has id " + versionId));
        Map<String, Object> population = population(request);
        Candidate baseline = candidates.active();
        UUID id = UUID.randomUUID();
        simulations.prune(properties.keptJobs());
        active.add(id);
        simulations.insert(id, versionId, version, baseline.version(), baseline.currency(),
                json.writeValueAsString(population), requestedBy, clock.instant());
        jobs.submit(() -> {
            try {
                run(id, versionId, request, baseline);
            } finally {
                active.remove(id);
            }
        });
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
    void forEachChange(UUID versionId, UUID id, java.util.function.Consumer<Simulations.ChangeRow> each) {
        simulations.find(versionId, id).orElseThrow(() -> notFound(versionId, id));
        simulations.forEachChange(id, properties.fetchSize(), each);
    }

    Currency currencyOf(UUID versionId, UUID id) {
        return Currency.getInstance(simulations.find(versionId, id).orElseThrow(() -> notFound(versionId, id)).currency());
    }

    private void run(UUID id, UUID versionId, SimulationRequest request, Candidate baseline) {
        Run run = null;
        try {
            Candidate candidate = candidates.compile(versionId);
            Currency currency = Currency.getInstance(baseline.currency());
            LocalDate today = LocalDate.now(clock);
            if (request.isPortfolio()) {
                simulations.started(id, candidate.version(), portfolio.count(), clock.instant());
                Run portfolioRun = new Run(id, batch -> assessPortfolio(batch, candidate, baseline, today));
                run = portfolioRun;
                portfolio.forEach(currency.getCurrencyCode(), today, properties.fetchSize(), portfolioRun::accept);
            } else {
                DecisionHistory.Selection selection = selection(request);
                simulations.started(id, candidate.version(), decisions.count(selection), clock.instant());
                Run decisionRun = new Run(id, batch -> redecide(batch, candidate, baseline));
                run = decisionRun;
                decisions.forEach(selection, properties.fetchSize(), decisionRun::accept);
            }
            run.finish();
            simulations.finish(id, SimulationState.DONE, summary(run, currency), null, clock.instant());
            log.info("Simulation {} done: {} replayed, {} changed", id, run.tally.subjects(), run.tally.changed());
        } catch (Cancelled e) {
            Run cancelled = Objects.requireNonNull(run);
            cancelled.abandon();
            simulations.finish(id, SimulationState.CANCELLED,
                    summary(cancelled, Currency.getInstance(baseline.currency())), null, clock.instant());
            log.info("Simulation {} cancelled after {} replayed", id, cancelled.tally.subjects());
        } catch (ProblemException e) {
            abandon(run);
            simulations.finish(id, SimulationState.FAILED, null, e.toProblemDetail().getDetail(), clock.instant());
        } catch (RuntimeException | Error e) {
            abandon(run);
            log.error("Simulation {} failed", id, e);
            simulations.finish(id, SimulationState.FAILED, null,
                    "The simulation stopped on an unexpected error (" + e.getClass().getSimpleName() + "); see the log",
                    clock.instant());
        }
    }

    private static void abandon(@Nullable Run run) {
        if (run != null) {
            run.abandon();
        }
    }

    private String summary(Run run, Currency currency) {
        return json.writeValueAsString(run.tally.summary(currency));
    }

    private Batch redecide(List<Object> subjects, Candidate candidate, Candidate baseline) {
        Batch batch = new Batch();
        for (Object subject : subjects) {
            DecisionHistory.StoredDecision decision = (DecisionHistory.StoredDecision) subject;
            Replay.Answer after = Replay.Answer.of(candidate.evaluate(decision.facts()));
            Replay.Answer before = decision.policyVersion().equals(baseline.version())
                    ? new Replay.Answer(decision.outcome(), decision.grantedLimit(), decision.segment(),
                            decision.riskClass(), null, decision.reasonsJson())
                    : Replay.Answer.of(baseline.evaluate(decision.facts()));
            batch.add(new Replay.Change(decision.decisionId(), decision.registrationNumber(), decision.policyVersion(),
                    before, after));
        }
        return batch;
    }

    private Batch assessPortfolio(List<Object> subjects, Candidate candidate, Candidate baseline, LocalDate today) {
        List<String> companies = subjects.stream().map(s -> ((Portfolio.Customer) s).companyKey())
                .filter(Objects::nonNull).toList();
        Map<String, Applicant> latest = decisions.latestFacts(companies);
        Batch batch = new Batch();
        for (Object subject : subjects) {
            Portfolio.Customer customer = (Portfolio.Customer) subject;
            Applicant latestFacts = customer.companyKey() == null ? null : latest.get(customer.companyKey());
            Applicant applicant = applicant(customer, latestFacts, today);
            batch.add(new Replay.Change(null, applicant.registrationNumber(), null,
                    Replay.Answer.of(baseline.evaluate(applicant)), Replay.Answer.of(candidate.evaluate(applicant))));
        }
        return batch;
    }

    /**
     * The customer as it stands, with no order, built the one way dunning builds it too ({@link StandingApplicants}):
     * its latest decision's facts with today's ledger exposure, or, never decided, what the ledger knows. No bureau
     * report is fetched and no pool asked for a simulation.
     */
    static Applicant applicant(Portfolio.Customer customer, @Nullable Applicant latest, LocalDate today) {
        return StandingApplicants.applicant(new StandingApplicants.Standing(customer.account(),
                customer.registrationNumber(), customer.country(), customer.publicSector(), customer.customerSince(),
                customer.paymentTermsDays(), customer.openReceivables(), customer.overdue(), customer.ordersBacklog(),
                false), latest, null, PoolSignal.noPoolData("a simulation asks no pool"), today);
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

    private DecisionHistory.Selection selection(SimulationRequest request) {
        if (request.last() != null) {
            return new DecisionHistory.Selection(null, null, request.last());
        }
        return new DecisionHistory.Selection(
                request.from() == null ? null : request.from().atStartOfDay(clock.getZone()).toInstant(),
                request.to() == null ? null : request.to().plusDays(1).atStartOfDay(clock.getZone()).toInstant(), null);
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

    /** Thrown on the streaming thread when the requester cancelled: it unwinds the database cursor. */
    private static final class Cancelled extends RuntimeException {
        Cancelled() {
            super(null, null, false, false);
        }
    }

    /** What a worker found in one batch. */
    private static final class Batch {
        final Replay.Tally tally = new Replay.Tally();
        final List<Replay.Change> changes = new ArrayList<>();

        void add(Replay.Change change) {
            tally.add(change.before(), change.after());
            if (change.after().differsFrom(change.before())) {
                changes.add(change);
            }
        }
    }

    /**
     * One simulation's streaming side: rows are gathered into batches handed to the workers, at most two per worker in
     * flight so that reading never runs ahead of evaluating, and results are taken back in order. Changes and progress
     * are written at most every {@link #FLUSH_EVERY}, which is also how often a cancel is seen.
     */
    private final class Run {
        private final UUID id;
        private final java.util.function.Function<List<Object>, Batch> evaluate;
        private final Deque<Future<Batch>> pending = new ArrayDeque<>();
        private final Replay.Tally tally = new Replay.Tally();
        private final List<Replay.Change> unwritten = new ArrayList<>();
        private List<Object> batch;
        private long written;
        private long flushedNanos;

        Run(UUID id, java.util.function.Function<List<Object>, Batch> evaluate) {
            this.id = id;
            this.evaluate = evaluate;
            this.batch = new ArrayList<>(properties.batchSize());
            this.flushedNanos = System.nanoTime();
        }

        void accept(Object subject) {
            batch.add(subject);
            if (batch.size() >= properties.batchSize()) {
                dispatch();
            }
        }

        void finish() {
            dispatch();
            while (!pending.isEmpty()) {
                collect();
            }
            flush();
        }

        void abandon() {
            pending.forEach(future -> future.cancel(true));
            pending.clear();
        }

        private void dispatch() {
            if (batch.isEmpty()) {
                return;
            }
            List<Object> full = batch;
            batch = new ArrayList<>(properties.batchSize());
            pending.add(workers.submit(() -> evaluate.apply(full)));
            while (pending.size() > 2 * properties.workers()) {
                collect();
            }
        }

        private void collect() {
            Batch done;
            try {
                done = pending.poll().get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Cancelled();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
            }
            tally.merge(done.tally);
            unwritten.addAll(done.changes);
            if (unwritten.size() >= FLUSH_CHANGES || System.nanoTime() - flushedNanos >= FLUSH_EVERY.toNanos()) {
                flush();
            }
        }

        private void flush() {
            Instant now = clock.instant();
            boolean cancelRequested = simulations.progress(id, tally.subjects(), tally.changed(), written, unwritten, now);
            written += unwritten.size();
            unwritten.clear();
            flushedNanos = System.nanoTime();
            if (cancelRequested) {
                throw new Cancelled();
            }
        }
    }
}
