package io.arbiter.pool.protocol;

import java.math.BigDecimal;
import java.util.List;

/**
 * The only shapes in which amounts and delays leave a supplier. Bands are wide on purpose: an exact amount or delay
 * could be matched against one supplier's own books and identify the invoice.
 */
public final class Bands {

    /** Invoice amount including VAT, in the invoice's currency: under 1,000; 1,000–4,999; 5,000–19,999; 20,000–99,999; 100,000 and more. */
    public static final List<String> AMOUNT = List.of("UNDER_1K", "1K_5K", "5K_20K", "20K_100K", "100K_AND_MORE");
    /** Days paid (or still unpaid) beyond the due date: on time; 1–15; 16–30; 31–60; 61–90; more than 90. */
    public static final List<String> DAYS_BEYOND_TERMS = List.of("ON_TIME", "1_15", "16_30", "31_60", "61_90", "OVER_90");

    private static final long[] AMOUNT_FROM = {1_000, 5_000, 20_000, 100_000};
    private static final int[] DAYS_UP_TO = {0, 15, 30, 60, 90};

    private Bands() {
    }

    public static String amount(BigDecimal amount) {
        int band = 0;
        while (band < AMOUNT_FROM.length && amount.compareTo(BigDecimal.valueOf(AMOUNT_FROM[band])) >= 0) {
            band++;
        }
        return AMOUNT.get(band);
    }

    public static String daysBeyondTerms(int days) {
        int band = 0;
        while (band < DAYS_UP_TO.length && days > DAYS_UP_TO[band]) {
            band++;
        }
        return DAYS_BEYOND_TERMS.get(band);
    }

    public static boolean late(String daysBand) {
        return !"ON_TIME".equals(daysBand);
    }
}
