package io.arbiter.decision;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Currency;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import io.arbiter.bureau.SolvencyLookup;
import io.arbiter.insight.PaymentBehaviour;
import io.arbiter.ledger.Exposures;
import io.arbiter.policy.Applicant;
import io.arbiter.pool.PoolSignal;
import io.arbiter.shared.RegistrationNumbers;

/**
 * The applicant a credit decision puts to the policy: the order and what its request says of the customer, the
 * bureau's report, the ledger's exposure and payment history where the request gives none, the pool's signal and the
 * standing limit's terms. (A customer assessed with no order is built by {@link StandingApplicants}.)
 */
final class OrderApplicants {

    private OrderApplicants() {
    }

    /**
     * What the ledger knows of the customer, read when the request carries no exposure or no payment history.
     *
     * @param termsBeyondLegalMaximum some open invoice of the customer is due later than the law allows
     */
    record Ledger(Optional<Exposures.CustomerExposure> exposure, Optional<PaymentBehaviour> behaviour,
            boolean termsBeyondLegalMaximum) {

        boolean historyUsable() {
            return behaviour.filter(OrderApplicants::usable).isPresent();
        }
    }

    /** Whether the ledger's behaviour says anything: invoices paid in the last year, open disputes or broken promises. */
    static boolean usable(PaymentBehaviour behaviour) {
        return behaviour.historyAvailable() || behaviour.openDisputes() > 0 || behaviour.brokenPromises() > 0;
    }

    /** The ledger's payment behaviour as the policy reads it, for a decision and for a customer assessed with no order. */
    static Applicant.Builder withHistory(Applicant.Builder applicant, PaymentBehaviour behaviour) {
        return applicant.paymentHistory(whole(behaviour.averageDaysLate()), behaviour.openDisputes())
                .paymentBehaviour(whole(behaviour.latePaymentSharePercent()), behaviour.paymentTrend(),
                        behaviour.brokenPromises());
    }

    static Applicant applicant(CreditDecisionRequest request, RegistrationNumbers.CompanyId company,
            SolvencyLookup solvency, LocalDate today, Ledger ledger, Currency currency,
            PoolSignal poolSignal, StandingLimitSource.Terms terms) {
        CreditDecisionRequest.Customer customer = request.customer();
        LocalDate asOf = request.order().date() == null ? today : request.order().date();
        int seniority = customer.customerSince() == null ? 0
                : (int) Math.max(0, ChronoUnit.MONTHS.between(customer.customerSince(), asOf));
        boolean publicSector = customer.publicSector() != null ? customer.publicSector()
                : "FR".equals(customer.country()) && (company.company().startsWith("1") || company.company().startsWith("2"));
        Applicant.Builder applicant = Applicant.builder()
                .registrationNumber(company.registrationNumber())
                .country(customer.country())
                .publicSector(publicSector)
                .seniorityMonths(seniority)
                .paymentTermsDays(customer.paymentTermsDays() == null ? 30 : customer.paymentTermsDays())
                // The insurer's own decision, imported from its portal, is the cover; the order system's figure otherwise.
                .insurerCover(terms.insurerCover() != null ? terms.insurerCover() : customer.insurerCover())
                .orderAmount(request.order().amount())
                .termsBeyondLegalMaximum(ledger.termsBeyondLegalMaximum());
        solvency.report().ifPresent(report -> applicant
                .bureau(report.commonGrade(), report.recommendedLimit() == null ? null : report.recommendedLimit().amount(),
                        report.paymentRemarks(), solvency.stale())
                .companyStatus(report.status().name())
                .turnover(report.turnover() == null ? 0 : report.turnover().amount().longValue()));
        if (solvency.report().isEmpty()) {
            applicant.companyStatus("UNKNOWN").bureauLookup(solvency.status().name());
        }
        if (request.paymentHistory() != null) {
            applicant.paymentHistory(request.paymentHistory().averageDaysLate(), request.paymentHistory().openDisputes());
        } else if (ledger.historyUsable()) {
            withHistory(applicant, ledger.behaviour().orElseThrow());
        }
        if (request.exposure() != null) {
            applicant.exposure(request.exposure().openReceivables(),
                    Objects.requireNonNullElse(request.exposure().overdue(), BigDecimal.ZERO),
                    Objects.requireNonNullElse(request.exposure().ordersBacklog(), BigDecimal.ZERO));
        } else {
            ledger.exposure().flatMap(e -> e.forLimit(currency)).ifPresent(e -> applicant.exposure(
                    e.openReceivables().amount(), e.overdue().amount(), e.ordersBacklog().amount()));
        }
        if (poolSignal.available()) {
            applicant.pool(poolSignal.lateSharePercent(), poolSignal.medianDaysBeyondTermsBand(), poolSignal.trend3Months());
        }
        return applicant.build();
    }

    private static int whole(@Nullable BigDecimal value) {
        return value == null ? 0 : value.setScale(0, RoundingMode.HALF_UP).intValueExact();
    }
}
