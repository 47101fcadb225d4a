package io.arbiter.policy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;


import io.arbiter.shared.Money;

/**
 * Runs docs/architecture.md §3's pipeline over one compiled policy: segmentation → scoring → rating → credit limit → hard stops →
 * outcome. Each stage sees the applicant and the earlier stages' answers as immutable facts and writes only its own
 * result. A policy that leaves a stage without an answer, or whose rows disagree, never takes a decision down: the
 * decision goes to a person with a reason saying what is missing.
 */
public final class Pipeline {

    private static final String POLICY = "(policy)";
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Pipeline() {
    }

    public static PolicyEvaluation evaluate(CompiledPolicy policy, Applicant applicant, Given given) {
        return evaluate(policy, applicant, given, null);
    }

    /** The pipeline with a standing limit in force, which takes the place of the computed one (see {@link LimitComposition}). */
    public static PolicyEvaluation evaluate(CompiledPolicy policy, Applicant applicant, Given given,
            @org.jspecify.annotations.Nullable StandingLimit standing) {
        Currency currency = policy.currency();
        List<Reason> reasons = new ArrayList<>();

        Segment segment;
        if (given.segment() != null) {
            segment = new Segment(given.segment(), "");
        } else {
            SegmentationResult segmentation = run(policy, Stage.SEGMENTATION, reasons, applicant);
            segment = segmentation.segment() == null ? null
                    : new Segment(segmentation.segment(), segmentation.dunningPlan() == null ? "" : segmentation.dunningPlan());
            if (segment == null) {
                reasons.add(gap("NO_SEGMENT", "No segmentation row matches this customer."));
                segment = new Segment("UNSEGMENTED", "");
            }
        }

        ScoreCard scoreCard = run(policy, Stage.SCORING, reasons, applicant, segment);
        Score score = scoreCard.toScore();

        String riskClass = given.riskClass();
        if (riskClass == null) {
            RatingResult rating = run(policy, Stage.RATING, reasons, applicant, segment, score);
            riskClass = rating.riskClass();
            if (riskClass == null) {
                reasons.add(gap("NO_RISK_CLASS", "No risk-class row matches a score of " + score.total() + "."));
            }
        }
        Rating rating = new Rating(riskClass == null ? "" : riskClass);

        LimitResult limitResult = run(policy, Stage.CREDIT_LIMIT, reasons, applicant, segment, score, rating);
        if (limitResult.internal() == null) {
            reasons.add(gap("NO_LIMIT", "No credit-limit row matches segment " + segment.name() + " and risk class "
                    + (riskClass == null ? "(none)" : riskClass) + "; the internal limit is taken as 0."));
        }
        HardStopResult stops = run(policy, Stage.HARD_STOPS, reasons, applicant, segment, score, rating);

        LimitComposition limit = composeLimit(applicant, limitResult, currency, standing);
        Money existing = money(applicant.openReceivables(), currency).plus(money(applicant.ordersBacklog(), currency));
        Money exposure = existing.plus(money(applicant.orderAmount(), currency));
        boolean policyGap = reasons.stream().anyMatch(r -> POLICY.equals(r.table()));
        Outcome outcome = outcome(stops, policyGap, exposure, limit);
        return new PolicyEvaluation(policy.version(), outcome, segment, score, riskClass, limit, exposure,
                limit.granted().minus(existing), List.copyOf(reasons), summary(outcome, stops, policyGap, exposure, limit));
    }

    /** Segmentation, scoring and rating only: the plan and risk class dunning escalates by. */
    static DunningProfile profile(CompiledPolicy policy, Applicant applicant) {
        List<Reason> reasons = new ArrayList<>();
        SegmentationResult segmentation = run(policy, Stage.SEGMENTATION, reasons, applicant);
        Segment segment = new Segment(segmentation.segment() == null ? "UNSEGMENTED" : segmentation.segment(),
                segmentation.dunningPlan() == null ? "" : segmentation.dunningPlan());
        ScoreCard scoreCard = run(policy, Stage.SCORING, reasons, applicant, segment);
        Score score = scoreCard.toScore();
        RatingResult rating = run(policy, Stage.RATING, reasons, applicant, segment, score);
        return new DunningProfile(policy.version(), segment.dunningPlan(), rating.riskClass() == null ? "" : rating.riskClass());
    }

    /** The escalation rows that apply to a dunning case, ordered by step then spreadsheet row. */
    public static Escalation escalate(CompiledPolicy policy, DunningCase dunningCase) {
        List<Reason> fired = new ArrayList<>();
        EscalationResult result = run(policy, Stage.ESCALATION, fired, dunningCase);
        List<Reason> problems = new ArrayList<>(fired.stream().filter(reason -> POLICY.equals(reason.table())).toList());
        if (result.firedRules().isEmpty()) {
            problems.add(new Reason(POLICY, null, null, "NO_ESCALATION", "No escalation row matches plan '"
                    + dunningCase.dunningPlan() + "' and risk class '" + dunningCase.riskClass() + "'."));
        }
        List<EscalationStep> steps = result.rows().stream()
                .map(row -> new EscalationStep(row.step(), row.afterDueDays(), row.action(), row.channel(), row.template(),
                        row.confirm(), row.assignee(), policy.reasonOf(row.ruleKey())))
                .sorted(java.util.Comparator.comparingInt(EscalationStep::step)
                        .thenComparing(step -> step.reason().row() == null ? 0 : step.reason().row()))
                .toList();
        return new Escalation(policy.version(), dunningCase, steps, problems);
    }

    /** The approval matrix's row for a requested limit; a missing or ambiguous answer is a {@code (policy)} problem. */
    public static ApprovalRule approve(CompiledPolicy policy, LimitApproval request) {
        List<Reason> fired = new ArrayList<>();
        ApprovalResult result = run(policy, Stage.APPROVAL, fired, request);
        List<Reason> problems = new ArrayList<>(fired.stream().filter(reason -> POLICY.equals(reason.table())).toList());
        List<Reason> rows = fired.stream().filter(reason -> !POLICY.equals(reason.table())).toList();
        if (result.role() == null) {
            problems.add(new Reason(POLICY, null, null, "NO_APPROVER", "No approval-matrix row matches "
                    + request.requestedAmount().toPlainString() + " for segment '" + request.segment() + "' and risk class '"
                    + request.riskClass() + "'."));
        }
        return new ApprovalRule(policy.version(), request, result.role(), result.approvers(),
                rows.isEmpty() ? null : rows.getFirst(), List.copyOf(problems));
    }

    @SuppressWarnings("unchecked")
    private static <R extends StageResult> R run(CompiledPolicy policy, Stage stage, List<Reason> reasons, Object... facts) {
        R result = (R) stage.newResult();
        try {
            policy.sessions().get(stage).evaluate(result, facts);
        } catch (StageSessions.RuleLoopException e) {
            Reason rule = policy.reasonOf(e.ruleKey);
            reasons.add(gap("RULE_LOOP", "Rule " + (rule == null ? e.ruleKey : rule.ruleName() + " (" + rule.table()
                    + (rule.sheet() == null ? "" : "!" + rule.sheet()) + ", row " + rule.row() + ")") + " fired " + e.firings
                    + " times in one evaluation, so it was stopped: it loops."));
        } catch (RuntimeException | StackOverflowError e) {
            reasons.add(gap("RULE_FAILED", "A " + stage.name().toLowerCase().replace('_', ' ')
                    + " rule failed on this customer (" + rootMessage(e) + ")."));
        }
        for (String ruleKey : new java.util.LinkedHashSet<>(result.firedRules())) {
            reasons.add(policy.reasonOf(ruleKey));
        }
        for (String output : result.conflicts()) {
            reasons.add(gap("CONFLICT", "Several rows give the " + output + " different values; the first was kept."));
        }
        return result;
    }

    private static LimitComposition composeLimit(Applicant applicant, LimitResult result, Currency currency,
            @org.jspecify.annotations.Nullable StandingLimit standing) {
        Money internal = money(result.internal() == null ? BigDecimal.ZERO : result.internal(), currency);
        Money granted = standing == null ? internal : money(standing.amount().amount(), currency);
        String binding = standing == null ? "INTERNAL" : "STANDING";
        Money insurer = applicant.insurerCover() == null ? null : money(applicant.insurerCover(), currency);
        if (insurer != null && insurer.compareTo(granted) < 0) {
            granted = insurer;
            binding = "INSURER";
        }
        Money bureauLimit = applicant.bureauLimit() == null ? null : money(applicant.bureauLimit(), currency);
        BigDecimal factor = bureauLimit == null ? null : result.bureauFactor();
        Money bureauTerm = factor == null ? null : bureauLimit.times(factor);
        if (standing == null && bureauTerm != null && bureauTerm.compareTo(granted) < 0) {
            granted = bureauTerm;
            binding = "BUREAU";
        }
        return new LimitComposition(internal, insurer, bureauLimit, factor, bureauTerm, granted, binding,
                result.reviewTolerancePercent(), standing);
    }

    /** A hard stop that rejects wins; one that asks for a person, or a policy gap, sends the order to a person; else the limit decides. */
    private static Outcome outcome(HardStopResult stops, boolean policyGap, Money exposure, LimitComposition limit) {
        if (stops.isRejected()) {
            return Outcome.REJECTED;
        }
        if (stops.needsReview() || policyGap) {
            return Outcome.REVIEW;
        }
        if (exposure.compareTo(limit.granted()) <= 0) {
            return Outcome.APPROVED;
        }
        return withinTolerance(exposure, limit) ? Outcome.REVIEW : Outcome.REJECTED;
    }

    private static boolean withinTolerance(Money exposure, LimitComposition limit) {
        BigDecimal ceiling = limit.granted().amount()
                .multiply(BigDecimal.ONE.add(limit.reviewTolerancePercent().divide(HUNDRED)));
        return exposure.amount().compareTo(ceiling) <= 0;
    }

    private static String summary(Outcome outcome, HardStopResult stops, boolean policyGap, Money exposure,
            LimitComposition limit) {
        if (stops.isRejected()) {
            return "Rejected by a hard rule, whatever the limit; see reasons.";
        }
        String versusLimit = exposure.compareTo(limit.granted()) <= 0
                ? "Exposure with this order (" + exposure + ") is within the granted limit (" + limit.granted() + ")"
                : "Exposure with this order (" + exposure + ") exceeds the granted limit (" + limit.granted() + ")"
                        + (limit.granted().amount().signum() > 0 ? " by " + exposure.amount().subtract(limit.granted().amount())
                                .multiply(HUNDRED).divide(limit.granted().amount(), 1, RoundingMode.HALF_UP) + " %" : "");
        if (stops.needsReview() || policyGap) {
            return versusLimit + "; " + (policyGap ? "the policy did not answer every stage" : "a rule asks a person to review this order")
                    + ", see reasons.";
        }
        String tolerance = limit.reviewTolerancePercent().stripTrailingZeros().toPlainString() + " % review tolerance";
        return switch (outcome) {
            case APPROVED -> versusLimit + ".";
            case REVIEW -> versusLimit + ", within the " + tolerance + ".";
            case REJECTED -> versusLimit + ", beyond the " + tolerance + ".";
        };
    }

    private static Reason gap(String name, String description) {
        return new Reason(POLICY, null, null, name, description + " A person must review this decision.");
    }

    private static Money money(BigDecimal amount, Currency currency) {
        return Money.of(amount, currency);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
