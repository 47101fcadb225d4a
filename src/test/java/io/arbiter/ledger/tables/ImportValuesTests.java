package io.arbiter.ledger.tables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How cells written by French and English ERPs are read, and how a CSV file's encoding and separator are found. */
class ImportValuesTests {

    @TempDir
    Path directory;

    @Test
    void amounts_are_read_with_a_decimal_comma_or_point_and_any_thousands_separator() {
        assertThat(Values.amount("1234.56")).isEqualByComparingTo("1234.56");
        assertThat(Values.amount("1234,56")).isEqualByComparingTo("1234.56");
        assertThat(Values.amount("1 234,56")).isEqualByComparingTo("1234.56");
        assertThat(Values.amount("1\u00a0234,56")).isEqualByComparingTo("1234.56");
        assertThat(Values.amount("1\u202f234,56 €")).isEqualByComparingTo("1234.56");
        assertThat(Values.amount("1.234,56")).isEqualByComparingTo("1234.56");
        assertThat(Values.amount("1,234.56")).isEqualByComparingTo("1234.56");
        assertThat(Values.amount("1.234.567")).isEqualByComparingTo("1234567");
        assertThat(Values.amount("-12,50")).isEqualByComparingTo("-12.50");
        assertThat(Values.amount("12,50-")).isEqualByComparingTo("-12.50");
        assertThat(Values.amount("250 EUR")).isEqualByComparingTo(new BigDecimal("250"));
        assertThatThrownBy(() -> Values.amount("douze")).isInstanceOf(NumberFormatException.class).hasMessageContaining("douze");
        assertThatThrownBy(() -> Values.amount("12#50")).isInstanceOf(NumberFormatException.class);
        assertThat(Values.amount("1234.5600")).isEqualByComparingTo("1234.56");
        assertThat(Values.amount("EUR 250")).isEqualByComparingTo("250");
    }

    /** Read as 1.23, "1.234" from a French export lost a factor of 1000; "1 234,56 CR" lost its sign. */
    @Test
    void amounts_that_could_be_misread_are_refused_rather_than_guessed() {
        assertThatThrownBy(() -> Values.amount("1.234")).hasMessage(
                "'1.234' has 3 decimals: is it 1234 or 1.234? Write it with its decimals (1234.00 or 1.234,00)");
        assertThatThrownBy(() -> Values.amount("1,234")).hasMessage(
                "'1,234' has 3 decimals: is it 1234 or 1.234? Write it with its decimals (1234.00 or 1,234.00)");
        assertThatThrownBy(() -> Values.amount("12.3456")).hasMessageContaining("has 4 decimals");
        assertThatThrownBy(() -> Values.amount("1,234.567")).hasMessageContaining("has 3 decimals");
        assertThatThrownBy(() -> Values.amount("1.234.56")).hasMessageContaining("thousands separators");
        assertThatThrownBy(() -> Values.amount("1,23,456.00")).hasMessageContaining("thousands separators");
        assertThatThrownBy(() -> Values.amount("1 234,56 CR")).hasMessageContaining("credit or debit mark");
        assertThatThrownBy(() -> Values.amount("100 DR")).hasMessageContaining("credit or debit mark");
        assertThatThrownBy(() -> Values.amount("1E5")).hasMessageContaining("exponent");
        assertThatThrownBy(() -> Values.amount("250 XYZ")).hasMessageContaining("XYZ is not a currency code");
        assertThatThrownBy(() -> Values.amount("12 EUR 50")).hasMessage("'12 EUR 50' is not an amount");
    }

    @Test
    void currency_signs_written_in_letters_follow_an_amount() {
        assertThat(Values.amount("1 234,56 kr")).isEqualByComparingTo("1234.56");
        assertThat(Values.amount("1 234,56 zł")).isEqualByComparingTo("1234.56");
        assertThat(Values.amount("12 345 Ft")).isEqualByComparingTo("12345");
        assertThat(Values.amount("1.234,56 TL")).isEqualByComparingTo("1234.56");
    }

    @Test
    void french_and_iso_dates_are_read() {
        LocalDate expected = LocalDate.of(2026, 4, 30);
        for (String date : List.of("30/04/2026", "30.04.2026", "30-04-2026", "2026-04-30", "2026-04-30T00:00:00", "300426",
                "30/04/26", "20260430")) {
            assertThat(Values.date(date)).as(date).isEqualTo(expected);
        }
        assertThat(Values.date("1/4/2026")).isEqualTo(LocalDate.of(2026, 4, 1));
    }

    /** A customer's "since 01/03/98" is in 1998, not 2098; the pivot is Excel's. */
    @Test
    void a_two_digit_year_is_in_this_century_up_to_29_and_in_the_last_one_from_30() {
        assertThat(Values.date("01/03/98")).isEqualTo(LocalDate.of(1998, 3, 1));
        assertThat(Values.date("01.03.30")).isEqualTo(LocalDate.of(1930, 3, 1));
        assertThat(Values.date("010398")).isEqualTo(LocalDate.of(1998, 3, 1));
        assertThat(Values.date("1/3/98")).isEqualTo(LocalDate.of(1998, 3, 1));
        assertThat(Values.date("31/12/29")).isEqualTo(LocalDate.of(2029, 12, 31));
        assertThat(Values.date("010300")).isEqualTo(LocalDate.of(2000, 3, 1));
        assertThatThrownBy(() -> Values.date("31/02/2026")).isInstanceOf(DateTimeException.class).hasMessageContaining("31/02/2026");
        assertThatThrownBy(() -> Values.date("tomorrow")).isInstanceOf(DateTimeException.class);
    }

    @Test
    void a_windows_1252_file_with_semicolons_is_read_as_such() throws IOException {
        Path file = directory.resolve("export.csv");
        Files.write(file, "Société;Montant TTC\r\nDupré;1 234,56\r\n".getBytes(Charset.forName("windows-1252")));

        try (Table table = Table.open(file)) {
            assertThat(table.description()).contains("windows-1252", "';'");
            assertThat(table.header()).containsExactly("Société", "Montant TTC");
            assertThat(table.next().cells()).containsExactly("Dupré", "1 234,56");
            assertThat(table.next()).isNull();
        }
    }

    @Test
    void utf8_with_a_byte_order_mark_and_tabs_or_pipes_are_recognised() throws IOException {
        Path tabs = directory.resolve("tabs.txt");
        Files.write(tabs, ("\uFEFFCode client\tRaison sociale\r\nC1\t\"Société, \"\"Générale\"\"\"\n").getBytes(StandardCharsets.UTF_8));
        try (Table table = Table.open(tabs)) {
            assertThat(table.description()).contains("UTF-8", "'\\t'");
            assertThat(table.header()).containsExactly("Code client", "Raison sociale");
            assertThat(table.next().cells()).containsExactly("C1", "Société, \"Générale\"");
        }
        Path pipes = directory.resolve("pipes.txt");
        Files.writeString(pipes, "a|b|c\n1|2,5|3\n4|5|6\n");
        try (Table table = Table.open(pipes)) {
            assertThat(table.description()).contains("'|'");
            assertThat(table.next().cells()).containsExactly("1", "2,5", "3");
        }
    }

    @Test
    void the_separator_is_the_one_that_splits_every_line_alike() {
        assertThat(CsvTable.separatorOf("a;b;c\n1,5;2,5;3\n")).isEqualTo(';');
        assertThat(CsvTable.separatorOf("a,b,c\n\"1;5\",2,3\n")).isEqualTo(',');
        assertThat(CsvTable.separatorOf("a,b;c\n1,2;3\n")).isEqualTo(';');
    }

    @Test
    void a_first_line_sep_names_the_separator_and_rows_are_numbered_as_excel_shows_them(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("sep.csv"), "sep=,\r\nFacture,Montant\r\nFA-1,\"1,50\"\r\n");
        try (CsvTable table = CsvTable.open(file)) {
            assertThat(table.header()).containsExactly("Facture", "Montant");
            assertThat(table.description()).contains("separator ','");
            Table.Row row = table.next();
            assertThat(row.number()).isEqualTo(2);
            assertThat(row.cells()).containsExactly("FA-1", "1,50");
        }
    }
}
