package io.arbiter.law;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;

import org.junit.jupiter.api.Test;

import io.arbiter.law.InterestSegment.RateBasis;
import io.arbiter.shared.Money;

class LatePaymentInterestTests {

    private static final Currency EUR = Currency.getInstance("EUR");

    private final LatePaymentInterest interest = LatePaymentInterest.withBundledRates();

    @Test
    void applies_the_contract_rate_to_the_amount_for_the_days_late_over_365() {
        // Published example: "une facture de 5 000 € avec un taux de pénalité de 10 % et un retard de 30 jours [...]
        // 41,10 € de pénalités" (Les Jooristes, "Comment calculer les pénalités de retard ?", 16 Oct 2024,
        // https://lesjooristes.fr/post/comment-calculer-les-pénalités-de-retard).
        // 5000 × 10 % × 30 / 365 = 41.0958… → 41.10. Dated in 2021 so 10 % is above the floor (3 × 0.79 % = 2.37 %).
        var result = interest.compute(eur("5000.00"), LocalDate.of(2021, 3, 1), LocalDate.of(2021, 3, 31),
                InterestTerms.contractual(new BigDecimal("10")));

        assertThat(result.total()).isEqualTo(eur("41.10"));
        assertThat(result.daysLate()).isEqualTo(30);
        assertThat(result.segments()).singleElement().satisfies(segment -> {
            assertThat(segment.from()).isEqualTo(LocalDate.of(2021, 3, 2));
            assertThat(segment.to()).isEqualTo(LocalDate.of(2021, 3, 31));
            assertThat(segment.basis()).isEqualTo(RateBasis.CONTRACTUAL);
        });
    }

    @Test
    void uses_the_ecb_rate_of_1_july_plus_10_points_for_a_delay_inside_the_second_half_year() {
        // Published rate: "taux de refinancement semestriel de la BCE majoré de 10 points. Depuis le mois de juin 2024,
        // ce taux est évalué à 4,25 soit au total 14,25 %" (Bpifrance Création, "Taux des pénalités de retard",
        // https://bpifrance-creation.fr/boiteaoutils/taux-penalites-retard). The MRO rate on 1 July 2024 was 4.25 %
        // (Banque de France, https://www.banque-france.fr/en/policy-rates: 12 June 2024, 4.25).
        // By hand: due 30 Sept 2024, paid 30 Oct 2024: 1 Oct to 30 Oct = 30 days; 10 000 × 14.25 % × 30 / 365 = 117.1232… → 117.12.
        var result = interest.compute(eur("10000.00"), LocalDate.of(2024, 9, 30), LocalDate.of(2024, 10, 30),
                InterestTerms.statutoryBusiness());

        assertThat(result.total()).isEqualTo(eur("117.12"));
        assertThat(result.segments()).singleElement().satisfies(segment -> {
            assertThat(segment.days()).isEqualTo(30);
            assertThat(segment.ratePercent()).isEqualByComparingTo("14.25");
            assertThat(segment.referenceRatePercent()).isEqualByComparingTo("4.25");
            assertThat(segment.basis()).isEqualTo(RateBasis.ECB_PLUS_10);
        });
        assertThat(result.beyondLastDataPoint()).isFalse();
    }

    @Test
    void splits_a_delay_across_30_june_into_two_half_years_with_their_own_rates() {
        // By hand (no published example found for a split): the MRO rate was 2.50 % on 1 January 2023 (since
        // 21 Dec 2022) and 4.00 % on 1 July 2023 (since 21 June 2023), Banque de France policy-rates page.
        // Due 15 June 2023, paid 15 July 2023: 16–30 June = 15 days at 12.50 %, 1–15 July = 15 days at 14.00 %.
        // 10 000 × 12.50 % × 15 / 365 = 51.3698…; 10 000 × 14.00 % × 15 / 365 = 57.5342…; sum 108.9041… → 108.90.
        var result = interest.compute(eur("10000.00"), LocalDate.of(2023, 6, 15), LocalDate.of(2023, 7, 15),
                InterestTerms.statutoryBusiness());

        assertThat(result.total()).isEqualTo(eur("108.90"));
        assertThat(result.segments()).hasSize(2);
        var first = result.segments().get(0);
        var second = result.segments().get(1);
        assertThat(first.from()).isEqualTo(LocalDate.of(2023, 6, 16));
        assertThat(first.to()).isEqualTo(LocalDate.of(2023, 6, 30));
        assertThat(first.days()).isEqualTo(15);
        assertThat(first.ratePercent()).isEqualByComparingTo("12.50");
        assertThat(first.amount()).isEqualTo(eur("51.37"));
        assertThat(second.from()).isEqualTo(LocalDate.of(2023, 7, 1));
        assertThat(second.to()).isEqualTo(LocalDate.of(2023, 7, 15));
        assertThat(second.days()).isEqualTo(15);
        assertThat(second.ratePercent()).isEqualByComparingTo("14.00");
        assertThat(second.amount()).isEqualTo(eur("57.53"));
    }

    @Test
    void raises_a_contract_rate_below_three_times_the_legal_rate_to_that_floor() {
        // Published floor: "Le contrat ou les conditions générales de vente ne peuvent donc prévoir un taux inférieur à
        // 3 fois le taux de l'intérêt légal. Au second semestre 2024 : 14,76 % (3 X 4,92 %)" (Bpifrance Création,
        // https://bpifrance-creation.fr/boiteaoutils/taux-penalites-retard).
        // By hand: 10 % in the contract, due 30 Sept 2024, paid 30 Oct 2024, 30 days:
        // 10 000 × 14.76 % × 30 / 365 = 121.3150… → 121.32.
        var result = interest.compute(eur("10000.00"), LocalDate.of(2024, 9, 30), LocalDate.of(2024, 10, 30),
                InterestTerms.contractual(new BigDecimal("10")));

        assertThat(result.total()).isEqualTo(eur("121.32"));
        assertThat(result.segments()).singleElement().satisfies(segment -> {
            assertThat(segment.ratePercent()).isEqualByComparingTo("14.76");
            assertThat(segment.basis()).isEqualTo(RateBasis.CONTRACTUAL_RAISED_TO_FLOOR);
            assertThat(segment.referenceRatePercent()).isEqualByComparingTo("4.92");
        });
    }

    @Test
    void charges_a_public_body_the_ecb_rate_plus_8_points() {
        // By hand: the MRO rate on 1 January 2024 was 4.50 % (since 20 Sept 2023, Banque de France policy-rates page),
        // so 12.50 % (EU 2011/7 art. 4, Code de la commande publique R2192-31). Due 31 Jan 2024, paid 2 March 2024:
        // 29 days of February 2024 (leap year) + 2 = 31 days; the divisor stays 365.
        // 10 000 × 12.50 % × 31 / 365 = 106.1643… → 106.16.
        var result = interest.compute(eur("10000.00"), LocalDate.of(2024, 1, 31), LocalDate.of(2024, 3, 2),
                InterestTerms.publicBody());

        assertThat(result.total()).isEqualTo(eur("106.16"));
        assertThat(result.segments()).singleElement().satisfies(segment -> {
            assertThat(segment.days()).isEqualTo(31);
            assertThat(segment.ratePercent()).isEqualByComparingTo("12.50");
            assertThat(segment.basis()).isEqualTo(RateBasis.ECB_PLUS_8);
        });
    }

    @Test
    void keeps_a_public_body_s_rate_of_the_half_year_its_interest_started_in_for_the_whole_delay() {
        // Code de la commande publique R2192-31: the ECB rate "en vigueur au premier jour du semestre de l'année civile
        // au cours duquel les intérêts moratoires ont commencé à courir", + 8 points; unlike L441-10 between businesses,
        // the rate is not changed at the next half-year. By hand: due 15 June 2023, paid 15 July 2023; interest starts
        // on 16 June 2023, in the first half-year, whose ECB rate was 2.50 % (since 21 Dec 2022): 10.50 % for all 30 days.
        // 10 000 × 10.50 % × 30 / 365 = 86.3013… → 86.30 (not 92.47, as 15 days at 10.50 % and 15 at 4.00 + 8 = 12 %).
        var result = interest.compute(eur("10000.00"), LocalDate.of(2023, 6, 15), LocalDate.of(2023, 7, 15),
                InterestTerms.publicBody());

        assertThat(result.total()).isEqualTo(eur("86.30"));
        assertThat(result.daysLate()).isEqualTo(30);
        assertThat(result.segments()).extracting(InterestSegment::ratePercent)
                .allSatisfy(rate -> assertThat(rate).isEqualByComparingTo("10.50"));
    }

    @Test
    void rounds_half_up_to_the_cent_once_on_the_sum_not_per_segment() {
        // By hand: 14.60 € at 10 % for one day is 14.60 × 10 / 36 500 = 0.004 €. Due 29 June 2021, paid 1 July 2021:
        // one day in each half-year, 0.004 + 0.004 = 0.008 → 0.01, where rounding each segment first would give 0.00.
        var result = interest.compute(eur("14.60"), LocalDate.of(2021, 6, 29), LocalDate.of(2021, 7, 1),
                InterestTerms.contractual(new BigDecimal("10")));

        assertThat(result.segments()).extracting(InterestSegment::amount).containsExactly(eur("0.00"), eur("0.00"));
        assertThat(result.total()).isEqualTo(eur("0.01"));
    }

    @Test
    void rounds_an_exact_half_cent_up() {
        // By hand: 18.25 € at 10 % for one day = 18.25 × 10 / 36 500 = 0.005 exactly → 0.01 (half up, not half even).
        var result = interest.compute(eur("18.25"), LocalDate.of(2021, 3, 1), LocalDate.of(2021, 3, 2),
                InterestTerms.contractual(new BigDecimal("10")));

        assertThat(result.total()).isEqualTo(eur("0.01"));
    }

    @Test
    void owes_nothing_when_paid_on_the_due_date() {
        var result = interest.compute(eur("10000.00"), LocalDate.of(2024, 9, 30), LocalDate.of(2024, 9, 30),
                InterestTerms.statutoryBusiness());

        assertThat(result.total()).isEqualTo(eur("0.00"));
        assertThat(result.segments()).isEmpty();
        assertThat(result.daysLate()).isZero();
    }

    @Test
    void uses_the_last_known_rate_and_says_so_when_the_half_year_is_beyond_the_rate_file() {
        var ecb = RateTable.parse("ecb-test.csv", new StringReader("""
                effective_date,rate_percent
                2025-06-11,2.15
                """));
        var legal = RateTable.parse("legal-test.csv", new StringReader("""
                half_year_start,professional_rate_percent
                2025-07-01,2.76
                """));
        // By hand: due 31 Dec 2025, paid 10 Jan 2026, 10 days; 1 January 2026 is after the last line, so 2.15 + 10 = 12.15 %,
        // flagged. 1000 × 12.15 % × 10 / 365 = 3.3287… → 3.33.
        var result = new LatePaymentInterest(ecb, legal).compute(eur("1000.00"), LocalDate.of(2025, 12, 31),
                LocalDate.of(2026, 1, 10), InterestTerms.statutoryBusiness());

        assertThat(result.total()).isEqualTo(eur("3.33"));
        assertThat(result.beyondLastDataPoint()).isTrue();
        assertThat(result.segments()).singleElement().satisfies(segment -> assertThat(segment.ratePercent()).isEqualByComparingTo("12.15"));
    }

    @Test
    void charges_nothing_for_the_days_before_the_first_half_year_the_rate_file_covers() {
        // The bundled ECB file starts on 14 Dec 2011 (1.00 %), so its first whole half-year is 2012's first. By hand: due
        // 30 June 2011, paid 31 Jan 2012: 1 to 31 Jan 2012, 31 days; 10 000 × 11 % × 31 / 365 = 93.4246… → 93.42.
        var result = interest.compute(eur("10000.00"), LocalDate.of(2011, 6, 30), LocalDate.of(2012, 1, 31),
                InterestTerms.statutoryBusiness());

        assertThat(result.total()).isEqualTo(eur("93.42"));
        assertThat(result.segments()).singleElement().satisfies(segment -> {
            assertThat(segment.from()).isEqualTo(LocalDate.of(2012, 1, 1));
            assertThat(segment.ratePercent()).isEqualByComparingTo("11.00");
        });
    }

    @Test
    void the_fixed_recovery_indemnity_is_40_euros_per_late_invoice() {
        // Code de commerce D441-5; "une indemnité forfaitaire dont le montant est de 40 €. Elle n'est pas due pour chaque
        // jour de dépassement mais peut être exigée pour chaque facture" (Bpifrance Création,
        // https://bpifrance-creation.fr/boiteaoutils/taux-penalites-retard).
        assertThat(RecoveryIndemnity.perLateInvoice()).isEqualTo(eur("40.00"));
    }

    private static Money eur(String amount) {
        return Money.of(new BigDecimal(amount), EUR);
    }
}
