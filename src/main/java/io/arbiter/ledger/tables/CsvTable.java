package io.arbiter.ledger.tables;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;

/**
 * A CSV file streamed record by record (never held in memory), with its encoding and separator detected: a byte-order
 * mark, else UTF-8 when every byte of the file is valid UTF-8, else Windows-1252 (what French ERPs write); the
 * separator among {@code ; , tab |} that splits the first lines into the same number of fields, or the one a first
 * line {@code sep=;} names, as Excel writes it.
 */
final class CsvTable implements Table {

    private static final char[] SEPARATORS = {';', ',', '\t', '|'};
    private static final int SAMPLE_LINES = 20;
    private static final Pattern SEPARATOR_DIRECTIVE = Pattern.compile("(?i)sep=([;,\t|])\r?\n");

    private final CountingStream counting;
    private final long size;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final List<String> header;
    private final String description;

    private CsvTable(Path file, Charset charset, int bomLength, char separator) throws IOException {
        this.size = Math.max(1, Files.size(file));
        this.counting = new CountingStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
        counting.skipNBytes(bomLength);
        Reader reader = new InputStreamReader(counting, charset);
        // Blank lines are records too, skipped by next(): the parser does not count the lines it ignores, and a row's
        // number must be the one a spreadsheet shows.
        this.parser = CSVFormat.RFC4180.builder().setDelimiter(separator).setIgnoreEmptyLines(false)
                .setIgnoreSurroundingSpaces(true).setTrim(true).get().parse(reader);
        this.records = parser.iterator();
        Row first = next();
        this.header = first == null ? List.of() : first.cells();
        this.description = "CSV, " + charset.name() + ", separator '" + (separator == '\t' ? "\\t" : String.valueOf(separator)) + "'";
    }

    static CsvTable open(Path file) throws IOException {
        byte[] sample;
        try (InputStream in = Files.newInputStream(file)) {
            sample = in.readNBytes(1 << 16);
        }
        Charset charset;
        int bom = 0;
        if (sample.length >= 3 && (sample[0] & 0xFF) == 0xEF && (sample[1] & 0xFF) == 0xBB && (sample[2] & 0xFF) == 0xBF) {
            charset = StandardCharsets.UTF_8;
            bom = 3;
        } else if (sample.length >= 2 && (sample[0] & 0xFF) == 0xFF && (sample[1] & 0xFF) == 0xFE) {
            charset = StandardCharsets.UTF_16LE;
            bom = 2;
        } else if (sample.length >= 2 && (sample[0] & 0xFF) == 0xFE && (sample[1] & 0xFF) == 0xFF) {
            charset = StandardCharsets.UTF_16BE;
            bom = 2;
        } else {
            charset = isUtf8(file) ? StandardCharsets.UTF_8 : Charset.forName("windows-1252");
        }
        String text = new String(sample, bom, sample.length - bom, charset);
        // Excel writes (and hides when it opens the file) a first line "sep=;" naming the separator: the header follows.
        Matcher directive = SEPARATOR_DIRECTIVE.matcher(text);
        if (directive.lookingAt()) {
            return new CsvTable(file, charset, bom + directive.group().getBytes(charset).length, directive.group(1).charAt(0));
        }
        return new CsvTable(file, charset, bom, separatorOf(text));
    }

    /** The separator that gives every sampled line the same, largest number of fields; ';' when none does. */
    static char separatorOf(String text) {
        List<String> lines = text.lines().filter(line -> !line.isBlank()).limit(SAMPLE_LINES + 1L).toList();
        if (lines.size() > SAMPLE_LINES) {
            lines = lines.subList(0, SAMPLE_LINES);
        } else if (lines.size() > 1 && !text.endsWith("\n")) {
            lines = lines.subList(0, lines.size() - 1);
        }
        char best = 0;
        int bestCount = 0;
        char mostInHeader = ';';
        int mostInHeaderCount = 0;
        for (char separator : SEPARATORS) {
            int count = lines.isEmpty() ? 0 : occurrences(lines.getFirst(), separator);
            if (count > mostInHeaderCount) {
                mostInHeader = separator;
                mostInHeaderCount = count;
            }
            boolean consistent = count > 0;
            for (String line : lines) {
                consistent &= occurrences(line, separator) == count;
            }
            if (consistent && count > bestCount) {
                best = separator;
                bestCount = count;
            }
        }
        return best != 0 ? best : mostInHeader;
    }

    private static int occurrences(String line, char separator) {
        int count = 0;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == separator && !quoted) {
                count++;
            }
        }
        return count;
    }

    /** Whether the whole file is valid UTF-8; a pure-ASCII file is too. Streamed: cheap next to parsing. */
    static boolean isUtf8(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            byte[] buffer = new byte[1 << 16];
            int pending = 0;
            int n;
            while ((n = in.read(buffer)) > 0) {
                for (int i = 0; i < n; i++) {
                    int b = buffer[i] & 0xFF;
                    if (pending > 0) {
                        if ((b & 0xC0) != 0x80) {
                            return false;
                        }
                        pending--;
                    } else if (b >= 0x80) {
                        if (b >= 0xC2 && b <= 0xDF) {
                            pending = 1;
                        } else if (b >= 0xE0 && b <= 0xEF) {
                            pending = 2;
                        } else if (b >= 0xF0 && b <= 0xF4) {
                            pending = 3;
                        } else {
                            return false;
                        }
                    }
                }
            }
            return pending == 0;
        }
    }

    @Override
    public List<String> header() {
        return header;
    }

    @Override
    public @Nullable Row next() {
        try {
            while (records.hasNext()) {
                CSVRecord record = records.next();
                List<String> cells = new ArrayList<>(record.size());
                boolean empty = true;
                for (String value : record) {
                    cells.add(value);
                    empty &= value.isEmpty();
                }
                if (!empty) {
                    return new Row(record.getRecordNumber(), cells);
                }
            }
            return null;
        } catch (UncheckedIOException | IllegalStateException e) {
            throw new UnreadableFile("The CSV file cannot be read after row " + parser.getRecordNumber()
                    + " (line " + parser.getCurrentLineNumber() + "): " + e.getMessage(), parser.getRecordNumber() + 1);
        }
    }

    @Override
    public int percent() {
        return (int) Math.min(100, counting.count * 100 / size);
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }

    private static final class CountingStream extends FilterInputStream {
        private volatile long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
    }
}
