package io.arbiter.pool.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.arbiter.pool.protocol.Bands;
import io.arbiter.pool.protocol.Contribution;
import io.arbiter.pool.client.Pseudonyms;

/** The signal maths and the bands, without a server. */
class SignalsTests {

    private static final YearMonth NOW = YearMonth.of(2026, 11);

    @Test
    void two_other_contributors_are_not_enough_and_old_reports_do_not_count() {
        List<Signals.Row> rows = List.of(row("b", 1, "ON_TIME", 5), row("c", 2, "1_15", 5), row("d", 13, "ON_TIME", 9));

        assertThat(Signals.of(rows, NOW, 3, 12)).isEqualTo(Contribution.Signal.without("INSUFFICIENT_DATA"));
    }

    @Test
    void late_share_and_median_band_weigh_every_invoice() {
        List<Signals.Row> rows = List.of(row("b", 1, "ON_TIME", 3), row("c", 1, "16_30", 1), row("d", 2, "OVER_90", 1),
                row("d", 2, "ON_TIME", 1));

        Contribution.Signal signal = Signals.of(rows, NOW, 3, 12);

        assertThat(signal.status()).isEqualTo("AVAILABLE");
        assertThat(signal.lateSharePercent()).isEqualTo(33);
        assertThat(signal.medianDaysBeyondTermsBand()).isEqualTo("ON_TIME");
        assertThat(signal.contributorsBand()).isEqualTo("3-5");
    }

    @Test
    void trend_compares_the_last_three_months_with_the_three_before() {
        List<Signals.Row> worsening = List.of(row("b", 1, "31_60", 4), row("c", 2, "1_15", 4), row("d", 3, "ON_TIME", 2),
                row("b", 4, "ON_TIME", 8), row("c", 5, "ON_TIME", 2), row("d", 6, "ON_TIME", 1));
        assertThat(Signals.of(worsening, NOW, 3, 12).trend3Months()).isEqualTo("WORSENING");
        assertThat(Signals.of(worsening, NOW, 3, 12).trend12Months()).isEqualTo("UNKNOWN");

        List<Signals.Row> improving = List.of(row("b", 1, "ON_TIME", 9), row("c", 2, "ON_TIME", 1), row("d", 3, "1_15", 1),
                row("b", 5, "61_90", 5), row("c", 4, "16_30", 1), row("d", 6, "1_15", 1));
        assertThat(Signals.of(improving, NOW, 3, 12).trend3Months()).isEqualTo("IMPROVING");

        List<Signals.Row> stable = List.of(row("b", 1, "1_15", 1), row("c", 2, "ON_TIME", 1), row("d", 3, "ON_TIME", 2),
                row("d", 5, "1_15", 1), row("b", 6, "ON_TIME", 1), row("c", 4, "ON_TIME", 2));
        assertThat(Signals.of(stable, NOW, 3, 12).trend3Months()).isEqualTo("STABLE");
    }

    @Test
    void a_trend_needs_k_members_in_each_period_and_only_members_that_count_towards_k() {
        List<Signals.Row> twoBefore = List.of(row("b", 1, "31_60", 4), row("c", 2, "1_15", 4), row("d", 3, "ON_TIME", 2),
                row("b", 4, "ON_TIME", 8), row("c", 5, "ON_TIME", 2));
        assertThat(Signals.of(twoBefore, NOW, 3, 12).trend3Months()).isEqualTo("UNKNOWN");

        List<Signals.Row> outsider = new ArrayList<>(List.of(row("b", 1, "ON_TIME", 1), row("c", 2, "ON_TIME", 1),
                row("d", 3, "ON_TIME", 1), row("e", 15, "OVER_90", 5)));
        assertThat(Signals.of(outsider, NOW, 3, 12).trend12Months()).as("e alone before, outside the window").isEqualTo("UNKNOWN");
        outsider.addAll(List.of(row("b", 15, "ON_TIME", 1), row("c", 16, "ON_TIME", 1), row("d", 20, "ON_TIME", 1)));
        assertThat(Signals.of(outsider, NOW, 3, 12).trend12Months()).as("e does not count towards k: it weighs nothing")
                .isEqualTo("STABLE");
    }

    @Test
    void contributors_appear_only_as_a_band() {
        assertThat(Signals.contributorsBand(3)).isEqualTo("3-5");
        assertThat(Signals.contributorsBand(5)).isEqualTo("3-5");
        assertThat(Signals.contributorsBand(6)).isEqualTo("6-10");
        assertThat(Signals.contributorsBand(10)).isEqualTo("6-10");
        assertThat(Signals.contributorsBand(11)).isEqualTo("MORE_THAN_10");
    }

    @Test
    void amounts_and_delays_are_banded_at_their_documented_edges() {
        assertThat(Bands.amount(new BigDecimal("999.99"))).isEqualTo("UNDER_1K");
        assertThat(Bands.amount(new BigDecimal("1000"))).isEqualTo("1K_5K");
        assertThat(Bands.amount(new BigDecimal("19999.99"))).isEqualTo("5K_20K");
        assertThat(Bands.amount(new BigDecimal("100000"))).isEqualTo("100K_AND_MORE");
        assertThat(Bands.daysBeyondTerms(0)).isEqualTo("ON_TIME");
        assertThat(Bands.daysBeyondTerms(1)).isEqualTo("1_15");
        assertThat(Bands.daysBeyondTerms(15)).isEqualTo("1_15");
        assertThat(Bands.daysBeyondTerms(16)).isEqualTo("16_30");
        assertThat(Bands.daysBeyondTerms(60)).isEqualTo("31_60");
        assertThat(Bands.daysBeyondTerms(90)).isEqualTo("61_90");
        assertThat(Bands.daysBeyondTerms(91)).isEqualTo("OVER_90");
    }

    @Test
    void pseudonyms_are_the_same_for_every_form_of_a_french_company_number_and_change_with_the_key() {
        Pseudonyms pseudonyms = new Pseudonyms("a-shared-key-of-the-pool");
        String siren = "402202006";

        assertThat(pseudonyms.of("FR", siren)).matches("[0-9a-f]{64}").doesNotContain(siren)
                .isEqualTo(pseudonyms.of("FR", "402 202 006"))
                .isEqualTo(pseudonyms.of("FR", "40220200600001"))
                .isEqualTo(pseudonyms.of("FR", "FR41402202006"))
                .isNotEqualTo(new Pseudonyms("another-key-entirely").of("FR", siren));
    }

    private static Signals.Row row(String member, int monthsAgo, String band, int invoices) {
        return new Signals.Row(member, NOW.minusMonths(monthsAgo), band, invoices);
    }
}
