package io.arbiter.insight.kpi;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The receivables KPIs as pure functions over amounts, so that each can be checked against a published worked example
 * (see {@code KpiFormulasTests}). Results are rounded to one decimal; a ratio whose denominator is zero has no value
 * (null) rather than a misleading 0.
 */
public final class KpiFormulas {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final MathContext PRECISION = MathContext.DECIMAL64;

    /** Payment trend: the last 3 months compared with the last 12. */
    public enum Trend { IMPROVING, STABLE, WORSENING, UNKNOWN }

    /** One month of credit sales for the countback method, most recent first. */
    record MonthSales(BigDecimal sales, int days) {
    }

    private KpiFormulas() {
    }

    /** DSO, simple method: ending total receivables / credit sales of the period × days in the period. */
    static @Nullable BigDecimal simpleDso(BigDecimal receivables, BigDecimal creditSales, int periodDays) {
        if (creditSales.signum() <= 0) {
            return null;
        }
        return receivables.multiply(BigDecimal.valueOf(periodDays)).divide(creditSales, PRECISION).setScale(1, RoundingMode.HALF_UP);
    }

    /**
     * DSO, countback method, over calendar months (the caller gives each month's own days: 28 to 31, and for the
     * current month the days up to the as-of day): take the most recent month's credit sales off the receivables and
     * count its days, then
     * the month before, and so on; the month that exhausts the receivables counts the fraction (remaining receivables /
     * its sales) of its days. Receivables that outlast every month given count all their days (the DSO is at least
     * that).
     */
    static @Nullable BigDecimal countbackDso(BigDecimal receivables, List<MonthSales> monthsMostRecentFirst) {
        if (receivables.signum() <= 0) {
            return receivables.signum() == 0 ? BigDecimal.ZERO.setScale(1) : null;
        }
        BigDecimal remaining = receivables;
        BigDecimal days = BigDecimal.ZERO;
        for (MonthSales month : monthsMostRecentFirst) {
            if (month.sales().signum() <= 0) {
                days = days.add(BigDecimal.valueOf(month.days()));
                continue;
            }
            if (remaining.compareTo(month.sales()) <= 0) {
                days = days.add(remaining.multiply(BigDecimal.valueOf(month.days())).divide(month.sales(), PRECISION));
                return days.setScale(1, RoundingMode.HALF_UP);
            }
            remaining = remaining.subtract(month.sales());
            days = days.add(BigDecimal.valueOf(month.days()));
        }
        return days.setScale(1, RoundingMode.HALF_UP);
    }

    /**
     * Collection effectiveness index, in percent: what was collected in the period out of what was there to collect,
     * (beginning receivables + credit sales of the period − ending total receivables) / (beginning receivables + credit
     * sales of the period − ending current receivables) × 100 (AccountingTools, "Collection effectiveness index";
     * Gaviti, "Collection Effectiveness Index"), with the whole period's credit sales: the report's {@code period}
     * form. The standard form ({@link #standardCei}) divides the sales by the period's months.
     */
    static @Nullable BigDecimal cei(BigDecimal beginningReceivables, BigDecimal creditSales, BigDecimal endingTotal,
            BigDecimal endingCurrent) {
        BigDecimal collectible = beginningReceivables.add(creditSales).subtract(endingCurrent);
        if (collectible.signum() <= 0) {
            return null;
        }
        return beginningReceivables.add(creditSales).subtract(endingTotal).multiply(HUNDRED)
                .divide(collectible, PRECISION).setScale(1, RoundingMode.HALF_UP);
    }

    /**
     * Collection effectiveness index in the Credit Research Foundation's standard form, in percent: (beginning
     * receivables + credit sales / N − ending total receivables) / (beginning receivables + credit sales / N − ending
     * current receivables) × 100, N being the period's number of months, so the sales are the average monthly credit
     * sales. For one month it is {@link #cei}.
     */
    static @Nullable BigDecimal standardCei(BigDecimal beginningReceivables, BigDecimal creditSales, BigDecimal months,
            BigDecimal endingTotal, BigDecimal endingCurrent) {
        if (months.signum() <= 0) {
            return null;
        }
        return cei(beginningReceivables, creditSales.divide(months, PRECISION), endingTotal, endingCurrent);
    }

    /**
     * DSO on average receivables: (beginning + ending receivables) / 2 / credit sales of the period × days in the
     * period, which smooths a balance that swings within the period.
     */
    static @Nullable BigDecimal averageDso(BigDecimal beginningReceivables, BigDecimal endingReceivables,
            BigDecimal creditSales, int periodDays) {
        BigDecimal average = beginningReceivables.add(endingReceivables).divide(BigDecimal.valueOf(2), PRECISION);
        return simpleDso(average, creditSales, periodDays);
    }

    /**
     * Days beyond terms: DSO − best possible DSO, both on the period's credit sales and days, i.e. the receivables past
     * their due date / credit sales × days (Credit Research Foundation). Computed once, unrounded, so it equals the
     * difference of the two rounded figures give or take a tenth.
     */
    static @Nullable BigDecimal daysBeyondTerms(BigDecimal endingTotal, BigDecimal endingCurrent, BigDecimal creditSales,
            int periodDays) {
        return simpleDso(endingTotal.subtract(endingCurrent), creditSales, periodDays);
    }

    /** part / whole × 100, one decimal; null when the whole is zero. */
    public static @Nullable BigDecimal percent(BigDecimal part, BigDecimal whole) {
        if (whole.signum() == 0) {
            return null;
        }
        return part.multiply(HUNDRED).divide(whole, PRECISION).setScale(1, RoundingMode.HALF_UP);
    }

    /** Σ(amount × days late) / Σ amount: days late weighted by amount, one decimal; null when nothing was paid. */
    public static @Nullable BigDecimal weightedAverage(BigDecimal amountTimesDays, BigDecimal amount) {
        if (amount.signum() == 0) {
            return null;
        }
        return amountTimesDays.divide(amount, PRECISION).setScale(1, RoundingMode.HALF_UP);
    }

    /**
     * WORSENING when the last 3 months' weighted days late exceed the last 12 months' by more than the threshold,
     * IMPROVING when they are below by more than it, STABLE otherwise; UNKNOWN without both.
     */
    public static Trend trend(@Nullable BigDecimal lastThreeMonths, @Nullable BigDecimal lastTwelveMonths, int thresholdDays) {
        if (lastThreeMonths == null || lastTwelveMonths == null) {
            return Trend.UNKNOWN;
        }
        BigDecimal difference = lastThreeMonths.subtract(lastTwelveMonths);
        if (difference.compareTo(BigDecimal.valueOf(thresholdDays)) > 0) {
            return Trend.WORSENING;
        }
        if (difference.compareTo(BigDecimal.valueOf(-thresholdDays)) < 0) {
            return Trend.IMPROVING;
        }
        return Trend.STABLE;
    }
}
