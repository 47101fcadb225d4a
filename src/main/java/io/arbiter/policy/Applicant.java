package io.arbiter.policy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What the policy knows about a customer and the order being decided: the input fact every table reads. Amounts are in
 * the policy's currency. The component names are what finance staff write in constraints ({@code turnover >= $param})
 * and in the header of a {@code Tests} sheet.
 *
 * @param turnover latest annual turnover from the bureau, 0 when unknown
 * @param bureauDataAvailable whether a bureau report (fresh or stale) was used
 * @param bureauStale the report is older than the maximum age, or is the last one kept because no bureau answered
 * @param bureauLookup what the bureaus said: {@code FRESH} (a report within the maximum age), {@code STALE} (a report,
 *                     but an old one or the last one kept), {@code NOT_FOUND} (the bureaus answered that they do not
 *                     know the company), {@code UNAVAILABLE} (no bureau could be asked or answered in time, and no report
 *                     was kept: this says nothing about the company), {@code NONE} (no bureau is configured for its
 *                     country)
 * @param bureauGrade common bureau grade 0 (worst) to 100 (best), 0 when there is no report
 * @param companyStatus {@code ACTIVE}, {@code INSOLVENCY_PROCEEDINGS}, {@code CEASED} or {@code UNKNOWN}
 * @param bureauLimit the bureau's recommended credit limit, null when it gives none
 * @param insurerCover the credit insurer's cover on this customer, null when not insured
 * @param averageDaysLate weighted average days beyond terms over the customer's paid invoices
 * @param overduePercent share of open receivables that is overdue, in whole percent (derived)
 * @param latePaymentSharePercent share of the invoices paid in the last 12 months that were paid late, whole percent
 * @param paymentTrend {@code IMPROVING}, {@code STABLE} or {@code WORSENING} (last 3 months' days late against the last
 *                     12 months'), {@code UNKNOWN} without enough history
 * @param brokenPromises promises to pay broken in the last 12 months
 * @param poolSignalAvailable whether the community pool gave a signal (at least k other suppliers reported)
 * @param poolLateSharePercent share of other suppliers' experiences paid beyond terms, whole percent; 0 without signal
 * @param poolDaysLateBand median days-beyond-terms band at the pool ({@code ON_TIME}, {@code 1_15}...), "" without
 * @param poolTrend late share of the last 3 months against the 3 before: {@code IMPROVING}, {@code STABLE},
 *                  {@code WORSENING}, {@code UNKNOWN} (fewer than k suppliers in either period); "" without signal
 * @param termsBeyondLegalMaximum some invoice of the customer has payment terms beyond the legal maximum (LME, Code de
 *                                commerce L441-10: 60 days from the invoice, or 45 days end of month)
 */
public record Applicant(
        String registrationNumber,
        String country,
        boolean publicSector,
        int seniorityMonths,
        long turnover,
        boolean bureauDataAvailable,
        boolean bureauStale,
        @Nullable String bureauLookup,
        int bureauGrade,
        String companyStatus,
        int paymentRemarks,
        @Nullable BigDecimal bureauLimit,
        @Nullable BigDecimal insurerCover,
        boolean paymentHistoryAvailable,
        int averageDaysLate,
        int openDisputes,
        int paymentTermsDays,
        BigDecimal openReceivables,
        BigDecimal overdueAmount,
        BigDecimal ordersBacklog,
        BigDecimal orderAmount,
        int overduePercent,
        int latePaymentSharePercent,
        String paymentTrend,
        int brokenPromises,
        boolean poolSignalAvailable,
        int poolLateSharePercent,
        String poolDaysLateBand,
        String poolTrend,
        boolean termsBeyondLegalMaximum) {

    public Applicant {
        Objects.requireNonNull(registrationNumber, "registrationNumber");
        Objects.requireNonNull(country, "country");
        Objects.requireNonNull(companyStatus, "companyStatus");
        openReceivables = Objects.requireNonNullElse(openReceivables, BigDecimal.ZERO);
        overdueAmount = Objects.requireNonNullElse(overdueAmount, BigDecimal.ZERO);
        ordersBacklog = Objects.requireNonNullElse(ordersBacklog, BigDecimal.ZERO);
        orderAmount = Objects.requireNonNullElse(orderAmount, BigDecimal.ZERO);
        paymentTrend = Objects.requireNonNullElse(paymentTrend, "UNKNOWN");
        poolDaysLateBand = Objects.requireNonNullElse(poolDaysLateBand, "");
        poolTrend = Objects.requireNonNullElse(poolTrend, "");
        // Decisions stored before this fact existed, and scenarios that do not name it, say it through the older two.
        bureauLookup = Objects.requireNonNullElse(bureauLookup,
                bureauDataAvailable ? (bureauStale ? "STALE" : "FRESH") : "NOT_FOUND");
        overduePercent = openReceivables.signum() <= 0 ? 0
                : overdueAmount.multiply(BigDecimal.valueOf(100)).divide(openReceivables, 0, RoundingMode.DOWN).intValue();
    }

    /**
     * The same customer seen through a new bureau report, with no order: what the policy grants it as it stands.
     */
    public Applicant reassessed(int grade, @Nullable BigDecimal limit, int remarks, String status, long newTurnover) {
        return new Applicant(registrationNumber, country, publicSector, seniorityMonths, newTurnover, true, false, "FRESH", grade,
                status, remarks, limit, insurerCover, paymentHistoryAvailable, averageDaysLate, openDisputes,
                paymentTermsDays, openReceivables, overdueAmount, ordersBacklog, BigDecimal.ZERO, 0,
                latePaymentSharePercent, paymentTrend, brokenPromises, poolSignalAvailable, poolLateSharePercent,
                poolDaysLateBand, poolTrend, termsBeyondLegalMaximum);
    }

    /** The same customer with today's exposure and no order: how a portfolio replay assesses it as it stands. */
    public Applicant withExposure(BigDecimal receivables, BigDecimal overdue, BigDecimal backlog) {
        return new Applicant(registrationNumber, country, publicSector, seniorityMonths, turnover, bureauDataAvailable,
                bureauStale, bureauLookup, bureauGrade, companyStatus, paymentRemarks, bureauLimit, insurerCover, paymentHistoryAvailable,
                averageDaysLate, openDisputes, paymentTermsDays, receivables, overdue, backlog, BigDecimal.ZERO, 0,
                latePaymentSharePercent, paymentTrend, brokenPromises, poolSignalAvailable, poolLateSharePercent,
                poolDaysLateBand, poolTrend, termsBeyondLegalMaximum);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these facts, to change some of them. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.registrationNumber = registrationNumber;
        b.country = country;
        b.publicSector = publicSector;
        b.seniorityMonths = seniorityMonths;
        b.turnover = turnover;
        b.bureauDataAvailable = bureauDataAvailable;
        b.bureauStale = bureauStale;
        b.bureauLookup = bureauLookup;
        b.bureauGrade = bureauGrade;
        b.companyStatus = companyStatus;
        b.paymentRemarks = paymentRemarks;
        b.bureauLimit = bureauLimit;
        b.insurerCover = insurerCover;
        b.paymentHistoryAvailable = paymentHistoryAvailable;
        b.averageDaysLate = averageDaysLate;
        b.openDisputes = openDisputes;
        b.paymentTermsDays = paymentTermsDays;
        b.openReceivables = openReceivables;
        b.overdueAmount = overdueAmount;
        b.ordersBacklog = ordersBacklog;
        b.orderAmount = orderAmount;
        b.latePaymentSharePercent = latePaymentSharePercent;
        b.paymentTrend = paymentTrend;
        b.brokenPromises = brokenPromises;
        b.poolSignalAvailable = poolSignalAvailable;
        b.poolLateSharePercent = poolLateSharePercent;
        b.poolDaysLateBand = poolDaysLateBand;
        b.poolTrend = poolTrend;
        b.termsBeyondLegalMaximum = termsBeyondLegalMaximum;
        return b;
    }

    /** Starts from an active, unknown-to-the-bureau company with no history and no exposure. */
    public static final class Builder {
        private String registrationNumber = "";
        private String country = "FR";
        private boolean publicSector;
        private int seniorityMonths;
        private long turnover;
        private boolean bureauDataAvailable;
        private boolean bureauStale;
        private @Nullable String bureauLookup;
        private int bureauGrade;
        private String companyStatus = "ACTIVE";
        private int paymentRemarks;
        private @Nullable BigDecimal bureauLimit;
        private @Nullable BigDecimal insurerCover;
        private boolean paymentHistoryAvailable;
        private int averageDaysLate;
        private int openDisputes;
        private int paymentTermsDays = 30;
        private BigDecimal openReceivables = BigDecimal.ZERO;
        private BigDecimal overdueAmount = BigDecimal.ZERO;
        private BigDecimal ordersBacklog = BigDecimal.ZERO;
        private BigDecimal orderAmount = BigDecimal.ZERO;
        private int latePaymentSharePercent;
        private String paymentTrend = "UNKNOWN";
        private int brokenPromises;
        private boolean poolSignalAvailable;
        private int poolLateSharePercent;
        private String poolDaysLateBand = "";
        private String poolTrend = "";
        private boolean termsBeyondLegalMaximum;

        private Builder() {
        }

        public Builder registrationNumber(String value) { registrationNumber = value; return this; }
        public Builder country(String value) { country = value; return this; }
        public Builder publicSector(boolean value) { publicSector = value; return this; }
        public Builder seniorityMonths(int value) { seniorityMonths = value; return this; }
        public Builder turnover(long value) { turnover = value; return this; }
        public Builder companyStatus(String value) { companyStatus = value; return this; }
        public Builder paymentTermsDays(int value) { paymentTermsDays = value; return this; }
        public Builder insurerCover(@Nullable BigDecimal value) { insurerCover = value; return this; }
        public Builder orderAmount(BigDecimal value) { orderAmount = value; return this; }
        public Builder termsBeyondLegalMaximum(boolean value) { termsBeyondLegalMaximum = value; return this; }

        /**
         * What the bureaus said when there is no report: {@code NOT_FOUND}, {@code UNAVAILABLE} or {@code NONE}; with a
         * report, {@link #bureau} says {@code FRESH} or {@code STALE}.
         */
        public Builder bureauLookup(String value) { bureauLookup = value; return this; }

        /** A bureau report: its common grade, recommended limit, payment remarks and whether it is stale. */
        public Builder bureau(int grade, @Nullable BigDecimal limit, int remarks, boolean stale) {
            bureauDataAvailable = true;
            bureauGrade = grade;
            bureauLimit = limit;
            paymentRemarks = remarks;
            bureauStale = stale;
            return this;
        }

        /** The customer's payment history with this supplier. */
        public Builder paymentHistory(int averageDaysLateValue, int openDisputesValue) {
            paymentHistoryAvailable = true;
            averageDaysLate = averageDaysLateValue;
            openDisputes = openDisputesValue;
            return this;
        }

        /** More of the payment history: share paid late, trend, broken promises. */
        public Builder paymentBehaviour(int latePaymentSharePercentValue, String paymentTrendValue, int brokenPromisesValue) {
            paymentHistoryAvailable = true;
            latePaymentSharePercent = latePaymentSharePercentValue;
            paymentTrend = paymentTrendValue;
            brokenPromises = brokenPromisesValue;
            return this;
        }

        /** Receivables and backlog before this order. */
        public Builder exposure(BigDecimal open, BigDecimal overdue, BigDecimal backlog) {
            openReceivables = open;
            overdueAmount = overdue;
            ordersBacklog = backlog;
            return this;
        }

        /** The community pool's signal on this customer. */
        public Builder pool(int lateSharePercent, String daysLateBand, String trend) {
            poolSignalAvailable = true;
            poolLateSharePercent = lateSharePercent;
            poolDaysLateBand = daysLateBand;
            poolTrend = trend;
            return this;
        }

        public Applicant build() {
            return new Applicant(registrationNumber, country, publicSector, seniorityMonths, turnover,
                    bureauDataAvailable, bureauStale, bureauDataAvailable ? null : bureauLookup, bureauGrade,
                    companyStatus, paymentRemarks, bureauLimit, insurerCover, paymentHistoryAvailable, averageDaysLate, openDisputes, paymentTermsDays,
                    openReceivables, overdueAmount, ordersBacklog, orderAmount, 0, latePaymentSharePercent, paymentTrend,
                    brokenPromises, poolSignalAvailable, poolLateSharePercent, poolDaysLateBand, poolTrend,
                    termsBeyondLegalMaximum);
        }
    }
}
