package io.arbiter.decision;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

import io.arbiter.bureau.KnownReports;
import io.arbiter.insight.PaymentBehaviour;
import io.arbiter.insight.PaymentBehaviours;
import io.arbiter.policy.Applicant;
import io.arbiter.pool.PoolSignal;
import io.arbiter.pool.PoolSignals;
import io.arbiter.shared.CompanyKey;

/**
 * The one way to build the policy's {@link Applicant} for a ledger customer as it stands, with no order: what dunning
 * segments and rates a customer with, and what a portfolio simulation replays (both through {@code of}, there is no
 * other way in, so that neither leaves out a fact the other reads). It starts from the facts of the latest
 * credit decision on the company (so a company has one segment and one class in both), overlays the bureau report
 * already known (never a live call) and the pool signal already received, and takes today's exposure from the ledger.
 * A company never decided is described from the ledger alone (its payment behaviour included, as a decision reads it),
 * with the known report and signal when there are some.
 */
@Service
public class StandingApplicants {

    /**
     * A ledger customer as it stands.
     *
     * @param paymentTermsDays the longest of its terms; null when the ERP gives none
     * @param termsBeyondLegalMaximum whether some invoice's terms exceed the LME maximum
     */
    public record Standing(String account, @Nullable String registrationNumber, String country, boolean publicSector,
            @Nullable LocalDate customerSince, @Nullable Integer paymentTermsDays, BigDecimal openReceivables,
            BigDecimal overdue, BigDecimal ordersBacklog, boolean termsBeyondLegalMaximum) {

        public @Nullable CompanyKey company() {
            return CompanyKey.of(country, registrationNumber).orElse(null);
        }
    }

    private final DecisionHistory history;
    private final KnownReports reports;
    private final PoolSignals pool;
    private final PaymentBehaviours behaviours;

    StandingApplicants(DecisionHistory history, KnownReports reports, PoolSignals pool, PaymentBehaviours behaviours) {
        this.history = history;
        this.reports = reports;
        this.pool = pool;
        this.behaviours = behaviours;
    }

    public Applicant of(Standing customer, LocalDate asOf) {
        return of(List.of(customer), asOf).get(customer.account());
    }

    /**
     * Applicants by account, reading the latest decisions, known reports and (for the companies never decided) payment
     * behaviours of all of them at once: a few set-wise statements per call whatever the number of customers, so that
     * the agenda and a portfolio simulation read a batch at a time. Accounts must be distinct.
     */
    public Map<String, Applicant> of(Collection<Standing> customers, LocalDate asOf) {
        List<CompanyKey> companies = customers.stream().map(Standing::company).filter(Objects::nonNull).toList();
        Map<String, Applicant> latest = history.latestFacts(companies.stream().map(CompanyKey::toString).toList());
        Map<CompanyKey, KnownReports.Known> known = reports.of(companies);
        // A company never decided is scored on the ledger's payment behaviour, as a decision on it would be.
        Map<CompanyKey, PaymentBehaviour> behaviour = behaviours.ofCompanies(companies.stream()
                .filter(company -> !latest.containsKey(company.toString())).distinct().toList(), asOf);
        Map<String, Applicant> applicants = new HashMap<>();
        for (Standing customer : customers) {
            CompanyKey company = customer.company();
            PoolSignal signal = company == null ? PoolSignal.noPoolData("no registration number")
                    : pool.knownSignalFor(company.country(), company.company());
            applicants.put(customer.account(), applicant(customer,
                    company == null ? null : latest.get(company.toString()),
                    company == null ? null : known.get(company), signal,
                    company == null ? null : behaviour.get(company), asOf));
        }
        return applicants;
    }

    /**
     * @param latest the facts of the company's latest credit decision, null when never decided
     * @param report the bureau report already known, null when none
     * @param behaviour the ledger's payment behaviour of a company never decided, read as a decision reads it (the
     *                  history, disputes and broken promises score it); null when the ledger has none
     */
    private static Applicant applicant(Standing customer, @Nullable Applicant latest,
            KnownReports.@Nullable Known report, PoolSignal signal, @Nullable PaymentBehaviour behaviour,
            LocalDate asOf) {
        Applicant base = latest != null ? latest : fromLedger(customer, behaviour, asOf);
        Applicant.Builder standing = base.toBuilder().orderAmount(BigDecimal.ZERO)
                .exposure(customer.openReceivables(), customer.overdue(), customer.ordersBacklog())
                .termsBeyondLegalMaximum(customer.termsBeyondLegalMaximum());
        if (report != null) {
            var r = report.report();
            standing.bureau(r.commonGrade(), r.recommendedLimit() == null ? null : r.recommendedLimit().amount(),
                    r.paymentRemarks(), report.stale()).companyStatus(r.status().name())
                    .turnover(r.turnover() == null ? 0 : r.turnover().amount().longValue());
        }
        if (signal.available()) {
            standing.pool(signal.lateSharePercent(), signal.medianDaysBeyondTermsBand(), signal.trend3Months());
        }
        return standing.build();
    }

    private static Applicant fromLedger(Standing customer, @Nullable PaymentBehaviour behaviour, LocalDate asOf) {
        int seniority = customer.customerSince() == null ? 0
                : (int) Math.max(0, ChronoUnit.MONTHS.between(customer.customerSince(), asOf));
        Applicant.Builder applicant = Applicant.builder()
                .registrationNumber(customer.registrationNumber() == null ? customer.account() : customer.registrationNumber())
                .country(customer.country()).publicSector(customer.publicSector()).seniorityMonths(seniority)
                .paymentTermsDays(customer.paymentTermsDays() == null ? 30 : customer.paymentTermsDays())
                .companyStatus("UNKNOWN")
                .exposure(customer.openReceivables(), customer.overdue(), customer.ordersBacklog());
        // What a decision takes from the ledger when the order system sends no payment history.
        if (behaviour != null && OrderApplicants.usable(behaviour)) {
            OrderApplicants.withHistory(applicant, behaviour);
        }
        return applicant.build();
    }
}
