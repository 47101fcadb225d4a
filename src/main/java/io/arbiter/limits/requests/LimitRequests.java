package io.arbiter.limits.requests;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.arbiter.decision.CreditDecision;
import io.arbiter.decision.CreditDecisionService;
import io.arbiter.ledger.Exposures;
import io.arbiter.ledger.LegalEntities;
import io.arbiter.ledger.LegalEntity;
import io.arbiter.limits.LimitsProperties;
import io.arbiter.limits.insurance.InsuranceCovers;
import io.arbiter.limits.standing.StandingLimits;
import io.arbiter.policy.ApprovalRule;
import io.arbiter.policy.LimitApproval;
import io.arbiter.policy.Outcome;
import io.arbiter.policy.PolicyEngine;
import io.arbiter.security.PortfolioGuard;
import io.arbiter.security.Role;
import io.arbiter.shared.Money;
import io.arbiter.shared.RegistrationNumbers;
import tools.jackson.databind.json.JsonMapper;

/**
 * Limit requests: made by a salesperson for a customer of their portfolio, by finance staff, or by the order system
 * after a decision it could not get approved; each shows the policy's proposal, the exposure and the insured cover, and
 * is routed by the approval matrix. Nothing is stored unless the whole request is valid.
 */
@Service
public class LimitRequests {

    private final RequestStore store;
    private final Proposals proposals;
    private final PolicyEngine policy;
    private final Exposures exposures;
    private final PortfolioGuard portfolios;
    private final StandingLimits limits;
    private final InsuranceCovers covers;
    private final CreditDecisionService decisions;
    private final LimitsProperties properties;
    private final JsonMapper json;
    private final Clock clock;
    private final LegalEntities entities;

    LimitRequests(RequestStore store, Proposals proposals, PolicyEngine policy, Exposures exposures,
            PortfolioGuard portfolios, StandingLimits limits, InsuranceCovers covers, CreditDecisionService decisions,
            LimitsProperties properties, JsonMapper json, Clock clock, LegalEntities entities) {
        this.entities = entities;
        this.store = store;
        this.proposals = proposals;
        this.policy = policy;
        this.exposures = exposures;
        this.portfolios = portfolios;
        this.limits = limits;
        this.covers = covers;
        this.decisions = decisions;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    @Transactional
    public LimitRequest create(NewLimitRequest request, Caller caller) {
        LocalDate today = LocalDate.now(clock);
        if (request.company() == null || blank(request.company().registrationNumber())) {
            throw Problems.invalid("company.registrationNumber", "is required");
        }
        String country = blank(request.company().country()) ? "FR" : request.company().country().strip().toUpperCase();
        RegistrationNumbers.CompanyId company = RegistrationNumbers.normalise(country,
                request.company().registrationNumber(), "company.registrationNumber");
        LegalEntity entity = entity(request.entity());
        Money amount = amount(request.amount(), entity);
        if (blank(request.justification())) {
            throw Problems.invalid("justification", "is required: say why the company needs this limit");
        }
        if (request.justification().length() > 2000) {
            throw Problems.invalid("justification", "is longer than 2000 characters");
        }
        LocalDate validUntil = request.validUntil() == null ? today.plusDays(properties.defaultValidity().toDays())
                : request.validUntil();
        if (!validUntil.isAfter(today) || validUntil.isAfter(today.plusDays(properties.maxValidity().toDays()))) {
            throw Problems.invalid("validUntil", "must be after today and at most " + properties.maxValidity().toDays()
                    + " days ahead (" + today.plusDays(properties.maxValidity().toDays()) + ")");
        }
        UUID decisionId = decision(request.decisionId(), caller, company);
        if (exposures.customerIds(company.country(), company.registrationNumber()).isEmpty()) {
            throw Problems.field(HttpStatus.UNPROCESSABLE_CONTENT, "unknown-company", "Unknown company",
                    "company.registrationNumber", "no customer of the ledger carries " + company.registrationNumber()
                            + " (" + company.country() + "); import the customer before asking for its limit");
        }
        portfolios.requireCompany(caller.scope(), company.country(), company.registrationNumber());

        Optional<Exposures.CurrencyExposure> exposure = exposures.of(company.country(), company.registrationNumber(), today)
                .flatMap(e -> e.forLimit(amount.currency()));
        Proposal proposal = proposals.propose(company.country(), company.company(), company.registrationNumber(), exposure, today);
        ApprovalRule rule = policy.approval(new LimitApproval(amount.amount(), proposal.segment(), proposal.riskClass()));
        // A matrix with a gap never lets a request through unapproved: a credit manager approves what no row covers.
        String role = rule.role() == null ? Role.CREDIT_MANAGER.name() : rule.role();
        var approval = new LimitRequest.Approval(role, rule.role() == null ? 1 : rule.approvers(), 0, rule.reason(),
                rule.policyVersion(), rule.problems());
        Money insured = covers.inForce(company.country(), company.company(), today).map(c -> c.coverOn(today)).orElse(null);
        Money current = limits.current(entity.code(), company.country(), company.company())
                .filter(StandingLimits.Standing::inForce).map(StandingLimits.Standing::amount).orElse(null);
        LimitRequest.Exposure exposed = exposure.map(e -> new LimitRequest.Exposure(e.openReceivables(), e.overdue(),
                e.ordersBacklog(), e.total())).orElse(null);
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        store.pendingFor(entity.code(), company.country(), company.company()).ifPresent(pending -> {
            throw pending(pending.toString());
        });
        try {
            store.insert(id, entity.code(), company, amount, validUntil, request.justification().strip(), caller, decisionId, approval,
                    json.writeValueAsString(proposal), exposed == null ? null : json.writeValueAsString(exposed), insured,
                    current, now, now.plus(properties.requestTtl()));
        } catch (DuplicateKeyException e) {
            throw pending("made a moment ago"); // another request for the company and entity won the race
        }
        return store.find(id).orElseThrow();
    }

    /** The request, if the caller may see it: a salesperson sees those of their portfolio only. */
    public LimitRequest find(UUID id, Caller caller) {
        LimitRequest request = store.find(id).orElseThrow(() -> notFound(id));
        if (caller.scope().isLimited()
                && !portfolios.coversCompany(caller.scope(), request.company().country(), request.company().registrationNumber())) {
            throw notFound(id);
        }
        return request;
    }

    public List<LimitRequest> list(@Nullable String status, RequestStore.@Nullable Cursor after, int limit, Caller caller) {
        List<String> keys = portfolios.companyKeys(caller.scope());
        return store.list(status, after, limit, keys);
    }

    /** Closes the requests nobody decided on in time; returns how many. */
    @Transactional
    public int expire() {
        List<UUID> expired = store.expire(clock.instant());
        for (UUID id : expired) {
            // The requester learns it as they would learn a verdict: an order system still waits on its order.
            LimitRequest request = store.find(id).orElseThrow();
            limits.unchanged("REQUEST_EXPIRED", id, request.entity(), request.company(),
                    RegistrationNumbers.normalise(request.company().country(), request.company().registrationNumber(),
                            "registrationNumber").company(),
                    "arbiter", "nobody decided on the request by " + request.expiresAt());
        }
        return expired.size();
    }

    private static io.arbiter.shared.ProblemException pending(String which) {
        return Problems.field(HttpStatus.CONFLICT, "limit-request-pending", "A request is already pending",
                "company.registrationNumber", "already has a pending limit request with this entity (" + which
                        + "); wait for its verdict or ask its approvers");
    }

    static ProblemNotFound notFound(UUID id) {
        return new ProblemNotFound(id);
    }

    /** A request that does not exist, or that the caller may not see: the same 404 either way. */
    static final class ProblemNotFound extends io.arbiter.shared.ProblemException {
        ProblemNotFound(UUID id) {
            super(HttpStatus.NOT_FOUND, "limit-request-not-found", "Limit request not found", "No limit request " + id);
        }
    }

    /** The supplier's legal entity the limit is for: named, or the ledger's only one. */
    private LegalEntity entity(@Nullable String code) {
        if (blank(code)) {
            return entities.only().orElseThrow(() -> {
                List<String> codes = entities.all().stream().map(LegalEntity::code).toList();
                return Problems.invalid("entity", codes.isEmpty()
                        ? "is required, and the ledger has no legal entity yet: import the entity's invoices first"
                        : "is required: the ledger has several legal entities ("
                                + String.join(", ", codes.size() > 10 ? codes.subList(0, 10) : codes)
                                + (codes.size() > 10 ? ", …" : "") + "), name the one whose sales the limit is for");
            });
        }
        return entities.find(code.strip()).orElseThrow(() -> Problems.field(HttpStatus.UNPROCESSABLE_CONTENT,
                "unknown-entity", "Unknown legal entity", "entity", "'" + code + "' is not a legal entity of the ledger"
                        + " (GET /api/v1/ledger/entities lists them)"));
    }

    private Money amount(NewLimitRequest.@Nullable Amount amount, LegalEntity entity) {
        if (amount == null || amount.amount() == null) {
            throw Problems.invalid("amount.amount", "is required");
        }
        if (blank(amount.currency())) {
            throw Problems.invalid("amount.currency", "is required");
        }
        Currency currency;
        try {
            currency = Currency.getInstance(amount.currency().strip().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw Problems.invalid("amount.currency", "'" + amount.currency() + "' is not an ISO 4217 currency code");
        }
        if (!currency.getCurrencyCode().equals(entity.currency())) {
            throw Problems.field(HttpStatus.UNPROCESSABLE_CONTENT, "unsupported-currency", "Unsupported currency",
                    "amount.currency", "must be " + entity.currency() + ": entity " + entity.code() + " invoices in "
                            + entity.currency() + ", not in " + currency);
        }
        if (!currency.equals(proposals.currency())) {
            throw Problems.field(HttpStatus.UNPROCESSABLE_CONTENT, "unsupported-currency", "Unsupported currency",
                    "amount.currency", "must be " + proposals.currency() + ", the currency of the credit policy's limits"
                            + " (entity " + entity.code() + " invoices in " + currency + ", which decisions cannot weigh)");
        }
        BigDecimal value = amount.amount();
        if (value.signum() <= 0) {
            throw Problems.invalid("amount.amount", "must be more than 0");
        }
        if (value.compareTo(properties.maxAmount()) > 0 || value.scale() > currency.getDefaultFractionDigits()) {
            throw Problems.invalid("amount.amount", value.compareTo(properties.maxAmount()) > 0
                    ? "must be at most " + properties.maxAmount().toPlainString() + " (arbiter.limits.max-amount)"
                    : "has more decimals than " + currency + " allows");
        }
        return Money.of(value, currency);
    }

    /** The order system asks after a decision on the same company that was not approved; others may name one too. */
    private @Nullable UUID decision(@Nullable String decisionId, Caller caller, RegistrationNumbers.CompanyId company) {
        boolean orderSystem = caller.roles().contains(Role.ORDER_SYSTEM);
        if (blank(decisionId)) {
            if (orderSystem) {
                throw Problems.invalid("decisionId", "is required from the order system: the REVIEW or REJECTED decision"
                        + " that the requested limit would change");
            }
            return null;
        }
        UUID id;
        try {
            id = UUID.fromString(decisionId.strip());
        } catch (IllegalArgumentException e) {
            throw Problems.invalid("decisionId", "'" + decisionId + "' is not a decision id (a UUID)");
        }
        CreditDecision decision = decisions.find(id).orElseThrow(() -> Problems.field(HttpStatus.UNPROCESSABLE_CONTENT,
                "unknown-decision", "Unknown decision", "decisionId", "no credit decision " + id));
        if (decision.outcome() == Outcome.APPROVED) {
            throw Problems.field(HttpStatus.UNPROCESSABLE_CONTENT, "decision-approved", "Decision already approved",
                    "decisionId", "decision " + id + " was APPROVED: a limit request follows a REVIEW or a REJECTED");
        }
        String decided = RegistrationNumbers.normalise(company.country(), decision.registrationNumber(), "decisionId").company();
        if (!decided.equals(company.company())) {
            throw Problems.field(HttpStatus.UNPROCESSABLE_CONTENT, "decision-of-another-company", "Decision of another company",
                    "decisionId", "decision " + id + " is on " + decision.registrationNumber() + ", not on this company");
        }
        return id;
    }

    private static boolean blank(@Nullable String value) {
        return value == null || value.isBlank();
    }
}
