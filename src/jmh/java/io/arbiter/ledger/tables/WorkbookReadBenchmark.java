package io.arbiter.ledger.tables;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Reads an invoice export as an XLSX workbook (text in shared strings, as Excel writes it) against the same rows as a
 * CSV file, in a small heap ({@code -Xmx256m} by default in the bench profile): a workbook must stream as CSV does.
 * Properties: {@code bench.rows} (300000), {@code bench.runs} (3).
 */
public final class WorkbookReadBenchmark {

    private static final int ROWS = Integer.getInteger("bench.rows", 300_000);
    private static final int RUNS = Integer.getInteger("bench.runs", 3);
    private static final String[] HEADER = {"entity", "invoice", "account", "customer", "issue date", "due date", "amount",
            "open amount", "currency"};

    private WorkbookReadBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Path directory = Files.createTempDirectory("arbiter-bench-xlsx");
        Path csv = directory.resolve("invoices.csv");
        Path xlsx = directory.resolve("invoices.xlsx");
        try {
            writeCsv(csv);
            writeWorkbook(xlsx);
            System.out.printf("%,d rows: CSV %.1f MB, XLSX %.1f MB, max heap %d MB%n", ROWS, Files.size(csv) / 1e6,
                    Files.size(xlsx) / 1e6, Runtime.getRuntime().maxMemory() >> 20);
            for (int run = 1; run <= RUNS; run++) {
                double csvSeconds = read(csv);
                double xlsxSeconds = read(xlsx);
                System.out.printf("run %d: CSV %.2f s, XLSX %.2f s, XLSX/CSV %.1fx%n", run, csvSeconds, xlsxSeconds,
                        xlsxSeconds / csvSeconds);
            }
        } finally {
            Files.deleteIfExists(csv);
            Files.deleteIfExists(xlsx);
            Files.deleteIfExists(directory);
        }
    }

    private static double read(Path file) throws IOException {
        long start = System.nanoTime();
        long rows = 0;
        try (Table table = Table.open(file)) {
            while (table.next() != null) {
                rows++;
            }
        }
        if (rows != ROWS) {
            throw new IllegalStateException(file + ": read " + rows + " rows, wrote " + ROWS);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static void writeCsv(Path file) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(String.join(";", HEADER) + "\n");
            for (int i = 1; i <= ROWS; i++) {
                String amount = amount(i).replace('.', ',');
                out.write("FR01;INV%d;C%d;Customer %d;%s;%s;%s;%s;EUR\n".formatted(i, i % 100_000, i % 100_000,
                        issued(i), issued(i).plusDays(30), amount, amount));
            }
        }
    }

    private static void writeWorkbook(Path file) throws IOException {
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(null, 100, true, true); OutputStream out = Files.newOutputStream(file)) {
            Sheet sheet = workbook.createSheet("Factures");
            CellStyle date = workbook.createCellStyle();
            date.setDataFormat(workbook.createDataFormat().getFormat("dd/mm/yyyy"));
            Row header = sheet.createRow(0);
            for (int c = 0; c < HEADER.length; c++) {
                header.createCell(c).setCellValue(HEADER[c]);
            }
            for (int i = 1; i <= ROWS; i++) {
                Row row = sheet.createRow(i);
                row.createCell(0).setCellValue("FR01");
                row.createCell(1).setCellValue("INV" + i);
                row.createCell(2).setCellValue("C" + i % 100_000);
                row.createCell(3).setCellValue("Customer " + i % 100_000);
                row.createCell(4).setCellValue(issued(i));
                row.getCell(4).setCellStyle(date);
                row.createCell(5).setCellValue(issued(i).plusDays(30));
                row.getCell(5).setCellStyle(date);
                row.createCell(6).setCellValue(Double.parseDouble(amount(i)));
                row.createCell(7).setCellValue(Double.parseDouble(amount(i)));
                row.createCell(8).setCellValue("EUR");
            }
            workbook.write(out);
        }
    }

    private static LocalDate issued(int i) {
        return LocalDate.of(2026, 1, 1).plusDays(i % 300);
    }

    private static String amount(int i) {
        return (100 + i % 997) + ".25";
    }
}
