package io.arbiter.law;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RateTableTests {

    @Test
    void the_bundled_ecb_rates_give_the_rate_in_force_on_a_date() {
        // Banque de France, https://www.banque-france.fr/en/policy-rates: 2 August 2023, MRO 4.25; 20 September 2023, 4.50.
        var ecb = RateTable.fromClasspath(RateTable.ECB_MRO_RATES);

        assertThat(ecb.rateOn(LocalDate.of(2023, 9, 19)).ratePercent()).isEqualByComparingTo("4.25");
        assertThat(ecb.rateOn(LocalDate.of(2023, 9, 20)).ratePercent()).isEqualByComparingTo("4.50");
        assertThat(ecb.rateOn(LocalDate.of(2020, 1, 1)).ratePercent()).isEqualByComparingTo("0.00");
        assertThat(ecb.rateOn(LocalDate.of(2026, 1, 1)).beyondLastDataPoint()).isFalse();
    }

    @Test
    void the_bundled_legal_rates_have_one_line_per_half_year_from_2015() {
        // 2026 S1: arrêté du 15 décembre 2025, JORF du 26 décembre 2025, "tous les autres cas : à 2,62 %"
        // (https://juriblio.fr/arretes/arrete-du-15-decembre-2025/187383136).
        var legal = RateTable.fromClasspath(RateTable.FRENCH_LEGAL_INTEREST_RATES);

        assertThat(legal.rateOn(LocalDate.of(2015, 1, 1)).ratePercent()).isEqualByComparingTo("0.93");
        assertThat(legal.rateOn(LocalDate.of(2026, 1, 1)).ratePercent()).isEqualByComparingTo("2.62");
        assertThat(legal.lastDataPoint().getMonthValue()).isIn(1, 7);
    }

    @Test
    void a_date_after_the_last_line_gets_the_last_rate_flagged_instead_of_failing() {
        var table = RateTable.parse("rates.csv", new StringReader("""
                # a comment
                effective_date,rate_percent
                2025-04-23,2.40
                2025-06-11,2.15
                """));

        var lookup = table.rateOn(LocalDate.of(2030, 1, 1));

        assertThat(lookup.ratePercent()).isEqualByComparingTo("2.15");
        assertThat(lookup.effectiveFrom()).isEqualTo(LocalDate.of(2025, 6, 11));
        assertThat(lookup.beyondLastDataPoint()).isTrue();
        assertThat(table.rateOn(LocalDate.of(2025, 6, 11)).beyondLastDataPoint()).isFalse();
    }

    @Test
    void a_date_before_the_first_line_is_refused() {
        var table = RateTable.parse("rates.csv", new StringReader("effective_date,rate_percent\n2025-06-11,2.15\n"));

        assertThatThrownBy(() -> table.rateOn(LocalDate.of(2025, 6, 10)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rates.csv");
    }

    @Test
    void a_bad_date_names_the_file_and_line() {
        assertThatThrownBy(() -> RateTable.parse("rates.csv", new StringReader("""
                # source
                effective_date,rate_percent
                2025-06-11,2.15
                11/06/2025,2.15
                """)))
                .isInstanceOf(RateTableException.class)
                .hasMessage("rates.csv, line 4: '11/06/2025' is not a date (yyyy-mm-dd)");
    }

    @Test
    void a_bad_rate_names_the_file_and_line() {
        assertThatThrownBy(() -> RateTable.parse("rates.csv", new StringReader("effective_date,rate_percent\n2025-06-11,2,15\n")))
                .isInstanceOf(RateTableException.class)
                .hasMessage("rates.csv, line 2: expected 2 columns (date,rate_percent), found 3");
        assertThatThrownBy(() -> RateTable.parse("rates.csv", new StringReader("effective_date,rate_percent\n2025-06-11,two\n")))
                .isInstanceOf(RateTableException.class)
                .hasMessage("rates.csv, line 2: 'two' is not a rate in percent");
    }

    @Test
    void dates_out_of_order_name_the_file_and_line() {
        assertThatThrownBy(() -> RateTable.parse("rates.csv", new StringReader(
                "effective_date,rate_percent\n2025-06-11,2.15\n2025-04-23,2.40\n")))
                .isInstanceOf(RateTableException.class)
                .hasMessage("rates.csv, line 3: date 2025-04-23 is not after the previous line's 2025-06-11");
    }

    @Test
    void a_file_without_rates_is_refused() {
        assertThatThrownBy(() -> RateTable.parse("rates.csv", new StringReader("# nothing yet\neffective_date,rate_percent\n")))
                .isInstanceOf(RateTableException.class).hasMessage("rates.csv: no rates");
    }

    @Test
    void an_operator_file_is_read_from_its_path_and_named_in_errors(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ecb.csv");
        Files.writeString(file, "effective_date,rate_percent\n2026-03-19,2.00\n");
        assertThat(RateTable.fromFile(file).rateOn(LocalDate.of(2026, 7, 1)).ratePercent()).isEqualByComparingTo("2.00");

        Files.writeString(file, "effective_date,rate_percent\n2026-03-19,\n");
        assertThatThrownBy(() -> RateTable.fromFile(file))
                .isInstanceOf(RateTableException.class).hasMessageStartingWith(file + ", line 2:");
        assertThatThrownBy(() -> RateTable.fromFile(dir.resolve("missing.csv")))
                .isInstanceOf(RateTableException.class).hasMessageContaining("missing.csv");
        assertThatThrownBy(() -> RateTable.fromClasspath("law/missing.csv"))
                .isInstanceOf(RateTableException.class).hasMessage("classpath:law/missing.csv: not found");
    }
}
