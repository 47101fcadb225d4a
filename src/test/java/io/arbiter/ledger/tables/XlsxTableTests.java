package io.arbiter.ledger.tables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Workbooks as Excel writes them (text in shared strings) and as streaming writers do (inline text). */
class XlsxTableTests {

    @TempDir
    Path directory;

    @Test
    void reads_text_dates_amounts_and_what_formulas_computed_as_the_sheet_shows_them() throws IOException {
        Path file = directory.resolve("export.xlsx");
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            Sheet invoices = workbook.createSheet("Factures");
            workbook.createSheet("Notes").createRow(0).createCell(0).setCellValue("not read");
            CellStyle french = workbook.createCellStyle();
            french.setDataFormat(workbook.createDataFormat().getFormat("dd/mm/yyyy"));
            header(invoices);
            Row first = invoices.createRow(1);
            first.createCell(0).setCellValue(" FA-001 ");
            first.createCell(1).setCellValue(LocalDate.of(2026, 3, 31));
            first.getCell(1).setCellStyle(french);
            first.createCell(2).setCellValue(1234.5);
            first.createCell(3).setCellFormula("C2*1.2");
            first.createCell(4).setCellValue(true);
            // Row 3 left blank, row 4 with a gap at column B and formulas giving text and an error.
            Row second = invoices.createRow(3);
            second.createCell(0).setCellFormula("\"FA-\"&\"002\"");
            second.createCell(2).setCellValue(0.1 + 0.2);
            second.createCell(3).setCellFormula("1/0");
            workbook.getCreationHelper().createFormulaEvaluator().evaluateAll();
            write(workbook, file);
        }

        try (XlsxTable table = XlsxTable.open(file)) {
            assertThat(table.description()).isEqualTo("XLSX, first sheet 'Factures'");
            assertThat(table.header()).containsExactly("invoice", "issued", "amount", "with VAT", "paid");
            assertThat(rows(table)).containsExactly(
                    new Table.Row(2, List.of("FA-001", "2026-03-31", "1234.5", "1481.4", "TRUE")),
                    new Table.Row(4, List.of("FA-002", "", "0.3", "")));
            assertThat(table.percent()).isEqualTo(100);
        }
    }

    @Test
    void reads_inline_text_and_dates_of_a_workbook_that_counts_days_from_1904() throws IOException {
        Path file = directory.resolve("streamed.xlsx");
        try (XSSFWorkbook template = new XSSFWorkbook()) {
            template.getCTWorkbook().getWorkbookPr().setDate1904(true);
            try (SXSSFWorkbook workbook = new SXSSFWorkbook(template, 10)) {
                Sheet sheet = workbook.createSheet("Open items");
                CellStyle iso = workbook.createCellStyle();
                iso.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd"));
                header(sheet);
                for (int r = 1; r <= 50; r++) {
                    Row row = sheet.createRow(r);
                    row.createCell(0).setCellValue("FA-" + r);
                    row.createCell(1).setCellValue(LocalDate.of(2026, 1, 1).plusDays(r));
                    row.getCell(1).setCellStyle(iso);
                }
                write(workbook, file);
                workbook.close();
            }
        }

        try (XlsxTable table = XlsxTable.open(file)) {
            List<Table.Row> rows = rows(table);
            assertThat(rows).hasSize(50);
            assertThat(rows.getLast()).isEqualTo(new Table.Row(51, List.of("FA-50", "2026-02-20")));
        }
    }

    @Test
    void a_damaged_workbook_is_reported_as_unreadable() throws IOException {
        Path file = directory.resolve("damaged.xlsx");
        Files.write(file, new byte[] {'P', 'K', 3, 4, 0, 0, 0});

        assertThatThrownBy(() -> XlsxTable.open(file)).isInstanceOf(UnreadableFile.class)
                .hasMessageStartingWith("The file looks like an XLSX workbook but cannot be opened");
    }

    private static void header(Sheet sheet) {
        Row header = sheet.createRow(0);
        String[] names = {"invoice", "issued", "amount", "with VAT", "paid"};
        for (int i = 0; i < names.length; i++) {
            header.createCell(i).setCellValue(names[i]);
        }
    }

    private static void write(Workbook workbook, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            workbook.write(out);
        }
    }

    private static List<Table.Row> rows(Table table) {
        List<Table.Row> rows = new ArrayList<>();
        for (Table.Row row = table.next(); row != null; row = table.next()) {
            rows.add(row);
        }
        return rows;
    }
}
