package io.arbiter.decision;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.Currency;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import io.arbiter.bureau.SolvencyLookup;
import io.arbiter.bureau.SolvencyService;
import io.arbiter.decision.storage.CreditDecisions;
import io.arbiter.decision.storage.RecordCompression;
import io.arbiter.decision.storage.ReviewVerdicts;
import io.arbiter.insight.PaymentBehaviours;
import io.arbiter.ledger.Exposures;
import io.arbiter.ledger.LegalEntities;
import io.arbiter.policy.Applicant;
import io.arbiter.policy.Outcome;
import io.arbiter.policy.PolicyEngine;
import io.arbiter.policy.PolicyEvaluation;
import io.arbiter.pool.PoolSignal;
import io.arbiter.pool.PoolSignals;
import io.arbiter.shared.BusinessDates;
import io.arbiter.shared.Deadline;
import io.arbiter.shared.ProblemException;
import io.arbiter.shared.RegistrationNumbers;
import io.arbiter.shared.Sha256;
import io.arbiter.shared.StoredJson;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Decides on orders. A decision is stored before it is answered, and a request id answers the same decision for ever:
 * a retry after a timeout never decides twice, even when two retries race.
 */
@Service
public class CreditDecisionService {

    private static final Logger log = LoggerFactory.getLogger(CreditDecisionService.class);

    /**
     * @param json the decision as stored and answered, UTF-8 JSON
     * @param created false when the request id had already been decided and the stored decision is returned
     */
    public record Result(CreditDecision decision, byte[] json, boolean created) {
    }

    /** JSON values compared as values: numbers by their amount, whatever their scale. */
    private static final Comparator<JsonNode> SAME_VALUE = (a, b) -> a.isNumber() && b.isNumber()
            ? a.decimalValue().compareTo(b.decimalValue())
            : a.equals(b) ? 0 : 1;

    private final PolicyEngine policy;
    private final SolvencyService bureau;
    private final CreditDecisions decisions;
    private final JsonMapper json;
    private final StoredJson stored;
    private final Clock clock;
    /** One counter per outcome, looked up once: a registry lookup per decision hashes its tags every time. */
    private final Map<Outcome, Counter> decided = new EnumMap<>(Outcome.class);
    private final Exposures exposures;
    private final PaymentBehaviours behaviours;
    private final PoolSignals pool;
    private final DecisionProperties properties;
    /** Asks the pool while the bureau is asked: both wait within the same budget. */
    private final ExecutorService outside = Executors.newVirtualThreadPerTaskExecutor();
    private final org.springframework.beans.factory.ObjectProvider<StandingLimitSource> standingLimits;
    /** The limits module's source, once resolved: asking the bean factory on every decision costs a dependency lookup. */
    private volatile @Nullable Optional<StandingLimitSource> limitSource;
    /** Writers bound to their type once, rather than the mapper finding the root serializer on every call. */
    private final ObjectWriter requests;
    private final ObjectWriter facts;
    private final ObjectWriter answers;

    private final ReviewVerdicts verdicts;
    private final LegalEntities entities;

    CreditDecisionService(PolicyEngine policy, SolvencyService bureau, CreditDecisions decisions, JsonMapper json,
            StoredJson stored, Clock clock, MeterRegistry meters, Exposures exposures, PaymentBehaviours behaviours,
            PoolSignals pool, org.springframework.beans.factory.ObjectProvider<StandingLimitSource> standingLimits,
            DecisionProperties properties, ReviewVerdicts verdicts, LegalEntities entities) {
        this.verdicts = verdicts;
        this.entities = entities;
        this.policy = policy;
        this.bureau = bureau;
        this.decisions = decisions;
        this.json = json;
        this.stored = stored;
        this.clock = clock;
        for (Outcome outcome : Outcome.values()) {
            decided.put(outcome, meters.counter("arbiter.decisions", "outcome", outcome.name()));
        }
        this.exposures = exposures;
        this.behaviours = behaviours;
        this.pool = pool;
        this.standingLimits = standingLimits;
        this.properties = properties;
        this.requests = json.writerFor(CreditDecisionRequest.class);
        this.facts = json.writerFor(Applicant.class);
        this.answers = json.writerFor(CreditDecision.class);
    }

    private @Nullable StandingLimitSource standingLimits() {
        Optional<StandingLimitSource> source = limitSource;
        if (source == null) {
            source = Optional.ofNullable(standingLimits.getIfAvailable());
            limitSource = source;
        }
        return source.orElse(null);
    }

    /**
     * @param askedBy who asks: the name of the caller's API key (an order system) or a person's username; the order
     *                system whose webhook hears of a review verdict given later on this decision
     */
    public Result decide(CreditDecisionRequest request, @Nullable String askedBy) {
        Currency currency = currencyOf(request.order().currency());
        checkOverdue(request.exposure());
        if (request.order().date() != null) {
            BusinessDates.within("order.date", request.order().date());
        }
        if (request.customer().customerSince() != null) {
            BusinessDates.within("customer.customerSince", request.customer().customerSince());
        }
        RegistrationNumbers.CompanyId company = RegistrationNumbers.normalise(request.customer().country(),
                request.customer().registrationNumber(), "customer.registrationNumber");
        checkEntity(request.order().entity());
        byte[] requestJson = requests.writeValueAsBytes(request);
        String requestHash = Sha256.hex(requestJson);
        // Not looked up first: a request id is almost always new, and the insert below finds the rare retry for free
        // (its key row exists), which then gets the stored decision. A retry is decided again before being answered the
        // stored one, at the cost of one evaluation; every first request saves a round trip to the database.

        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, clock.getZone());
        String country = request.customer().country();
        String number = company.registrationNumber();
        Deadline deadline = Deadline.in(properties.outsideBudget());
        CompletableFuture<PoolSignal> poolAnswer = CompletableFuture.supplyAsync(
                () -> pool.signalFor(country, number, deadline), outside);
        SolvencyLookup solvency = bureau.lookup(company.company(), country, deadline);
        Optional<Exposures.CustomerExposure> exposure = request.exposure() == null ? exposures.of(country, number, today)
                : Optional.empty();
        // The ledger's invoices tell whether the customer's terms exceed the legal maximum, whatever the request says.
        List<Long> ledgerCustomers = exposure.map(Exposures.CustomerExposure::customerIds)
                .orElseGet(() -> request.exposure() == null ? List.of() : exposures.customerIds(country, number));
        OrderApplicants.Ledger ledger = new OrderApplicants.Ledger(exposure,
                request.paymentHistory() == null ? behaviours.of(country, number, today) : Optional.empty(),
                exposures.termsBeyondLegalMaximum(ledgerCustomers));
        PoolSignal poolSignal = poolAnswer.join();
        StandingLimitSource limits = standingLimits();
        StandingLimitSource.Terms terms = limits == null ? StandingLimitSource.Terms.NONE
                : limits.termsFor(request.order().entity(), company.country(), company.company(),
                        request.order().date() == null ? today : request.order().date());
        Applicant applicant = OrderApplicants.applicant(request, company, solvency, today, ledger, currency, poolSignal, terms);
        PolicyEvaluation evaluation = policy.evaluate(applicant, terms.standing());
        CreditDecision decision = DecisionAnswers.decision(request, company, solvency, applicant, evaluation, currency, now, ledger,
                poolSignal);

        // Serialised once: the bytes stored are the bytes answered (the controller sends them as they are).
        byte[] response = answers.writeValueAsBytes(decision);
        var documents = new CreditDecisions.Documents(RecordCompression.pack(requestJson),
                RecordCompression.pack(facts.writeValueAsBytes(applicant)), RecordCompression.pack(response));
        if (!decisions.insert(decision, company.country() + ":" + company.company(), requestHash, documents, askedBy)) {
            return replay(request, decisions.findByRequestId(request.requestId()).orElseThrow(), requestHash);
        }
        decided.get(decision.outcome()).increment();
        try (var ignored = MDC.putCloseable("decisionId", decision.decisionId().toString())) {
            log.info("Decision {} on request {}: {} for {} (segment {}, class {}, policy {})", decision.decisionId(),
                    decision.requestId(), decision.outcome(), decision.registrationNumber(), decision.segment(),
                    decision.riskClass(), decision.policyVersion());
        }
        return new Result(decision, response, true);
    }

    /** A stored decision, with the review verdict given on it since, if any. */
    public Optional<CreditDecision> find(UUID decisionId) {
        return decisions.findResponse(decisionId).map(this::read)
                .map(decision -> decision.withReview(verdicts.find(decisionId).orElse(null)));
    }

    /**
     * The decision's JSON: the bytes stored and answered when no verdict was given on it since; with a verdict, the
     * decision and its review.
     */
    public Optional<byte[]> findJson(UUID decisionId) {
        Optional<ReviewVerdict> verdict = verdicts.find(decisionId);
        if (verdict.isEmpty()) {
            return decisions.findResponse(decisionId);
        }
        return decisions.findResponse(decisionId).map(this::read)
                .map(decision -> json.writeValueAsBytes(decision.withReview(verdict.get())));
    }

    private Result replay(CreditDecisionRequest request, CreditDecisions.Stored stored, String requestHash) {
        String requestId = request.requestId();
        if (!stored.requestHash().equals(requestHash) && !sameQuestion(stored.request(), request)) {
            throw new ProblemException(HttpStatus.CONFLICT, "request-id-reused", "Request id already used",
                    "requestId '" + requestId + "' was already decided for a different request; use a new requestId"
                            + " for a new question, or resend exactly the same body to get the stored decision",
                    Map.of("errors", List.of(Map.of("field", "requestId", "message", "already used for a different request"))));
        }
        return new Result(read(stored.response()), stored.response(), false);
    }

    /**
     * The fingerprint is of the request as written, where 18000 and 18000.00 differ: a retry whose client writes the
     * same amounts with their cents asks the same question and must get the stored decision, not a conflict.
     */
    private boolean sameQuestion(String storedRequest, CreditDecisionRequest request) {
        JsonNode before = json.valueToTree(stored.read(storedRequest, CreditDecisionRequest.class));
        return before.equals(SAME_VALUE, json.valueToTree(request));
    }

    private Currency currencyOf(String code) {
        Currency currency;
        try {
            currency = Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
                    "order.currency '" + code + "' is not an ISO 4217 currency code",
                    Map.of("errors", List.of(Map.of("field", "order.currency", "message", "unknown currency '" + code + "'"))));
        }
        Currency policyCurrency = Currency.getInstance(policy.active().currency());
        if (!currency.equals(policyCurrency)) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "unsupported-currency", "Unsupported currency",
                    "The credit policy's limits are in " + policyCurrency + "; convert the order and exposure to "
                            + policyCurrency + " before asking (order.currency was " + code + ")",
                    Map.of("errors", List.of(Map.of("field", "order.currency", "message", "must be " + policyCurrency))));
        }
        return currency;
    }

    /** An order for an entity the ledger does not know would silently find no standing limit: refused instead. */
    private void checkEntity(@Nullable String entity) {
        if (entity != null && entities.find(entity).isEmpty()) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "unknown-entity", "Unknown legal entity",
                    "order.entity '" + entity + "' is not a legal entity of the ledger (GET /api/v1/ledger/entities lists"
                            + " them); leave it out when the ledger has a single one",
                    Map.of("errors", List.of(Map.of("field", "order.entity", "message", "unknown legal entity '" + entity + "'"))));
        }
    }

    /**
     * The overdue receivables are part of the open ones. More overdue than open is a mistake in the request: decided
     * on, it made the overdue share absurd (beyond the range of a percentage, even negative) and the hard stop on half
     * the receivables overdue silently let the order through.
     */
    private static void checkOverdue(CreditDecisionRequest.@Nullable Exposure exposure) {
        if (exposure == null || exposure.overdue() == null || exposure.overdue().compareTo(exposure.openReceivables()) <= 0) {
            return;
        }
        String message = "must not exceed exposure.openReceivables (" + exposure.openReceivables().toPlainString()
                + "), of which it is the part past its due date";
        throw ProblemException.invalidField("exposure.overdue", "exposure.overdue (" + exposure.overdue().toPlainString()
                + ") " + message, message);
    }

    private CreditDecision read(byte[] response) {
        return stored.read(new String(response, StandardCharsets.UTF_8), CreditDecision.class);
    }
}
