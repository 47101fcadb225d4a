package io.arbiter.law;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.arbiter.law.InterestSegment.RateBasis;
import io.arbiter.shared.Money;

/**
 * Late-payment interest (pénalités de retard), Code de commerce L441-10 II and Directive 2011/7/EU: amount incl. VAT ×
 * annual rate × days late / 365, from the day after the due date to the payment date, computed per half-year because the
 * rate is fixed for each half-year.
 *
 * <p>Statutory rate: the ECB main refinancing rate in force on 1 January (for days in January to June) or 1 July (July
 * to December), + 10 points for a business. A public body owes + 8 points on the ECB rate in force on the first day of
 * the half-year the interest started to run in, for the whole delay (Code de la commande publique R2192-31). A
 * contractual rate applies instead when the contract sets one, but never below 3 × the legal interest rate ("autres cas")
 * of the half-year. Interest runs from the first half-year the rate files cover (ECB rates from 2012, legal rates from
 * 2015), not earlier.
 */
public final class LatePaymentInterest {

    private static final BigDecimal BUSINESS_MARGIN = new BigDecimal("10");
    private static final BigDecimal PUBLIC_BODY_MARGIN = new BigDecimal("8");
    private static final BigDecimal FLOOR_MULTIPLE = new BigDecimal("3");
    // Percent (100) × the 365-day year the law divides by, even in leap years.
    private static final BigDecimal PERCENT_YEAR = new BigDecimal("36500");

    private final RateTable ecbMainRefinancingRates;
    private final RateTable legalInterestRates;

    /**
     * @param ecbMainRefinancingRates ECB MRO rates, see {@link RateTable#ECB_MRO_RATES}
     * @param legalInterestRates      French legal interest rates for professional creditors, one line per half-year, see
     *                                {@link RateTable#FRENCH_LEGAL_INTEREST_RATES}
     */
    public LatePaymentInterest(RateTable ecbMainRefinancingRates, RateTable legalInterestRates) {
        this.ecbMainRefinancingRates = Objects.requireNonNull(ecbMainRefinancingRates, "ecbMainRefinancingRates");
        this.legalInterestRates = Objects.requireNonNull(legalInterestRates, "legalInterestRates");
    }

    /** With the rate files shipped in the application. */
    public static LatePaymentInterest withBundledRates() {
        return new LatePaymentInterest(
                RateTable.fromClasspath(RateTable.ECB_MRO_RATES),
                RateTable.fromClasspath(RateTable.FRENCH_LEGAL_INTEREST_RATES));
    }

    /**
     * Interest on an invoice paid (or still unpaid) on {@code paidOn}.
     *
     * @param amountInclVat the invoice amount including VAT
     * @param dueDate       the due date on the invoice; the first day late is the day after
     * @param paidOn        the payment date, or the date to compute to for an unpaid invoice (counted as a day late)
     */
    public LatePaymentInterestResult compute(Money amountInclVat, LocalDate dueDate, LocalDate paidOn, InterestTerms terms) {
        Objects.requireNonNull(amountInclVat, "amountInclVat");
        Objects.requireNonNull(dueDate, "dueDate");
        Objects.requireNonNull(paidOn, "paidOn");
        Objects.requireNonNull(terms, "terms");
        List<InterestSegment> segments = new ArrayList<>();
        BigDecimal exactTotal = BigDecimal.ZERO;
        LocalDate from = dueDate.plusDays(1);
        LocalDate firstCovered = firstHalfYearCovered(terms);
        if (from.isBefore(firstCovered)) {
            // Days before the rate files are not charged: such a debt is over five years old, time-barred between
            // traders (Code de commerce L110-4), and the law of its time differed (+7 points before 2009, no €40 before
            // 2013). Failing instead would stop the dunning of the customer's other invoices.
            from = firstCovered;
        }
        // A public body's rate is not revised at the next half-year: R2192-31 fixes it when the interest starts to run.
        LocalDate publicBodyRateDate = halfYearStart(from);
        while (!from.isAfter(paidOn)) {
            LocalDate halfYearStart = halfYearStart(from);
            LocalDate halfYearEnd = halfYearStart.plusMonths(6).minusDays(1);
            LocalDate to = paidOn.isBefore(halfYearEnd) ? paidOn : halfYearEnd;
            long days = ChronoUnit.DAYS.between(from, to) + 1;
            Rate rate = rateFor(terms.debtor() == Debtor.PUBLIC_BODY ? publicBodyRateDate : halfYearStart, terms);
            BigDecimal exact = amountInclVat.amount()
                    .multiply(rate.percent)
                    .multiply(BigDecimal.valueOf(days))
                    .divide(PERCENT_YEAR, MathContext.DECIMAL64);
            exactTotal = exactTotal.add(exact);
            segments.add(new InterestSegment(from, to, days, rate.percent, rate.basis, rate.reference,
                    rate.beyondLastDataPoint, Money.of(exact, amountInclVat.currency())));
            from = to.plusDays(1);
        }
        // Rounded once, here: Money rounds half up to the cent.
        return new LatePaymentInterestResult(Money.of(exactTotal, amountInclVat.currency()), segments);
    }

    private Rate rateFor(LocalDate halfYearStart, InterestTerms terms) {
        if (terms.contractualRatePercent() == null) {
            RateLookup ecb = ecbMainRefinancingRates.rateOn(halfYearStart);
            boolean publicBody = terms.debtor() == Debtor.PUBLIC_BODY;
            return new Rate(
                    ecb.ratePercent().add(publicBody ? PUBLIC_BODY_MARGIN : BUSINESS_MARGIN),
                    publicBody ? RateBasis.ECB_PLUS_8 : RateBasis.ECB_PLUS_10,
                    ecb.ratePercent(),
                    ecb.beyondLastDataPoint());
        }
        RateLookup legal = legalInterestRates.rateOn(halfYearStart);
        BigDecimal floor = legal.ratePercent().multiply(FLOOR_MULTIPLE);
        if (terms.contractualRatePercent().compareTo(floor) < 0) {
            return new Rate(floor, RateBasis.CONTRACTUAL_RAISED_TO_FLOOR, legal.ratePercent(), legal.beyondLastDataPoint());
        }
        // The floor was checked against the legal rate of this half-year, so the flag still matters when it is stale.
        return new Rate(terms.contractualRatePercent(), RateBasis.CONTRACTUAL, terms.contractualRatePercent(),
                legal.beyondLastDataPoint());
    }

    /** The first half-year whose rate the terms' rate file knows: its first day, or the next half-year's. */
    private LocalDate firstHalfYearCovered(InterestTerms terms) {
        LocalDate first = (terms.contractualRatePercent() == null ? ecbMainRefinancingRates : legalInterestRates)
                .firstDataPoint();
        LocalDate start = halfYearStart(first);
        return start.equals(first) ? first : start.plusMonths(6);
    }

    private static LocalDate halfYearStart(LocalDate date) {
        return LocalDate.of(date.getYear(), date.getMonthValue() <= 6 ? 1 : 7, 1);
    }

    private record Rate(BigDecimal percent, RateBasis basis, BigDecimal reference, boolean beyondLastDataPoint) {
    }
}
