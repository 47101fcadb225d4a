package io.arbiter.decision.storage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * How a decision record's JSON documents (request, facts, response) are kept: deflated against a preset dictionary,
 * a sample decision whose keys and phrases recur in every record. A 4 KB decision then takes a few hundred bytes
 * instead of the 2.3 KB that PostgreSQL's own compression reached, and the database parses nothing on insert.
 *
 * <p>The first byte says how the rest is kept, so that every stored record stays readable for ever: {@code 0} plain
 * UTF-8 JSON (what SQL writes, e.g. migrated rows or generated test data), {@code 1} deflated with dictionary 1
 * ({@code record-dictionary-1.json}). A new dictionary gets a new number; a published one never changes.
 */
public final class RecordCompression {

    static final byte PLAIN = 0;
    static final byte DICTIONARY_1 = 1;

    private static final byte[] DICTIONARY = load("record-dictionary-1.json");

    private RecordCompression() {
    }

    public static byte[] pack(byte[] json) {
        Deflater deflater = new Deflater(Deflater.BEST_SPEED, true);
        try {
            deflater.setDictionary(DICTIONARY);
            deflater.setInput(json);
            deflater.finish();
            byte[] out = new byte[json.length + 64];
            out[0] = DICTIONARY_1;
            int length = 1;
            while (!deflater.finished()) {
                if (length == out.length) {
                    out = Arrays.copyOf(out, out.length * 2);
                }
                length += deflater.deflate(out, length, out.length - length);
            }
            return Arrays.copyOf(out, length);
        } finally {
            deflater.end();
        }
    }

    public static String unpackText(byte[] stored) {
        return new String(unpack(stored), StandardCharsets.UTF_8);
    }

    public static byte[] unpack(byte[] stored) {
        return switch (stored[0]) {
            case PLAIN -> Arrays.copyOfRange(stored, 1, stored.length);
            case DICTIONARY_1 -> inflate(stored);
            default -> throw new IllegalStateException("decision record kept in unknown form " + stored[0]);
        };
    }

    private static byte[] inflate(byte[] stored) {
        Inflater inflater = new Inflater(true);
        try {
            inflater.setDictionary(DICTIONARY);
            inflater.setInput(stored, 1, stored.length - 1);
            ByteArrayOutputStream out = new ByteArrayOutputStream(stored.length * 6);
            byte[] buffer = new byte[4096];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IllegalStateException("decision record truncated");
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new IllegalStateException("decision record damaged", e);
        } finally {
            inflater.end();
        }
    }

    private static byte[] load(String name) {
        try (InputStream in = RecordCompression.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
