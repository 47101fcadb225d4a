package io.arbiter.insight;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.arbiter.insight.kpi.KpiFormulas;
import io.arbiter.ledger.Exposures;
import io.arbiter.ledger.reporting.PaymentBehaviourSums.Paid;
import io.arbiter.ledger.reporting.PaymentBehaviourSums;
import io.arbiter.shared.CompanyKey;
import io.arbiter.shared.ProblemException;
import io.arbiter.shared.RegistrationNumbers;

/**
 * Payment behaviour per customer from the ledger's paid invoices, promises and disputes, which the ledger counts
 * ({@link PaymentBehaviourSums}): late share, days late on average and their trend. An invoice is paid late when
 * its {@code paid_on} (the day its open amount reached zero) is after its due date; invoices settled outside Arbiter
 * (status SETTLED) have no payment day and are left out.
 */
@Service
public class PaymentBehaviours {

    private static final int MAX_HISTORY_MONTHS = 120;

    private final PaymentBehaviourSums sums;
    private final Exposures exposures;
    private final InsightProperties properties;

    PaymentBehaviours(PaymentBehaviourSums sums, Exposures exposures, InsightProperties properties) {
        this.sums = sums;
        this.exposures = exposures;
        this.properties = properties;
    }

    /** The behaviour of the company with this registration number; empty when no ledger customer carries it. */
    @Transactional(readOnly = true)
    public Optional<PaymentBehaviour> of(String country, String registrationNumber, LocalDate asOf) {
        List<Long> ids = exposures.customerIds(country, registrationNumber);
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        PaymentBehaviourSums.Windows windows = sums.windows(ids, asOf);
        PaymentBehaviourSums.Issues issues = sums.issues(ids, asOf);
        return Optional.of(behaviour(normalised(country, registrationNumber), asOf, sums.accounts(ids), windows, issues));
    }

    /**
     * The behaviour of many companies, each as {@link #of} gives it (the same windows, weights and counts), in a few
     * set-wise statements rather than some per company: dunning's portfolio describes every customer never decided with
     * it. A company no ledger customer carries is absent.
     */
    @Transactional(readOnly = true)
    public Map<CompanyKey, PaymentBehaviour> ofCompanies(Collection<CompanyKey> companies, LocalDate asOf) {
        Map<CompanyKey, PaymentBehaviour> behaviours = new HashMap<>();
        sums.ofCompanies(companies, asOf).forEach((company, found) -> behaviours.put(company,
                behaviour(company.company(), asOf, found.accounts(), found.windows(), found.issues())));
        return behaviours;
    }

    private PaymentBehaviour behaviour(String registrationNumber, LocalDate asOf, List<String> accounts,
            PaymentBehaviourSums.Windows windows, PaymentBehaviourSums.Issues issues) {
        Paid year = windows.lastTwelveMonths();
        BigDecimal yearDaysLate = averageDaysLate(year);
        BigDecimal quarterDaysLate = averageDaysLate(windows.lastThreeMonths());
        KpiFormulas.Trend trend = KpiFormulas.trend(quarterDaysLate, yearDaysLate, properties.trendThresholdDays());
        return new PaymentBehaviour(registrationNumber, asOf, accounts, year.count() > 0, year.count(), year.late(),
                yearDaysLate, KpiFormulas.percent(BigDecimal.valueOf(year.late()), BigDecimal.valueOf(year.count())),
                quarterDaysLate, averageDaysLate(windows.lastSixMonths()), yearDaysLate, trend.name(),
                issues.brokenPromises(), issues.openDisputes());
    }

    /** A window's days late weighted by amount within each currency, then by each currency's number of invoices. */
    private static @Nullable BigDecimal averageDaysLate(Paid paid) {
        return KpiFormulas.weightedAverage(paid.weightedDaysLate(), paid.weights());
    }

    /** Month by month from {@code from} to {@code to} (both included); empty when no ledger customer carries the number. */
    @Transactional(readOnly = true)
    public Optional<PaymentBehaviour.History> history(String country, String registrationNumber, LocalDate from,
            LocalDate to) {
        if (from.isAfter(to) || ChronoUnit.MONTHS.between(from, to) >= MAX_HISTORY_MONTHS) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
                    "from (" + from + ") must be on or before to (" + to + "), at most " + MAX_HISTORY_MONTHS / 12
                            + " years apart");
        }
        List<Long> ids = exposures.customerIds(country, registrationNumber);
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        PaymentBehaviourSums.History history = sums.history(ids, from, to);
        List<PaymentBehaviour.Month> months = new ArrayList<>();
        PaymentBehaviourSums.Month total = new PaymentBehaviourSums.Month(0, 0, history.weightedDaysLate(),
                history.weights(), 0, 0, 0, 0);
        for (Map.Entry<LocalDate, PaymentBehaviourSums.Month> month : history.months().entrySet()) {
            PaymentBehaviourSums.Month m = month.getValue();
            months.add(month(month.getKey(), m));
            total = new PaymentBehaviourSums.Month(total.paid() + m.paid(), total.late() + m.late(),
                    total.weightedDaysLate(), total.weights(), total.brokenPromises() + m.brokenPromises(),
                    total.keptPromises() + m.keptPromises(), total.openedDisputes() + m.openedDisputes(),
                    total.resolvedDisputes() + m.resolvedDisputes());
        }
        return Optional.of(new PaymentBehaviour.History(normalised(country, registrationNumber), sums.accounts(ids), from,
                to, month(from, total), months));
    }

    private static PaymentBehaviour.Month month(LocalDate month, PaymentBehaviourSums.Month m) {
        return new PaymentBehaviour.Month(YearMonth.from(month), m.paid(), m.late(),
                KpiFormulas.percent(BigDecimal.valueOf(m.late()), BigDecimal.valueOf(m.paid())),
                KpiFormulas.weightedAverage(m.weightedDaysLate(), m.weights()), m.brokenPromises(), m.keptPromises(),
                m.openedDisputes(), m.resolvedDisputes());
    }

    private static String normalised(String country, String registrationNumber) {
        return RegistrationNumbers.normalise(country, registrationNumber, "registrationNumber").registrationNumber();
    }
}
