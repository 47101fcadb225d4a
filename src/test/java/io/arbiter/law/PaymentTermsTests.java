package io.arbiter.law;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class PaymentTermsTests {

    @Test
    void accepts_45_days_end_of_month_read_as_plus_45_days_then_end_of_month() {
        // Published example (méthode A): "Facture émise le 15 février [...] 15 février + 45 jours = 1er avril, fin du mois
        // d'avril = 30 avril" (ExpertFiscal, "Retard de paiement : comment appliquer les pénalités...",
        // https://expertfiscal.fr/retard-de-paiement-penalites-indemnite). Other limits, by hand for 2025:
        // end of February + 45 = 14 April; 15 February + 60 = 16 April. The latest is 30 April.
        var check = PaymentTerms.check(LocalDate.of(2025, 2, 15), LocalDate.of(2025, 4, 30), Debtor.BUSINESS);

        assertThat(check.compliant()).isTrue();
        assertThat(check.latestCompliantDueDate()).isEqualTo(LocalDate.of(2025, 4, 30));
        assertThat(PaymentTerms.check(LocalDate.of(2025, 2, 15), LocalDate.of(2025, 5, 1), Debtor.BUSINESS).compliant()).isFalse();
    }

    @Test
    void accepts_45_days_end_of_month_read_as_end_of_month_then_plus_45_days() {
        // Published example (option #2): "facture du 2 août, le règlement interviendra alors le 15 octobre (fin de mois =
        // 31 août + 45 jours : 15 octobre)"; option #1 gives the end of September (iQera, "Vous avez dit 45 jours fin de
        // mois ?", https://iqera.com/fr/etude-de-cas/vous-avez-dit-45-jours-fin-de-mois). 2 August + 60 = 1 October.
        var check = PaymentTerms.check(LocalDate.of(2025, 8, 2), LocalDate.of(2025, 10, 15), Debtor.BUSINESS);

        assertThat(check.compliant()).isTrue();
        assertThat(check.latestCompliantDueDate()).isEqualTo(LocalDate.of(2025, 10, 15));
        assertThat(PaymentTerms.check(LocalDate.of(2025, 8, 2), LocalDate.of(2025, 10, 16), Debtor.BUSINESS).compliant()).isFalse();
    }

    @Test
    void allows_60_days_from_the_invoice_date_when_that_is_later_than_45_days_end_of_month() {
        // By hand: invoice 31 January 2025. 60 days: 28 days to 28 February + 31 to 31 March + 1 = 1 April.
        // 31 January + 45 = 17 March → 31 March; 31 January (end of month) + 45 = 17 March. So 1 April is the latest.
        var check = PaymentTerms.check(LocalDate.of(2025, 1, 31), LocalDate.of(2025, 4, 1), Debtor.BUSINESS);

        assertThat(check.compliant()).isTrue();
        assertThat(check.latestCompliantDueDate()).isEqualTo(LocalDate.of(2025, 4, 1));
        assertThat(PaymentTerms.check(LocalDate.of(2025, 1, 31), LocalDate.of(2025, 4, 2), Debtor.BUSINESS).compliant()).isFalse();
    }

    @Test
    void limits_a_public_body_to_30_days() {
        // By hand (R2192-10 Code de la commande publique): 10 March 2025 + 30 days = 9 April 2025.
        var check = PaymentTerms.check(LocalDate.of(2025, 3, 10), LocalDate.of(2025, 4, 10), Debtor.PUBLIC_BODY);

        assertThat(check.compliant()).isFalse();
        assertThat(check.latestCompliantDueDate()).isEqualTo(LocalDate.of(2025, 4, 9));
    }
}
