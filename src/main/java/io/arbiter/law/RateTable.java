package io.arbiter.law;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A rate that changes on given dates, read from a two-column CSV ({@code date,rate_percent}; lines starting with
 * {@code #} are comments, the first other line is the header). The rate on a date is the one of the latest line on or
 * before it.
 */
public final class RateTable {

    /** The bundled ECB main refinancing operations rates. */
    public static final String ECB_MRO_RATES = "law/ecb-mro-rates.csv";
    /** The bundled French legal interest rates for professional creditors, one line per half-year. */
    public static final String FRENCH_LEGAL_INTEREST_RATES = "law/french-legal-interest-rates.csv";

    private final String source;
    private final NavigableMap<LocalDate, BigDecimal> rates;

    private RateTable(String source, NavigableMap<LocalDate, BigDecimal> rates) {
        this.source = source;
        this.rates = rates;
    }

    /** Reads a table from the classpath, e.g. {@link #ECB_MRO_RATES}. */
    public static RateTable fromClasspath(String resource) {
        InputStream in = RateTable.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new RateTableException("classpath:" + resource + ": not found");
        }
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return parse("classpath:" + resource, reader);
        } catch (IOException e) {
            throw new RateTableException("classpath:" + resource + ": " + e.getMessage(), e);
        }
    }

    /** Reads a table from a file, so an operator can publish new rates without a release. */
    public static RateTable fromFile(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(file.toString(), reader);
        } catch (IOException e) {
            throw new RateTableException(file + ": " + e.getMessage(), e);
        }
    }

    /** Parses a table; {@code source} names it in error messages. */
    public static RateTable parse(String source, Reader reader) {
        NavigableMap<LocalDate, BigDecimal> rates = new TreeMap<>();
        boolean headerSeen = false;
        int lineNumber = 0;
        try (BufferedReader lines = new BufferedReader(reader)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                lineNumber++;
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                String[] cells = trimmed.split(",", -1);
                if (cells.length != 2) {
                    throw RateTableException.at(source, lineNumber, "expected 2 columns (date,rate_percent), found " + cells.length);
                }
                if (!headerSeen) {
                    headerSeen = true;
                    continue;
                }
                LocalDate date = date(source, lineNumber, cells[0].strip());
                BigDecimal rate = rate(source, lineNumber, cells[1].strip());
                if (!rates.isEmpty() && !date.isAfter(rates.lastKey())) {
                    throw RateTableException.at(source, lineNumber, "date " + date + " is not after the previous line's " + rates.lastKey());
                }
                rates.put(date, rate);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(source + ": " + e.getMessage(), e);
        }
        if (rates.isEmpty()) {
            throw new RateTableException(source + ": no rates");
        }
        return new RateTable(source, rates);
    }

    /**
     * The rate in force on {@code date}. After the last line the last rate is returned, flagged, rather than failing:
     * a dunning run must not stop because the file was not updated yet.
     *
     * @throws IllegalArgumentException when the date is before the first line
     */
    public RateLookup rateOn(LocalDate date) {
        Objects.requireNonNull(date, "date");
        Map.Entry<LocalDate, BigDecimal> entry = rates.floorEntry(date);
        if (entry == null) {
            throw new IllegalArgumentException(source + " has no rate before " + rates.firstKey() + ", asked for " + date);
        }
        return new RateLookup(entry.getValue(), entry.getKey(), date.isAfter(rates.lastKey()));
    }

    /** The date of the table's first line. */
    public LocalDate firstDataPoint() {
        return rates.firstKey();
    }

    /** The date of the table's last line. */
    public LocalDate lastDataPoint() {
        return rates.lastKey();
    }

    private static LocalDate date(String source, int line, String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw RateTableException.at(source, line, "'" + text + "' is not a date (yyyy-mm-dd)");
        }
    }

    private static BigDecimal rate(String source, int line, String text) {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw RateTableException.at(source, line, "'" + text + "' is not a rate in percent");
        }
    }
}
