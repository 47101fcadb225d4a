package io.arbiter.policy.compile;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.poi.openxml4j.util.ZipEntrySource;

/**
 * Inflates a zip (an uploaded bundle of policy files, or an {@code .xlsx}, which is a zip) into memory within limits
 * counted while inflating: total size, number of entries, and how much larger than the zip it grows. A zip bomb (a
 * 618 KB upload once inflated to 1.8 GB) is refused before it can fill the memory, with a message a person can act on;
 * an ordinary small workbook, however well it compresses, is accepted (POI's own guard refused a real 3 KB workbook).
 */
public final class BoundedZip {

    /** At most this much inflated, in all. */
    static final long MAX_INFLATED = 50L * 1024 * 1024;
    /** At most this many entries: an Excel workbook has a few dozen. */
    static final int MAX_ENTRIES = 1_000;
    /** Beyond 1 MB inflated, at most this many times the zip's size (Excel's workbooks stay well under 30). */
    static final long MAX_RATIO = 100;

    /** Why a zip was refused, in words for the person who uploaded it. */
    public static final class TooLarge extends Exception {
        TooLarge(String message) {
            super(message, null, false, false);
        }
    }

    private BoundedZip() {
    }

    /** The entries by name, in order; directories skipped. */
    public static Map<String, byte[]> inflate(byte[] zip) throws IOException, TooLarge {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        long inflated = 0;
        byte[] buffer = new byte[64 * 1024];
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (entries.size() >= MAX_ENTRIES) {
                    throw new TooLarge("holds more than " + MAX_ENTRIES + " files; an Excel workbook or a policy holds a few"
                            + " dozen, so it is not opened");
                }
                ByteArrayOutputStream content = new ByteArrayOutputStream();
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    inflated += n;
                    if (inflated > MAX_INFLATED || inflated > 1024 * 1024 && inflated > MAX_RATIO * zip.length) {
                        throw new TooLarge("grows to more than " + (inflated >> 20) + " MB when unzipped, from " + zip.length
                                + " bytes (at '" + entry.getName() + "'): this is not what Excel writes (a zip bomb?), so it is"
                                + " not opened; save the workbook again from Excel");
                    }
                    content.write(buffer, 0, n);
                }
                if (!entry.isDirectory()) {
                    entries.put(entry.getName(), content.toByteArray());
                }
            }
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        return entries;
    }

    /** The inflated entries as POI reads a package, without POI's own inflation (and its developer-facing limits). */
    static ZipEntrySource source(Map<String, byte[]> entries) {
        return new ZipEntrySource() {
            private boolean closed;

            @Override
            public Enumeration<? extends ZipArchiveEntry> getEntries() {
                return Collections.enumeration(entries.keySet().stream().map(name -> {
                    ZipArchiveEntry entry = new ZipArchiveEntry(name);
                    entry.setSize(entries.get(name).length);
                    return entry;
                }).toList());
            }

            @Override
            public ZipArchiveEntry getEntry(String path) {
                byte[] content = entries.get(path);
                if (content == null) {
                    return null;
                }
                ZipArchiveEntry entry = new ZipArchiveEntry(path);
                entry.setSize(content.length);
                return entry;
            }

            @Override
            public InputStream getInputStream(ZipArchiveEntry entry) {
                byte[] content = entries.get(entry.getName());
                return new ByteArrayInputStream(content == null ? new byte[0] : content);
            }

            @Override
            public void close() {
                closed = true;
            }

            @Override
            public boolean isClosed() {
                return closed;
            }
        };
    }
}
