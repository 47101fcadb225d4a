package io.arbiter.ledger.tables;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A file read row by row, whatever its format (CSV with any separator and encoding, or XLSX): a header, then rows
 * numbered as a spreadsheet shows them. Other features that import files their users export (e.g. an insurer's cover
 * decisions) read them through it too.
 */
public interface Table extends Closeable {

    record Row(long number, List<String> cells) {

        public String cell(int index) {
            return index < cells.size() ? cells.get(index) : "";
        }
    }

    List<String> header();

    /** The next non-empty row, or null at the end. */
    @Nullable Row next();

    /** How far through the file reading is, 0 to 100. */
    int percent();

    /** How the file was read (format, encoding, separator), for the job's report. */
    String description();

    @Override
    void close() throws IOException;

    /** An XLSX workbook is recognised by its content (a zip), not by its name; anything else is read as CSV. */
    static Table open(Path file) throws IOException {
        byte[] magic = new byte[4];
        int read;
        try (InputStream in = Files.newInputStream(file)) {
            read = in.readNBytes(magic, 0, 4);
        }
        if (read == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4) {
            return XlsxTable.open(file);
        }
        return CsvTable.open(file);
    }
}
