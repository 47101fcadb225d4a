package io.arbiter.limits.insurance;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import io.arbiter.law.CreditInsuranceTerms;
import io.arbiter.ledger.Exposures;
import io.arbiter.ledger.OpenItems;
import io.arbiter.ledger.Portfolio;
import io.arbiter.limits.Company;
import io.arbiter.limits.LimitsProperties;
import io.arbiter.policy.PolicyEngine;
import io.arbiter.shared.Money;

/**
 * What the credit insurance means for the receivables: unpaid insured invoices nearing the date by which the insurer
 * must be told (past it, the cover is lost: forclusion), by each contract's terms; and how much of the exposure is
 * insured, uninsured, or above the cover.
 */
@Service
public class InsuranceReports {

    /**
     * An unpaid invoice of an insured buyer.
     *
     * @param reportBy the last day to report it to the insurer (the law package's {@code CreditInsuranceTerms})
     * @param daysLeft days from {@code asOf} to the stage's deadline ({@code reportBy}, or {@code claimBy} once
     *                 reported); negative once passed (the cover is lost)
     * @param coverLost reported too late, or the deadline of its stage passed
     * @param stage REPORT until the overdue is reported to the insurer, then CLAIM
     * @param reportedOn the day the overdue was reported, null at the REPORT stage
     * @param claimBy the last day to file the claim, null at the REPORT stage
     */
    public record Alert(Company company, String insurer, String insurerReference, String invoice, String entity,
            LocalDate dueDate, LocalDate extendedDueDate, LocalDate reportBy, long daysLeft, Money openAmount,
            boolean coverLost, Stage stage, @Nullable LocalDate reportedOn, @Nullable LocalDate claimBy) {
    }

    /** The deadline an alert is about: the overdue report, then the claim. */
    public enum Stage {
        REPORT, CLAIM
    }

    /**
     * @param insured exposure within the cover of insured buyers
     * @param uninsured exposure of buyers without a cover in force
     * @param aboveCover exposure of insured buyers beyond their cover
     */
    public record Kpis(LocalDate asOf, Money exposure, Money insured, Money uninsured, Money aboveCover,
            int insuredBuyers, int buyersAboveCover, BigDecimal insuredSharePercent) {
    }

    private final JdbcClient jdbc;
    private final InsuranceCovers covers;
    private final Exposures exposures;
    private final OpenItems openItems;
    private final Portfolio portfolio;
    private final LimitsProperties properties;
    private final PolicyEngine policy;

    InsuranceReports(JdbcClient jdbc, InsuranceCovers covers, Exposures exposures, OpenItems openItems, Portfolio portfolio,
            LimitsProperties properties, PolicyEngine policy) {
        this.jdbc = jdbc;
        this.covers = covers;
        this.exposures = exposures;
        this.openItems = openItems;
        this.portfolio = portfolio;
        this.properties = properties;
        this.policy = policy;
    }

    /**
     * Unpaid invoices of buyers insured on {@code asOf} whose next deadline is at most {@code alertDays} away, or
     * already passed, most urgent first (then by invoice and entity, the order the API pages them in): the overdue
     * report for those not yet reported, the claim for those reported under a contract with a claim period. Buyers of
     * an insurer with no configured contract are left out.
     */
    public List<Alert> alerts(LocalDate asOf, @Nullable List<String> companyKeys) {
        Map<String, LocalDate> reported = reportedOn();
        List<Alert> alerts = new ArrayList<>();
        forEachInsured(asOf, companyKeys, insured -> {
            InsuranceCovers.Cover cover = insured.cover();
            OpenItems.OpenInvoice invoice = insured.invoice();
            if (!invoice.dueDate().isBefore(asOf)) {
                return;
            }
            var deadlines = insured.terms().deadlinesFor(invoice.dueDate());
            LocalDate reportedOn = reported.get(OverdueReports.key(invoice.entityCode(), invoice.number()));
            LocalDate claimBy = reportedOn == null ? null : insured.terms().claimBy(reportedOn).orElse(null);
            if (reportedOn != null && claimBy == null) {
                return;
            }
            long daysLeft = ChronoUnit.DAYS.between(asOf, claimBy == null ? deadlines.reportBy() : claimBy);
            if (daysLeft > properties.insurance().alertDays()) {
                return;
            }
            boolean coverLost = reportedOn == null ? deadlines.isForeclosed(asOf)
                    : deadlines.isForeclosed(reportedOn) || asOf.isAfter(claimBy);
            alerts.add(new Alert(cover.company(), cover.insurer(), cover.insurerReference(), invoice.number(),
                    invoice.entityCode(), invoice.dueDate(), deadlines.extendedDueDate(), deadlines.reportBy(), daysLeft,
                    Money.of(invoice.openAmount(), Currency.getInstance(invoice.currency())), coverLost,
                    reportedOn == null ? Stage.REPORT : Stage.CLAIM, reportedOn, claimBy));
        });
        alerts.sort(Comparator.comparingLong(Alert::daysLeft).thenComparing(Alert::invoice).thenComparing(Alert::entity));
        return alerts;
    }

    /** An unpaid invoice of a buyer insured on a day, with its cover and its insurer's contract terms. */
    record Insured(InsuranceCovers.Cover cover, CreditInsuranceTerms terms, OpenItems.OpenInvoice invoice) {
    }

    /** Every unpaid invoice of a buyer with a cover in force on {@code asOf} from an insurer with a configured contract. */
    void forEachInsured(LocalDate asOf, @Nullable List<String> companyKeys, Consumer<Insured> consumer) {
        Map<String, CreditInsuranceTerms> terms = new HashMap<>();
        properties.insurance().contracts().forEach(contract -> terms.put(contract.insurer(),
                new CreditInsuranceTerms(contract.overdueReportingDays(), contract.extensionDays(), contract.claimDays())));
        for (String[] insured : insuredCompanies(asOf)) {
            String country = insured[0];
            String company = insured[1];
            if (companyKeys != null && !companyKeys.contains(country + ":" + company)) {
                continue;
            }
            Optional<InsuranceCovers.Cover> cover = covers.inForce(country, company, asOf)
                    .filter(c -> c.coverOn(asOf).amount().signum() > 0 && terms.containsKey(c.insurer()));
            if (cover.isEmpty()) {
                continue;
            }
            CreditInsuranceTerms contract = terms.get(cover.get().insurer());
            for (Long id : exposures.customerIds(country, cover.get().company().registrationNumber())) {
                openItems.customer(id).ifPresent(customer -> openItems.of(customer).invoices()
                        .forEach(invoice -> consumer.accept(new Insured(cover.get(), contract, invoice))));
            }
        }
    }

    /** Insured versus uninsured exposure on {@code asOf}, in the policy's currency, over the whole ledger. */
    public Kpis kpis(LocalDate asOf) {
        Currency currency = Currency.getInstance(policy.active().currency());
        Map<String, BigDecimal> cover = new HashMap<>();
        for (String[] insured : insuredCompanies(asOf)) {
            covers.inForce(insured[0], insured[1], asOf).ifPresent(c -> cover.put(insured[0] + ":" + insured[1],
                    c.coverOn(asOf).amount()));
        }
        BigDecimal[] totals = {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO};
        int[] counts = {0, 0};
        portfolio.forEach(currency.getCurrencyCode(), asOf, 1000, customer -> {
            BigDecimal exposure = customer.openReceivables().add(customer.ordersBacklog());
            totals[0] = totals[0].add(exposure);
            BigDecimal insuredFor = customer.companyKey() == null ? null : cover.get(customer.companyKey());
            if (insuredFor == null || insuredFor.signum() == 0) {
                totals[2] = totals[2].add(exposure);
                return;
            }
            counts[0]++;
            totals[1] = totals[1].add(exposure.min(insuredFor));
            if (exposure.compareTo(insuredFor) > 0) {
                counts[1]++;
                totals[3] = totals[3].add(exposure.subtract(insuredFor));
            }
        });
        BigDecimal share = totals[0].signum() == 0 ? BigDecimal.ZERO
                : totals[1].multiply(BigDecimal.valueOf(100)).divide(totals[0], 1, java.math.RoundingMode.HALF_UP);
        return new Kpis(asOf, Money.of(totals[0], currency), Money.of(totals[1], currency), Money.of(totals[2], currency),
                Money.of(totals[3], currency), counts[0], counts[1], share);
    }

    /** The day each reported invoice was reported, by {@link OverdueReports#key}. */
    private Map<String, LocalDate> reportedOn() {
        Map<String, LocalDate> reported = new HashMap<>();
        jdbc.sql("select entity, invoice, reported_on from insurance_overdue_report").query(rs -> {
            reported.put(OverdueReports.key(rs.getString(1), rs.getString(2)), rs.getDate(3).toLocalDate());
        });
        return reported;
    }

    private List<String[]> insuredCompanies(LocalDate asOf) {
        return jdbc.sql("select distinct country, company from insurance_cover where effective_from <= ?")
                .param(Date.valueOf(asOf)).query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)}).list();
    }
}
