package io.arbiter.law;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class DeadlinesTests {

    @Test
    void a_claim_must_be_declared_within_two_months_of_the_bodacc_publication() {
        // "Dans un délai de deux mois à compter de la publication au BODACC [...] du jugement d'ouverture" (Infogreffe,
        // "Déclaration d'une créance au mandataire judiciaire", https://infogreffe.fr/guide-des-formalites/entreprises-en-difficulte/procedures-collectives/declaration-d-une-creance-au-mandataire-judiciaire).
        // By hand: published 15 March 2025 → 15 May 2025.
        assertThat(ClaimDeclaration.deadline(LocalDate.of(2025, 3, 15), CreditorDomicile.METROPOLITAN_FRANCE))
                .isEqualTo(LocalDate.of(2025, 5, 15));
    }

    @Test
    void a_claim_published_on_31_december_is_due_at_the_end_of_february() {
        // By hand (CPC art. 641: no 31 February, so the month's last day): 31 Dec 2025 → 28 Feb 2026; 31 Dec 2023 → 29 Feb 2024.
        assertThat(ClaimDeclaration.deadline(LocalDate.of(2025, 12, 31), CreditorDomicile.METROPOLITAN_FRANCE))
                .isEqualTo(LocalDate.of(2026, 2, 28));
        assertThat(ClaimDeclaration.deadline(LocalDate.of(2023, 12, 31), CreditorDomicile.METROPOLITAN_FRANCE))
                .isEqualTo(LocalDate.of(2024, 2, 29));
    }

    @Test
    void a_creditor_outside_metropolitan_france_has_four_months() {
        // Published example: judgment published in the BODACC on 8 December, claim declared by a Portuguese bank on 7 April
        // "soit à l'intérieur du délai de quatre mois" (Cass. com. 15 Oct 2013, commented by Allez & Associés,
        // https://allezassocies.com/articles/cass-com-15-octobre-2013-3). The deadline itself is 8 April.
        var deadline = ClaimDeclaration.deadline(LocalDate.of(2011, 12, 8), CreditorDomicile.OUTSIDE_METROPOLITAN_FRANCE);

        assertThat(deadline).isEqualTo(LocalDate.of(2012, 4, 8));
        assertThat(LocalDate.of(2012, 4, 7)).isBeforeOrEqualTo(deadline);
        // By hand: published 31 October 2025 → 28 February 2026 (no 31 February).
        assertThat(ClaimDeclaration.deadline(LocalDate.of(2025, 10, 31), CreditorDomicile.OUTSIDE_METROPOLITAN_FRANCE))
                .isEqualTo(LocalDate.of(2026, 2, 28));
    }

    @Test
    void an_overdue_must_be_reported_to_the_credit_insurer_within_the_policy_period_after_the_due_date() {
        // By hand: due 31 March 2025, 90-day reporting period: 30 days to 30 April, 31 to 31 May, 29 to 29 June.
        var deadlines = new CreditInsuranceTerms(90, 0).deadlinesFor(LocalDate.of(2025, 3, 31));

        assertThat(deadlines.extendedDueDate()).isEqualTo(LocalDate.of(2025, 3, 31));
        assertThat(deadlines.reportBy()).isEqualTo(LocalDate.of(2025, 6, 29));
        assertThat(deadlines.coverLostFrom()).isEqualTo(LocalDate.of(2025, 6, 30));
        assertThat(deadlines.isForeclosed(LocalDate.of(2025, 6, 29))).isFalse();
        assertThat(deadlines.isForeclosed(LocalDate.of(2025, 6, 30))).isTrue();
    }

    @Test
    void an_extension_moves_the_due_date_before_the_reporting_period_runs() {
        // By hand: due 31 March 2025 extended by 60 days → 30 May 2025; + 90 days → 28 August 2025.
        var deadlines = new CreditInsuranceTerms(90, 60).deadlinesFor(LocalDate.of(2025, 3, 31));

        assertThat(deadlines.extendedDueDate()).isEqualTo(LocalDate.of(2025, 5, 30));
        assertThat(deadlines.reportBy()).isEqualTo(LocalDate.of(2025, 8, 28));
        assertThat(deadlines.coverLostFrom()).isEqualTo(LocalDate.of(2025, 8, 29));
    }

    @Test
    void insurance_terms_reject_negative_periods() {
        assertThatThrownBy(() -> new CreditInsuranceTerms(-1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CreditInsuranceTerms(90, -5)).isInstanceOf(IllegalArgumentException.class);
    }
}
