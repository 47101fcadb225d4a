package io.arbiter.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Currency;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/** What a finance person sees when an export opens in Excel or LibreOffice. */
class TableExportTests {

    private static final Money AMOUNT = Money.of(new BigDecimal("1234.5"), Currency.getInstance("EUR"));

    private static String csv(TableExport.Dialect dialect) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TableExport out = TableExport.csv(bytes, dialect)) {
            out.row("name", "amount", "day", "note");
            out.row("Hélène; \"Dupont\"", AMOUNT, LocalDate.of(2026, 11, 30), null);
            out.row("=HYPERLINK(\"http://evil\")", new BigDecimal("-80.5"), null, "-80,00");
            out.row("\t=2+3", 3, "@SUM(A1)", "+33 1 23 45 67 89");
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void the_comma_dialect_writes_points_in_numbers_after_a_byte_order_mark() throws IOException {
        String csv = csv(TableExport.Dialect.COMMA);

        assertThat(csv).startsWith("\uFEFFname,amount,day,note\r\n");
        assertThat(csv).contains("\"Hélène; \"\"Dupont\"\"\",1234.50,2026-11-30,\r\n");
        assertThat(csv).as("formulas stay text").contains("'=HYPERLINK(\"\"http://evil\"\")\",-80.5,,\"-80,00\"\r\n")
                .contains("'\t=2+3").contains(",3,'@SUM(A1),+33 1 23 45 67 89\r\n");
    }

    @Test
    void the_semicolon_dialect_writes_decimal_commas_for_a_french_excel() throws IOException {
        String csv = csv(TableExport.Dialect.SEMICOLON);

        assertThat(csv).startsWith("\uFEFFname;amount;day;note\r\n");
        assertThat(csv).contains("\"Hélène; \"\"Dupont\"\"\";1234,50;2026-11-30;\r\n");
        assertThat(csv).contains(";-80,5;;-80,00\r\n");
    }

    @Test
    void xlsx_keeps_numbers_as_numbers_and_formulas_as_text() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TableExport out = TableExport.xlsx(bytes, "kpis")) {
            out.row("name", "amount");
            out.row("=1+2", AMOUNT);
        }
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(bytes.toByteArray()))) {
            var row = workbook.getSheet("kpis").getRow(1);
            assertThat(row.getCell(0).getCellType().name()).isEqualTo("STRING");
            assertThat(row.getCell(0).getStringCellValue()).isEqualTo("=1+2");
            assertThat(row.getCell(1).getNumericCellValue()).isEqualTo(1234.5);
        }
    }

    @Test
    void an_unknown_dialect_or_format_is_a_400_naming_it() {
        assertThatThrownBy(() -> TableExport.Dialect.parse("tab")).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.toProblemDetail().getProperties().get("errors").toString()).contains("field=dialect"));
        assertThatThrownBy(() -> TableExport.format("pdf", null, TableExport.Format.JSON, TableExport.Format.CSV))
                .isInstanceOfSatisfying(ProblemException.class,
                        e -> assertThat(e.toProblemDetail().getProperties().get("errors").toString()).contains("field=format"));
        assertThat(TableExport.format(null, "text/csv", TableExport.Format.JSON, TableExport.Format.CSV))
                .isEqualTo(TableExport.Format.CSV);
        assertThatThrownBy(() -> TableExport.format("xlsx", null, TableExport.Format.JSON, TableExport.Format.CSV))
                .isInstanceOf(ProblemException.class);
    }
}
