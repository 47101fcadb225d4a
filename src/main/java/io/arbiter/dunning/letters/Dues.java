package io.arbiter.dunning.letters;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import io.arbiter.dunning.DunningApi.InterestPeriod;
import io.arbiter.dunning.DunningApi.InvoiceDue;
import io.arbiter.dunning.DunningApi.LatePaidDue;
import io.arbiter.dunning.DunningApi.Totals;
import io.arbiter.dunning.cases.CustomerCase;
import io.arbiter.dunning.planning.Escalator;
import io.arbiter.law.Debtor;
import io.arbiter.law.InterestSegment;
import io.arbiter.law.InterestTerms;
import io.arbiter.law.LatePaymentInterest;
import io.arbiter.law.LatePaymentInterestResult;
import io.arbiter.law.RecoveryIndemnity;
import io.arbiter.policy.Reason;
import io.arbiter.shared.Money;

/**
 * What each invoice owes on a day: the open amount, late-payment interest from the day after its due date, and the €40
 * indemnity once it is late; and what the parts paid late owe: interest on each to its payment day, the indemnity once
 * per invoice paid late as a whole. In insolvency proceedings both stop at the opening judgment (Code de commerce L622-28):
 * {@code stopAt} is that day, and an invoice not yet due on it is a sum "à échoir" (L622-25), owing neither. A rate taken beyond the bundled rate file is reported as a problem, never silently used.
 */
public final class Dues {

    /**
     * @param rate the rate of the latest half-year charged, as a letter states it; null when nothing is late
     * @param rateSetOn the day whose reference rate {@code rate} is built on: the first day of the half-year charged,
     *                  or for a public body the first day of the half-year its interest started to run in, since that
     *                  rate holds for the whole delay (Code de la commande publique R2192-31); null with {@code rate}
     * @param problems rates used beyond the rate file, once per half-year
     * @param rates every rate charged, oldest first, with the days it was charged for: what a letter states when the
     *              delay spans several half-years (the parts paid late count only when claimed, as only then does the
     *              letter show them)
     */
    public record Computed(List<InvoiceDue> invoices, Totals totals, @Nullable InterestSegment rate,
            @Nullable LocalDate rateSetOn, List<Reason> problems, List<LatePaidDue> latePaid, List<AppliedRate> rates) {
    }

    /**
     * One rate charged, on any of the invoices, and the first and last day it was charged for.
     *
     * @param setOn the day whose ECB rate it is built on: a half-year's first day; for a public body, that of the
     *              half-year the delay started in (R2192-31), so two invoices late since different half-years are charged
     *              at two rates over the same days
     */
    record AppliedRate(LocalDate setOn, BigDecimal ratePercent, BigDecimal referenceRatePercent, LocalDate from,
            LocalDate to) {

        BigDecimal marginPoints() {
            return ratePercent.subtract(referenceRatePercent);
        }

        AppliedRate widen(AppliedRate other) {
            return new AppliedRate(setOn, ratePercent, referenceRatePercent,
                    from.isBefore(other.from) ? from : other.from, to.isAfter(other.to) ? to : other.to);
        }
    }

    /** Where the docs say how to add a rate; a test checks the section exists. */
    static final String RATE_DOCS = "docs/ledger-and-collections.md, \"Adding a half-year's rate\"";

    private final LatePaymentInterest interest;

    Dues(LatePaymentInterest interest) {
        this.interest = interest;
    }

    Computed of(List<Escalator.Item> items, Currency currency, LocalDate asOf, InterestTerms terms,
            @Nullable LocalDate stopAt) {
        return of(items, currency, asOf, terms, stopAt, List.of(), false);
    }

    /**
     * With the parts paid late that the answer carries ({@code latePaid}, in {@code currency}): listed with their interest
     * and indemnity whatever {@code claimed} says, added to the claim only when it is true.
     */
    public Computed of(List<Escalator.Item> items, Currency currency, LocalDate asOf, InterestTerms terms,
            @Nullable LocalDate stopAt, List<CustomerCase.PaidLate> latePaid, boolean claimed) {
        Money zero = Money.of(BigDecimal.ZERO, currency);
        LocalDate until = stopAt != null && stopAt.isBefore(asOf) ? stopAt : asOf;
        Money open = zero;
        Money interestTotal = zero;
        Money indemnityTotal = zero;
        InterestSegment latest = null;
        LocalDate setOn = null;
        Set<String> beyond = new LinkedHashSet<>();
        Map<String, AppliedRate> rates = new TreeMap<>();
        List<InvoiceDue> invoices = new ArrayList<>();
        for (Escalator.Item item : items) {
            long daysLate = Math.max(0, Escalator.days(item, until));
            Money amount = Money.of(item.openAmount(), currency);
            Money itemInterest = zero;
            List<InterestPeriod> periods = List.of();
            if (daysLate > 0) {
                LatePaymentInterestResult result = interest.compute(amount, item.dueDate(), until, terms);
                itemInterest = result.total();
                periods = periods(result, terms, rates);
                for (InterestSegment segment : result.segments()) {
                    if (segment.beyondLastDataPoint()) {
                        beyond.add(segment.from().toString().substring(0, 7));
                    }
                    if (latest == null || segment.to().isAfter(latest.to())) {
                        latest = segment;
                        setOn = halfYearStart((terms.debtor() == Debtor.PUBLIC_BODY ? result.segments().getFirst()
                                : segment).from());
                    }
                }
            }
            Money indemnity = daysLate > 0 && currency.getCurrencyCode().equals("EUR")
                    && RecoveryIndemnity.owedFor(item.dueDate()) ? RecoveryIndemnity.perLateInvoice() : null;
            invoices.add(new InvoiceDue(item.number(), item.entity(), item.issueDate(), item.dueDate(), daysLate,
                    item.dueDate().isAfter(until), amount, itemInterest, indemnity, periods));
            open = open.plus(amount);
            interestTotal = interestTotal.plus(itemInterest);
            indemnityTotal = indemnity == null ? indemnityTotal : indemnityTotal.plus(indemnity);
        }
        Map<String, AppliedRate> latePaidRates = new TreeMap<>();
        List<LatePaidDue> parts = latePaid(latePaid, currency, terms, stopAt, beyond, latePaidRates);
        if (claimed) {
            latePaidRates.forEach((key, rate) -> rates.merge(key, rate, AppliedRate::widen));
        }
        Money lateInterest = parts.stream().map(LatePaidDue::interest).reduce(zero, Money::plus);
        Money lateIndemnity = parts.stream().map(LatePaidDue::indemnity).filter(Objects::nonNull)
                .reduce(zero, Money::plus);
        Money claim = open.plus(interestTotal).plus(indemnityTotal);
        if (claimed) {
            claim = claim.plus(lateInterest).plus(lateIndemnity);
        }
        List<Reason> problems = beyond.stream().map(Dues::beyondData).toList();
        return new Computed(invoices, new Totals(open, interestTotal, indemnityTotal, claim, lateInterest, lateIndemnity,
                claimed), latest, setOn, problems, parts, List.copyOf(rates.values()));
    }

    /** The result's stretches as the API shows them, each added to the rates charged ({@code rates}, by day set on). */
    private static List<InterestPeriod> periods(LatePaymentInterestResult result, InterestTerms terms,
            Map<String, AppliedRate> rates) {
        List<InterestPeriod> periods = new ArrayList<>();
        for (InterestSegment segment : result.segments()) {
            LocalDate setOn = halfYearStart((terms.debtor() == Debtor.PUBLIC_BODY ? result.segments().getFirst()
                    : segment).from());
            AppliedRate rate = new AppliedRate(setOn, segment.ratePercent(), segment.referenceRatePercent(),
                    segment.from(), segment.to());
            rates.merge(setOn + "|" + segment.ratePercent().toPlainString(), rate, AppliedRate::widen);
            periods.add(new InterestPeriod(segment.from(), segment.to(), segment.days(), segment.ratePercent(),
                    segment.referenceRatePercent(), setOn, rate.marginPoints(), segment.amount()));
        }
        return List.copyOf(periods);
    }

    /**
     * Each part paid late accrues interest on the amount paid from the day after the due date to the day it was paid
     * (or to the opening judgment, in insolvency proceedings); an invoice with nothing left to pay owes the €40
     * indemnity once, shown on its last part paid late (an invoice still open owes it with its open amount).
     */
    public List<LatePaidDue> latePaid(List<CustomerCase.PaidLate> latePaid, Currency currency, InterestTerms terms,
            @Nullable LocalDate stopAt, Set<String> beyond) {
        return latePaid(latePaid, currency, terms, stopAt, beyond, new TreeMap<>());
    }

    private List<LatePaidDue> latePaid(List<CustomerCase.PaidLate> latePaid, Currency currency, InterestTerms terms,
            @Nullable LocalDate stopAt, Set<String> beyond, Map<String, AppliedRate> rates) {
        Map<String, Integer> lastPart = new HashMap<>();
        for (int i = 0; i < latePaid.size(); i++) {
            lastPart.put(latePaid.get(i).entity() + "|" + latePaid.get(i).number(), i);
        }
        List<LatePaidDue> parts = new ArrayList<>();
        for (int i = 0; i < latePaid.size(); i++) {
            CustomerCase.PaidLate part = latePaid.get(i);
            LocalDate to = stopAt != null && stopAt.isBefore(part.paidOn()) ? stopAt : part.paidOn();
            long daysLate = Math.max(0, ChronoUnit.DAYS.between(part.dueDate(), to));
            Money paid = Money.of(part.paid(), currency);
            Money partInterest = Money.of(BigDecimal.ZERO, currency);
            List<InterestPeriod> periods = List.of();
            if (daysLate > 0) {
                LatePaymentInterestResult result = interest.compute(paid, part.dueDate(), to, terms);
                partInterest = result.total();
                periods = periods(result, terms, rates);
                result.segments().stream().filter(InterestSegment::beyondLastDataPoint)
                        .forEach(segment -> beyond.add(segment.from().toString().substring(0, 7)));
            }
            boolean completesIt = part.settled() && lastPart.get(part.entity() + "|" + part.number()) == i;
            Money indemnity = completesIt && daysLate > 0 && currency.getCurrencyCode().equals("EUR")
                    && RecoveryIndemnity.owedFor(part.dueDate()) ? RecoveryIndemnity.perLateInvoice() : null;
            parts.add(new LatePaidDue(part.number(), part.entity(), part.dueDate(), part.paidOn(), daysLate, paid,
                    partInterest, indemnity, periods));
        }
        return parts;
    }

    /** The rate that applies to a day late on {@code date}, to state it in a letter before anything is charged. */
    InterestSegment rateOn(LocalDate date, InterestTerms terms) {
        return interest.compute(Money.of(BigDecimal.ONE, Currency.getInstance("EUR")), date.minusDays(1), date, terms)
                .segments().getFirst();
    }

    static LocalDate halfYearStart(LocalDate date) {
        return LocalDate.of(date.getYear(), date.getMonthValue() <= 6 ? 1 : 7, 1);
    }

    private static Reason beyondData(String month) {
        return new Reason("(law)", null, null, "RATE_BEYOND_DATA", "The reference rate for the half-year from " + month
                + " is not in the bundled rate file: interest uses the last rate known, which may be wrong. Add the"
                + " half-year's rate and redeploy (" + RATE_DOCS + ").");
    }
}
