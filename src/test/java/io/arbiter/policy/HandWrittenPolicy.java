package io.arbiter.policy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The shipped default policy ({@code decision-tables/segmentation.drl.xlsx}, {@code scoring.drl.xlsx},
 * {@code risk-classes.drl.csv}, {@code credit-limits.drl.xlsx} and {@code rules/hard-stops.drl}) written by hand as
 * plain Java branches and lookups, with no Drools anywhere.
 *
 * <p>It is the physical floor for {@code PipelineBenchmark}: what the same decisions cost without a rule engine. It is
 * a copy of the tables row by row (same conditions, {@code >= from} and {@code < below} boundaries, same outputs, same
 * rule names), so it MUST be changed together with the shipped tables and rules; {@link HandWrittenPolicyTest} fails
 * as soon as the two disagree on any of 10,000 generated customers.
 *
 * <p>Amounts are in EUR, rounded to cents exactly as {@link io.arbiter.shared.Money} rounds them.
 */
final class HandWrittenPolicy {

    /** What {@link Pipeline#evaluate} answers, reduced to the fields both can give. */
    record Decision(Outcome outcome, String segment, String dunningPlan, Map<String, Integer> points, int scoreTotal,
            @Nullable String riskClass, BigDecimal internalLimit, @Nullable BigDecimal bureauFactor,
            BigDecimal reviewTolerancePercent, BigDecimal grantedLimit, String binding, List<String> firedRules) {
    }

    private static final int CENTS = 2;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private HandWrittenPolicy() {
    }

    static Decision evaluate(Applicant a) {
        List<String> fired = new ArrayList<>(12);
        boolean policyGap = false;

        // segmentation.drl.xlsx, sheet Segmentation
        String segment;
        String dunningPlan;
        if (a.publicSector()) {
            fired.add("Segments_10");
            segment = "PUBLIC_SECTOR";
            dunningPlan = "PUBLIC_SECTOR";
        } else if (a.seniorityMonths() >= 0 && a.seniorityMonths() < 6) {
            fired.add("Segments_11");
            segment = "NEW_CUSTOMER";
            dunningPlan = "NEW_CUSTOMER";
        } else if (a.seniorityMonths() >= 6 && a.turnover() >= 50_000_000L) {
            fired.add("Segments_12");
            segment = "KEY_ACCOUNT";
            dunningPlan = "KEY_ACCOUNT";
        } else if (a.seniorityMonths() >= 6 && a.turnover() >= 2_000_000L && a.turnover() < 50_000_000L) {
            fired.add("Segments_13");
            segment = "SME";
            dunningPlan = "SME";
        } else if (a.seniorityMonths() >= 6 && a.turnover() < 2_000_000L) {
            fired.add("Segments_14");
            segment = "MICRO";
            dunningPlan = "MICRO";
        } else {
            fired.add("NO_SEGMENT");
            policyGap = true;
            segment = "UNSEGMENTED";
            dunningPlan = "";
        }

        // scoring.drl.xlsx, sheet Scoring: one table per criterion, in the sheet's order
        Map<String, Integer> points = new LinkedHashMap<>(8);
        int total = 0;
        if (a.bureauDataAvailable()) {
            int grade = a.bureauGrade();
            if (grade >= 80) {
                total += score(points, fired, "BureauGrade_10", "BUREAU_GRADE", 40);
            } else if (grade >= 60) {
                total += score(points, fired, "BureauGrade_11", "BUREAU_GRADE", 30);
            } else if (grade >= 40) {
                total += score(points, fired, "BureauGrade_12", "BUREAU_GRADE", 20);
            } else if (grade >= 20) {
                total += score(points, fired, "BureauGrade_13", "BUREAU_GRADE", 8);
            } else if (grade >= 0) {
                total += score(points, fired, "BureauGrade_14", "BUREAU_GRADE", 0);
            }
        } else {
            total += score(points, fired, "BureauGrade_15", "BUREAU_GRADE", 12);
        }
        if (a.paymentHistoryAvailable()) {
            int late = a.averageDaysLate();
            if (late >= 60) {
                total += score(points, fired, "PaymentBehaviour_26", "PAYMENT_BEHAVIOUR", 0);
            } else if (late >= 30) {
                total += score(points, fired, "PaymentBehaviour_25", "PAYMENT_BEHAVIOUR", 4);
            } else if (late >= 15) {
                total += score(points, fired, "PaymentBehaviour_24", "PAYMENT_BEHAVIOUR", 10);
            } else if (late >= 5) {
                total += score(points, fired, "PaymentBehaviour_23", "PAYMENT_BEHAVIOUR", 18);
            } else if (late >= 0) {
                total += score(points, fired, "PaymentBehaviour_22", "PAYMENT_BEHAVIOUR", 25);
            }
        } else {
            total += score(points, fired, "PaymentBehaviour_27", "PAYMENT_BEHAVIOUR", 12);
        }
        int seniority = a.seniorityMonths();
        if (seniority >= 60) {
            total += score(points, fired, "Seniority_37", "SENIORITY", 15);
        } else if (seniority >= 24) {
            total += score(points, fired, "Seniority_36", "SENIORITY", 10);
        } else if (seniority >= 6) {
            total += score(points, fired, "Seniority_35", "SENIORITY", 5);
        } else if (seniority >= 0) {
            total += score(points, fired, "Seniority_34", "SENIORITY", 0);
        }
        int disputes = a.openDisputes();
        if (disputes >= 3) {
            total += score(points, fired, "Disputes_46", "DISPUTES", 0);
        } else if (disputes >= 1) {
            total += score(points, fired, "Disputes_45", "DISPUTES", 5);
        } else if (disputes >= 0) {
            total += score(points, fired, "Disputes_44", "DISPUTES", 10);
        }
        if (a.bureauDataAvailable()) {
            int remarks = a.paymentRemarks();
            if (remarks >= 3) {
                total += score(points, fired, "PaymentRemarks_55", "PAYMENT_REMARKS", 0);
            } else if (remarks >= 1) {
                total += score(points, fired, "PaymentRemarks_54", "PAYMENT_REMARKS", 4);
            } else if (remarks >= 0) {
                total += score(points, fired, "PaymentRemarks_53", "PAYMENT_REMARKS", 10);
            }
        } else {
            total += score(points, fired, "PaymentRemarks_56", "PAYMENT_REMARKS", 5);
        }
        if (a.poolSignalAvailable()) {
            int lateShare = a.poolLateSharePercent();
            if (lateShare >= 60) {
                total += score(points, fired, "PoolSignal_66", "POOL_SIGNAL", -20);
            } else if (lateShare >= 30) {
                total += score(points, fired, "PoolSignal_65", "POOL_SIGNAL", -10);
            } else if (lateShare >= 10) {
                total += score(points, fired, "PoolSignal_64", "POOL_SIGNAL", 0);
            } else if (lateShare >= 0) {
                total += score(points, fired, "PoolSignal_63", "POOL_SIGNAL", 5);
            }
        } else {
            total += score(points, fired, "PoolSignal_67", "POOL_SIGNAL", 0);
        }
        total = Math.clamp(total, 0, 100);

        // risk-classes.drl.csv
        String riskClass;
        if (total >= 80) {
            fired.add("RiskClasses_10");
            riskClass = "A";
        } else if (total >= 65) {
            fired.add("RiskClasses_11");
            riskClass = "B";
        } else if (total >= 50) {
            fired.add("RiskClasses_12");
            riskClass = "C";
        } else if (total >= 35) {
            fired.add("RiskClasses_13");
            riskClass = "D";
        } else {
            fired.add("RiskClasses_14");
            riskClass = "E";
        }

        // credit-limits.drl.xlsx, sheet CreditLimits: {internal, bureau factor, review tolerance %} by segment and class
        LimitRow row = limitRow(segment, riskClass);
        BigDecimal internal;
        BigDecimal factor;
        BigDecimal tolerance;
        if (row == null) {
            fired.add("NO_LIMIT");
            policyGap = true;
            internal = cents(BigDecimal.ZERO);
            factor = null;
            tolerance = BigDecimal.ZERO;
        } else {
            fired.add(row.rule());
            internal = cents(row.internal());
            factor = row.bureauFactor();
            tolerance = row.reviewTolerancePercent();
        }

        // rules/hard-stops.drl, in the file's order
        boolean rejected = false;
        boolean review = false;
        String status = a.companyStatus();
        if (status.equals("INSOLVENCY_PROCEEDINGS")) {
            fired.add("Insolvency proceedings");
            rejected = true;
        }
        if (status.equals("CEASED")) {
            fired.add("Ceased company");
            rejected = true;
        }
        if (!a.bureauDataAvailable() && !"UNAVAILABLE".equals(a.bureauLookup()) && a.seniorityMonths() < 6) {
            fired.add("New customer unknown to the bureaus");
            review = true;
        }
        if ("UNAVAILABLE".equals(a.bureauLookup())) {
            fired.add("Bureau unavailable");
            review = true;
        }
        if (a.bureauStale()) {
            fired.add("Stale bureau report");
            review = true;
        }
        if (a.overduePercent() >= 50) {
            fired.add("Half of receivables overdue");
            review = true;
        }

        // min(internal, insurer cover, bureau limit × factor) over the terms that exist; ties keep the earlier term
        BigDecimal granted = internal;
        String binding = "INTERNAL";
        if (a.insurerCover() != null) {
            BigDecimal insurer = cents(a.insurerCover());
            if (insurer.compareTo(granted) < 0) {
                granted = insurer;
                binding = "INSURER";
            }
        }
        BigDecimal bureauFactor = a.bureauLimit() == null ? null : factor;
        if (bureauFactor != null) {
            BigDecimal bureauTerm = cents(cents(a.bureauLimit()).multiply(bureauFactor));
            if (bureauTerm.compareTo(granted) < 0) {
                granted = bureauTerm;
                binding = "BUREAU";
            }
        }

        BigDecimal exposure = cents(a.openReceivables()).add(cents(a.ordersBacklog())).add(cents(a.orderAmount()));
        Outcome outcome;
        if (rejected) {
            outcome = Outcome.REJECTED;
        } else if (review || policyGap) {
            outcome = Outcome.REVIEW;
        } else if (exposure.compareTo(granted) <= 0) {
            outcome = Outcome.APPROVED;
        } else {
            BigDecimal ceiling = granted.multiply(BigDecimal.ONE.add(tolerance.divide(HUNDRED)));
            outcome = exposure.compareTo(ceiling) <= 0 ? Outcome.REVIEW : Outcome.REJECTED;
        }
        return new Decision(outcome, segment, dunningPlan, points, total, riskClass, internal, bureauFactor, tolerance,
                granted, binding, fired);
    }

    private static int score(Map<String, Integer> points, List<String> fired, String rule, String criterion, int value) {
        fired.add(rule);
        points.put(criterion, value);
        return value;
    }

    private record LimitRow(String rule, BigDecimal internal, BigDecimal bureauFactor, BigDecimal reviewTolerancePercent) {

        LimitRow(String rule, String internal, String bureauFactor, String reviewTolerancePercent) {
            // What LimitResult keeps from the table's typed actions: internal(long), bureauFactor(double), tolerance(double)
            this(rule, BigDecimal.valueOf(Long.parseLong(internal)), BigDecimal.valueOf(Double.parseDouble(bureauFactor)),
                    BigDecimal.valueOf(Double.parseDouble(reviewTolerancePercent)));
        }
    }

    private static final String[] CLASSES = {"A", "B", "C", "D", "E"};

    /** Rows 10–34 of the CreditLimits sheet, by segment then risk class A–E. */
    private static final Map<String, LimitRow[]> LIMITS = Map.of(
            "KEY_ACCOUNT", new LimitRow[] {
                new LimitRow("CreditLimits_10", "500000", "1", "10"),
                new LimitRow("CreditLimits_11", "300000", "1", "10"),
                new LimitRow("CreditLimits_12", "150000", "0.8", "10"),
                new LimitRow("CreditLimits_13", "50000", "0.5", "5"),
                new LimitRow("CreditLimits_14", "0", "0", "0")},
            "SME", new LimitRow[] {
                new LimitRow("CreditLimits_15", "150000", "1", "10"),
                new LimitRow("CreditLimits_16", "80000", "1", "10"),
                new LimitRow("CreditLimits_17", "40000", "0.8", "5"),
                new LimitRow("CreditLimits_18", "15000", "0.5", "5"),
                new LimitRow("CreditLimits_19", "0", "0", "0")},
            "MICRO", new LimitRow[] {
                new LimitRow("CreditLimits_20", "30000", "1", "5"),
                new LimitRow("CreditLimits_21", "15000", "0.8", "5"),
                new LimitRow("CreditLimits_22", "8000", "0.6", "5"),
                new LimitRow("CreditLimits_23", "3000", "0.5", "0"),
                new LimitRow("CreditLimits_24", "0", "0", "0")},
            "PUBLIC_SECTOR", new LimitRow[] {
                new LimitRow("CreditLimits_25", "300000", "1", "10"),
                new LimitRow("CreditLimits_26", "200000", "1", "10"),
                new LimitRow("CreditLimits_27", "100000", "1", "10"),
                new LimitRow("CreditLimits_28", "50000", "1", "5"),
                new LimitRow("CreditLimits_29", "20000", "1", "0")},
            "NEW_CUSTOMER", new LimitRow[] {
                new LimitRow("CreditLimits_30", "20000", "1", "0"),
                new LimitRow("CreditLimits_31", "10000", "0.8", "0"),
                new LimitRow("CreditLimits_32", "5000", "0.5", "0"),
                new LimitRow("CreditLimits_33", "2000", "0.5", "0"),
                new LimitRow("CreditLimits_34", "0", "0", "0")});

    private static @Nullable LimitRow limitRow(String segment, String riskClass) {
        LimitRow[] rows = LIMITS.get(segment);
        if (rows == null) {
            return null;
        }
        for (int i = 0; i < CLASSES.length; i++) {
            if (CLASSES[i].equals(riskClass)) {
                return rows[i];
            }
        }
        return null;
    }

    private static BigDecimal cents(BigDecimal amount) {
        return amount.setScale(CENTS, RoundingMode.HALF_UP);
    }
}
