package io.arbiter.shared;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The one writer of every table the API exports for a spreadsheet (KPIs, the agency case, a simulation's changes, the
 * cash-in forecast, an import's errors). CSV is UTF-8 with a byte-order mark (without it Excel reads the file in the
 * machine's code page and garbles "Hélène") in one of two dialects: {@code comma} ({@code ,} between cells, {@code .}
 * in numbers) or {@code semicolon} ({@code ;} and a decimal comma, what a French Excel opens as columns). XLSX is
 * written row by row (a streaming workbook), so a long export keeps a flat heap. Text that a spreadsheet would run as a
 * formula is written as text.
 */
public abstract sealed class TableExport implements Closeable {

    public static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);
    public static final MediaType XLSX = MediaType.parseMediaType(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    /** How a CSV separates cells and writes decimals. */
    public enum Dialect {
        COMMA(',', '.'), SEMICOLON(';', ',');

        private final char delimiter;
        private final char decimal;

        Dialect(char delimiter, char decimal) {
            this.delimiter = delimiter;
            this.decimal = decimal;
        }

        /** The dialect a {@code dialect} parameter names, {@code comma} when none; a 400 naming it otherwise. */
        public static Dialect parse(@Nullable String dialect) {
            if (dialect == null || dialect.isBlank()) {
                return COMMA;
            }
            return switch (dialect.strip().toLowerCase(Locale.ROOT)) {
                case "comma" -> COMMA;
                case "semicolon" -> SEMICOLON;
                default -> throw ProblemException.invalidField("dialect", "dialect must be comma (',' and '.') or semicolon"
                        + " (';' and a decimal comma) (was '" + dialect + "')", "must be comma or semicolon");
            };
        }
    }

    /** What a request asks for: JSON, CSV or XLSX. */
    public enum Format {
        JSON, CSV, XLSX
    }

    /**
     * The format a request asks for: its {@code format} parameter ({@code json}, {@code csv}, {@code xlsx}), else its
     * Accept header, else {@code otherwise}. A format this export does not offer is a 400 naming {@code format}.
     */
    public static Format format(@Nullable String format, @Nullable String accept, Format otherwise, Format... offered) {
        Format asked;
        if (format != null && !format.isBlank()) {
            asked = switch (format.strip().toLowerCase(Locale.ROOT)) {
                case "json" -> Format.JSON;
                case "csv" -> Format.CSV;
                case "xlsx" -> Format.XLSX;
                default -> null;
            };
        } else if (accept != null && accept.contains("text/csv")) {
            asked = Format.CSV;
        } else if (accept != null && accept.contains(XLSX.getSubtype())) {
            asked = Format.XLSX;
        } else {
            asked = otherwise;
        }
        List<Format> formats = new java.util.ArrayList<>(List.of(otherwise));
        formats.addAll(Arrays.asList(offered));
        if (asked == null || !formats.contains(asked)) {
            String names = String.join(", ", formats.stream().map(f -> f.name().toLowerCase(Locale.ROOT)).toList());
            throw new ProblemException(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
                    "format must be one of " + names + " (was '" + format + "')", java.util.Map.of("errors",
                            List.of(java.util.Map.of("field", "format", "message", "must be one of " + names))));
        }
        return asked;
    }

    /** A CSV on this stream, starting with the byte-order mark. */
    public static TableExport csv(OutputStream out, Dialect dialect) {
        return new Csv(out, dialect);
    }

    /** An XLSX workbook of one sheet, written to the stream on {@link #close()}. */
    public static TableExport xlsx(OutputStream out, String sheet) {
        return new Xlsx(out, sheet);
    }

    /**
     * Starts the export of a table as the answer to a request: content type, attachment file name
     * ({@code baseName.csv} or {@code .xlsx}), then the writer on the response's body.
     */
    public static TableExport respond(HttpServletResponse response, Format format, Dialect dialect, String baseName)
            throws IOException {
        boolean xlsx = format == Format.XLSX;
        response.setContentType((xlsx ? XLSX : CSV).toString());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename(baseName + (xlsx ? ".xlsx" : ".csv"), StandardCharsets.UTF_8).build().toString());
        return xlsx ? xlsx(response.getOutputStream(), baseName) : csv(response.getOutputStream(), dialect);
    }

    /**
     * A table answered as a file, built in memory (for reports that hold in memory anyway): the response's headers
     * plus content type, attachment file name ({@code baseName.csv} or {@code .xlsx}) and body.
     */
    public static ResponseEntity<byte[]> file(ResponseEntity.BodyBuilder response, Format format, Dialect dialect,
            String baseName, Consumer<TableExport> rows) {
        boolean xlsx = format == Format.XLSX;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TableExport export = xlsx ? xlsx(bytes, baseName) : csv(bytes, dialect)) {
            rows.accept(export);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return response.contentType(xlsx ? XLSX : CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(baseName + (xlsx ? ".xlsx" : ".csv"), StandardCharsets.UTF_8).build().toString())
                .body(bytes.toByteArray());
    }

    /** One row; cells may be text, numbers, {@link Money} (its amount), dates or null (empty). */
    public final TableExport row(@Nullable Object... cells) {
        return row(Arrays.asList(cells));
    }

    public abstract TableExport row(List<?> cells);

    /** Money goes in as its amount: the currency has a column of its own. */
    static @Nullable Object amountOf(@Nullable Object cell) {
        return switch (cell) {
            case Money money -> money.amount();
            case CurrencyAmount amount -> amount.amount();
            case null, default -> cell;
        };
    }

    /**
     * Text a spreadsheet would read as a formula (OWASP "CSV Injection": a leading = + - @, or a tab or carriage return
     * that spreadsheets skip before one) gets a leading quote and stays text; a plain signed number such as -80,00 is
     * not a formula and is left alone.
     */
    static String safeText(String text) {
        boolean formula = !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0
                && !PLAIN_NUMBER.matcher(text).matches();
        return formula ? "'" + text : text;
    }

    private static final java.util.regex.Pattern PLAIN_NUMBER = java.util.regex.Pattern.compile("[-+]?[0-9][0-9 .,]*");

    private static final class Csv extends TableExport {

        private final CSVPrinter printer;
        private final Dialect dialect;

        Csv(OutputStream out, Dialect dialect) {
            this.dialect = dialect;
            try {
                Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                writer.write('\uFEFF');
                this.printer = new CSVPrinter(writer, CSVFormat.RFC4180.builder().setDelimiter(dialect.delimiter)
                        .setRecordSeparator("\r\n").get());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public TableExport row(List<?> cells) {
            try {
                printer.printRecord(cells.stream().map(this::text).toList());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        private String text(@Nullable Object cell) {
            Object value = amountOf(cell);
            if (value == null) {
                return "";
            }
            if (value instanceof BigDecimal number) {
                return number.toPlainString().replace('.', dialect.decimal);
            }
            if (value instanceof Number number) {
                return number.toString().replace('.', dialect.decimal);
            }
            return safeText(value.toString());
        }

        @Override
        public void close() throws IOException {
            printer.close(true);
        }
    }

    private static final class Xlsx extends TableExport {

        private final OutputStream out;
        private final SXSSFWorkbook workbook = new SXSSFWorkbook(100);
        private final Sheet sheet;
        private int rows;

        Xlsx(OutputStream out, String sheet) {
            this.out = out;
            this.sheet = workbook.createSheet(sheet.length() > 31 ? sheet.substring(0, 31) : sheet);
        }

        @Override
        public TableExport row(List<?> cells) {
            Row row = sheet.createRow(rows++);
            for (int i = 0; i < cells.size(); i++) {
                Object value = amountOf(cells.get(i));
                if (value instanceof Number number) {
                    row.createCell(i).setCellValue(number.doubleValue());
                } else if (value != null) {
                    row.createCell(i).setCellValue(value.toString()); // a text cell, never a formula
                }
            }
            return this;
        }

        @Override
        public void close() throws IOException {
            try {
                workbook.write(out);
                out.flush();
            } finally {
                workbook.close();
            }
        }
    }
}
