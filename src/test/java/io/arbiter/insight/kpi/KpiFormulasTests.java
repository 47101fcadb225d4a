package io.arbiter.insight.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Each KPI formula against a published worked example; the source is cited beside each. */
class KpiFormulasTests {

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    @Test
    void simple_dso_is_receivables_over_credit_sales_times_days() {
        // Source: Mesha, "The 2 DSO Calculation Formulas: Simple vs Countback Method Explained"
        // (https://trymesha.com/blog/the-2-dso-calculation-formulas-simple-vs-countback-method-explained/):
        // receivables $150,000, annual credit sales $1,800,000, 365 days -> DSO 30.4 days.
        assertThat(KpiFormulas.simpleDso(d("150000"), d("1800000"), 365)).isEqualByComparingTo("30.4");
    }

    @Test
    void countback_dso_counts_whole_months_then_the_fraction_of_the_month_that_exhausts_receivables() {
        // Source: Benji Pays, "Mastering DSO Calculation: The Count-Back Method Explained"
        // (https://support.benjipays.com/support/solutions/articles/150000179580), same example in Mesha's article above:
        // ending receivables $212,000; month 3 (latest) $100,000, month 2 $80,000, month 1 $70,000, 30 days each:
        // 212,000 - 100,000 - 80,000 = 32,000 left -> 30 + 30 + 32,000 / 70,000 x 30 = 73.7 days.
        List<KpiFormulas.MonthSales> months = List.of(new KpiFormulas.MonthSales(d("100000"), 30),
                new KpiFormulas.MonthSales(d("80000"), 30), new KpiFormulas.MonthSales(d("70000"), 30));
        assertThat(KpiFormulas.countbackDso(d("212000"), months)).isEqualByComparingTo("73.7");
    }

    @Test
    void countback_dso_counts_every_month_when_receivables_outlast_the_sales_given() {
        List<KpiFormulas.MonthSales> months = List.of(new KpiFormulas.MonthSales(d("100"), 31),
                new KpiFormulas.MonthSales(BigDecimal.ZERO, 30));
        assertThat(KpiFormulas.countbackDso(d("500"), months)).isEqualByComparingTo("61.0");
        assertThat(KpiFormulas.countbackDso(BigDecimal.ZERO, months)).isEqualByComparingTo("0");
    }

    @Test
    void cei_compares_what_was_collected_with_what_was_collectible_over_the_period() {
        // Source: AccountingTools, "Collection effectiveness index"
        // (https://www.accountingtools.com/articles/collection-effectiveness-index), with the aged trial balance of
        // CreditGuru's "Collection Effectiveness Index (CEI)" example: Jan-Mar credit sales 10,890 (the whole period's),
        // beginning receivables 6,200, ending total 6,340, ending current 3,590:
        // (6,200 + 10,890 - 6,340) / (6,200 + 10,890 - 3,590) x 100 = 10,750 / 13,500 x 100 = 79.6 %.
        assertThat(KpiFormulas.cei(d("6200"), d("10890"), d("6340"), d("3590"))).isEqualByComparingTo("79.6");
    }

    @Test
    void standard_cei_divides_the_period_s_credit_sales_by_its_months() {
        // Source: Credit Research Foundation, "Collection Effectiveness Index" (creditresearch.org, the formula of its
        // National Summary of Domestic Trade Receivables): [beginning receivables + credit sales / N - ending total]
        // / [beginning receivables + credit sales / N - ending current] x 100, N the period's months. CreditGuru's
        // quarter (above): (6,200 + 10,890 / 3 - 6,340) / (6,200 + 3,630 - 3,590) x 100 = 3,490 / 6,240 = 55.9 %;
        // for one month the two forms agree.
        assertThat(KpiFormulas.standardCei(d("6200"), d("10890"), d("3"), d("6340"), d("3590"))).isEqualByComparingTo("55.9");
        assertThat(KpiFormulas.standardCei(d("6200"), d("10890"), d("1"), d("6340"), d("3590")))
                .isEqualByComparingTo(KpiFormulas.cei(d("6200"), d("10890"), d("6340"), d("3590")));
    }

    @Test
    void dso_on_average_receivables_and_days_beyond_terms() {
        // Source: Corporate Finance Institute, "Days Sales Outstanding": DSO = average accounts receivable / credit
        // sales x days; Credit Research Foundation: best possible DSO = current receivables / credit sales x days, and
        // days beyond terms = DSO - best possible DSO. Receivables 5,800 at the start and 5,300 at the end of a 91-day
        // quarter with 6,500 of credit sales, 3,000 of them current: average DSO 5,550 / 6,500 x 91 = 77.7; best
        // possible 3,000 / 6,500 x 91 = 42.0; days beyond terms 74.2 - 42.0 = 32.2.
        assertThat(KpiFormulas.averageDso(d("5800"), d("5300"), d("6500"), 91)).isEqualByComparingTo("77.7");
        assertThat(KpiFormulas.simpleDso(d("3000"), d("6500"), 91)).isEqualByComparingTo("42.0");
        assertThat(KpiFormulas.daysBeyondTerms(d("5300"), d("3000"), d("6500"), 91)).isEqualByComparingTo("32.2");
    }

    @Test
    void cei_over_a_year_with_the_year_s_credit_sales() {
        // Source: Gaviti, "Collection Effectiveness Index (CEI)" (https://gaviti.com/glossary/collection-effectiveness-index-cei/):
        // beginning receivables $100,000, credit sales $1,000,000 over 12 months, ending total $120,000, ending current
        // $100,000 -> (100,000 + 1,000,000 - 120,000) / (100,000 + 1,000,000 - 100,000) x 100 = 98 %.
        assertThat(KpiFormulas.cei(d("100000"), d("1000000"), d("120000"), d("100000"))).isEqualByComparingTo("98.0");
    }

    @Test
    void percent_overdue_from_an_aged_trial_balance() {
        // Source: the CreditGuru aged trial balance above, March: A/R balance 6,340 of which 3,590 current, so
        // 2,750 past due -> 43.4 % of receivables overdue.
        assertThat(KpiFormulas.percent(d("6340").subtract(d("3590")), d("6340"))).isEqualByComparingTo("43.4");
        assertThat(KpiFormulas.percent(BigDecimal.ONE, BigDecimal.ZERO)).isNull();
    }

    @Test
    void average_days_late_is_weighted_by_amount() {
        // 1,000 paid 10 days late, 2,000 on time, 4,000 48 days late: (10,000 + 0 + 192,000) / 7,000 = 28.9 days,
        // where an unweighted average would say 19.3.
        BigDecimal weighted = d("1000").multiply(d("10")).add(d("4000").multiply(d("48")));
        assertThat(KpiFormulas.weightedAverage(weighted, d("7000"))).isEqualByComparingTo("28.9");
        assertThat(KpiFormulas.weightedAverage(BigDecimal.ZERO, BigDecimal.ZERO)).isNull();
    }

    @Test
    void trend_compares_the_last_three_months_with_the_last_twelve() {
        assertThat(KpiFormulas.trend(d("28.9"), d("16.9"), 5)).isEqualTo(KpiFormulas.Trend.WORSENING);
        assertThat(KpiFormulas.trend(d("2"), d("16.9"), 5)).isEqualTo(KpiFormulas.Trend.IMPROVING);
        assertThat(KpiFormulas.trend(d("20"), d("16.9"), 5)).isEqualTo(KpiFormulas.Trend.STABLE);
        assertThat(KpiFormulas.trend(null, d("16.9"), 5)).isEqualTo(KpiFormulas.Trend.UNKNOWN);
    }
}
