package io.arbiter.law;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The rate in force on a date.
 *
 * @param ratePercent         the rate, in percent (4.25 means 4.25 %)
 * @param effectiveFrom       the date of the table line the rate comes from
 * @param beyondLastDataPoint true when the date is after the table's last line, so the rate is the last known one and a
 *                            newer decision may be missing from the file
 */
public record RateLookup(BigDecimal ratePercent, LocalDate effectiveFrom, boolean beyondLastDataPoint) {
}
