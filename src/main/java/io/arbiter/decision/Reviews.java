package io.arbiter.decision;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.arbiter.decision.storage.CreditDecisions;
import io.arbiter.decision.storage.ReviewVerdicts;
import io.arbiter.policy.Outcome;
import io.arbiter.shared.Money;
import io.arbiter.shared.ProblemException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The review queue: decisions the policy sent to a person, oldest first, and the verdicts people give on them. A
 * verdict is appended beside the decision (never written into it) and published as {@link DecisionReviewed} in the
 * same transaction, so that the order system hears of it.
 */
@Service
public class Reviews {

    static final int MAX_COMMENT = 2000;

    private final CreditDecisionService decisions;
    private final DecisionHistory history;
    private final ReviewVerdicts verdicts;
    private final CreditDecisions records;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Reviews(CreditDecisionService decisions, DecisionHistory history, ReviewVerdicts verdicts,
            CreditDecisions records, ApplicationEventPublisher events, Clock clock, MeterRegistry meters) {
        this.decisions = decisions;
        this.history = history;
        this.verdicts = verdicts;
        this.records = records;
        this.events = events;
        this.clock = clock;
        Gauge.builder("arbiter.reviews.oldest.pending", this, reviews -> reviews.backlog().oldestAge().toSeconds())
                .baseUnit("seconds").description("Age of the oldest decision waiting for a review verdict (0 when none waits)")
                .register(meters);
        Gauge.builder("arbiter.reviews.pending", this, reviews -> reviews.backlog().count())
                .description("Decisions waiting for a review verdict").register(meters);
    }

    /** One decision waiting for a verdict, with the customer's name as its order system sent it. */
    public record Pending(CreditDecision decision, @Nullable String customerName, Duration age) {
    }

    /** A page of the queue; {@code next} is the cursor of the following page, null on the last. */
    public record Page(List<Pending> items, @Nullable String next) {
    }

    /** How many decisions wait, and how long the oldest has waited. */
    public record Backlog(long count, Duration oldestAge) {
    }

    /** A decision with its verdict, if any: what a reviewer looks at. */
    public java.util.Optional<CreditDecision> find(UUID decisionId) {
        return decisions.find(decisionId);
    }

    public Backlog backlog() {
        ReviewVerdicts.Backlog backlog = verdicts.backlog();
        return new Backlog(backlog.count(), backlog.oldest() == null ? Duration.ZERO
                : Duration.between(backlog.oldest(), clock.instant()));
    }

    /**
     * Decisions waiting for a verdict, oldest first (the review queue of {@link DecisionHistory}); {@code cursor} is a
     * page's {@code next}.
     */
    public Page pending(int limit, @Nullable String cursor) {
        var page = history.list(new DecisionHistory.Filter(null, Outcome.REVIEW, null, null, null), true, limit, cursor);
        Map<UUID, String> names = verdicts.customerNames(page.items());
        Instant now = clock.instant();
        return new Page(page.items().stream().map(decision -> new Pending(decision, names.get(decision.decisionId()),
                Duration.between(decision.decidedAt(), now))).toList(), page.next());
    }

    /**
     * Records {@code reviewer}'s verdict on a decision under review. 404 for an unknown decision, 409 when it is not
     * under review or already has a verdict, 400 for a verdict, amount or comment that cannot be recorded.
     */
    @Transactional
    public CreditDecision review(UUID decisionId, VerdictRequest request, String reviewer) {
        CreditDecision decision = decisions.find(decisionId).orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND,
                "decision-not-found", "Decision not found", "No decision has id " + decisionId));
        if (decision.outcome() != Outcome.REVIEW) {
            throw new ProblemException(HttpStatus.CONFLICT, "not-under-review", "Decision not under review",
                    "Decision " + decisionId + " is " + decision.outcome() + ": only REVIEW decisions take a verdict");
        }
        if (decision.review() != null) {
            throw alreadyReviewed(decision);
        }
        ReviewVerdict verdict = verdict(request, decision.exposure().order().currency(), reviewer);
        if (!verdicts.insert(decisionId, verdict)) {
            throw alreadyReviewed(decisions.find(decisionId).orElseThrow());
        }
        events.publishEvent(new DecisionReviewed(UUID.randomUUID(), decisionId, decision.requestId(),
                decision.registrationNumber(), records.askedBy(decisionId).orElse(null), verdict));
        return decision.withReview(verdict);
    }

    private ReviewVerdict verdict(VerdictRequest request, Currency currency, String reviewer) {
        ReviewVerdict.Verdict kind;
        try {
            kind = ReviewVerdict.Verdict.valueOf(request.verdict() == null ? "" : request.verdict().strip());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("verdict", "verdict must be APPROVE, REJECT or APPROVE_UP_TO (was '"
                    + request.verdict() + "')", "must be APPROVE, REJECT or APPROVE_UP_TO");
        }
        Money amount = null;
        if (kind == ReviewVerdict.Verdict.APPROVE_UP_TO) {
            BigDecimal value = request.amount() == null ? null : request.amount().amount();
            if (value == null || value.signum() <= 0 || value.scale() > currency.getDefaultFractionDigits()) {
                throw ProblemException.invalidField("amount.amount", "APPROVE_UP_TO needs the amount approved, above zero"
                        + " with at most " + currency.getDefaultFractionDigits() + " decimals",
                        "is required above zero for APPROVE_UP_TO");
            }
            String code = request.amount().currency();
            if (code != null && !code.strip().equals(currency.getCurrencyCode())) {
                throw ProblemException.invalidField("amount.currency", "the amount must be in the order's currency, "
                        + currency.getCurrencyCode(), "must be the order's currency, " + currency.getCurrencyCode());
            }
            amount = Money.of(value, currency);
        } else if (request.amount() != null && request.amount().amount() != null) {
            throw ProblemException.invalidField("amount", "only APPROVE_UP_TO takes an amount", "only for APPROVE_UP_TO");
        }
        String comment = request.comment() == null || request.comment().isBlank() ? null : request.comment().strip();
        if (comment != null && comment.length() > MAX_COMMENT) {
            throw ProblemException.invalidField("comment", "comment is longer than " + MAX_COMMENT + " characters",
                    "is longer than " + MAX_COMMENT + " characters");
        }
        // Microseconds, as PostgreSQL keeps it: the verdict answered, read back and sent to the order system say one time.
        return new ReviewVerdict(kind, amount, comment, reviewer, clock.instant().truncatedTo(ChronoUnit.MICROS));
    }

    private static ProblemException alreadyReviewed(CreditDecision decision) {
        ReviewVerdict verdict = decision.review();
        return new ProblemException(HttpStatus.CONFLICT, "already-reviewed", "Decision already reviewed",
                "Decision " + decision.decisionId() + " already has the verdict " + verdict.verdict() + " by "
                        + verdict.reviewedBy() + " at " + verdict.reviewedAt() + "; verdicts are never replaced",
                Map.of("review", verdict));
    }
}
