package io.arbiter.ledger.importing;

import java.util.Arrays;

/**
 * A screen for natural keys that a file repeats, kept while the file is read: a 64-bit hash per row (8 bytes, so a
 * million-row file costs 8 MB), sorted once at the end. When no two hashes are equal no key repeats, and the import
 * skips the SQL that finds and reports repeated keys, a hash aggregate over every staged row that cost as much as
 * staging itself. Equal hashes only mean a key may repeat; the SQL then decides, and reports the rows.
 */
final class RepeatedKeys {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private long[] hashes = new long[1024];
    private int size;

    void add(String entity, String key) {
        if (size == hashes.length) {
            hashes = Arrays.copyOf(hashes, size * 2);
        }
        hashes[size++] = hash(key, hash(entity, FNV_OFFSET));
    }

    boolean anyMayRepeat() {
        long[] sorted = Arrays.copyOf(hashes, size);
        Arrays.parallelSort(sorted);
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] == sorted[i - 1]) {
                return true;
            }
        }
        return false;
    }

    /** FNV-1a over the UTF-16 code units, then a separator so that ("ab", "c") and ("a", "bc") differ. */
    private static long hash(String text, long seed) {
        long h = seed;
        for (int i = 0; i < text.length(); i++) {
            h = (h ^ text.charAt(i)) * FNV_PRIME;
        }
        return (h ^ 0x1F) * FNV_PRIME;
    }
}
