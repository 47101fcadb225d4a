package io.arbiter.pool.server;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.arbiter.pool.protocol.Bands;
import io.arbiter.pool.protocol.Contribution;

/**
 * The signal maths, apart from any storage: from the experiences other members shared on one customer, whether a
 * signal may be given and what it says.
 */
final class Signals {

    /** Late share moving by at least this many points between two periods is a trend. */
    static final int TREND_POINTS = 10;

    /** One stored row: a member's invoices of one month in one days-beyond-terms band. */
    record Row(String member, YearMonth month, String daysBand, int invoices) {
    }

    private Signals() {
    }

    /**
     * Every field comes only from the members that count towards k, those that reported in the window: a member that
     * shared only before it weighs in nothing, not even in a trend's earlier period. A trend is two figures, each its own
     * period's, so each period needs k of those members too, or the trend is {@code UNKNOWN}: otherwise one member alone
     * in a period would decide what the others read.
     *
     * @param rows the other members' rows on the customer, for the last 24 months at least
     * @param current the month the question is asked in
     */
    static Contribution.Signal of(List<Row> rows, YearMonth current, int minContributors, int windowMonths) {
        YearMonth windowStart = current.minusMonths(windowMonths);
        List<Row> recent = rows.stream().filter(row -> !row.month().isBefore(windowStart)).toList();
        Set<String> counting = members(recent);
        if (counting.size() < minContributors) {
            return Contribution.Signal.without("INSUFFICIENT_DATA");
        }
        List<Row> fromCounting = rows.stream().filter(row -> counting.contains(row.member())).toList();
        return new Contribution.Signal("AVAILABLE", lateShare(recent), medianBand(recent),
                trend(fromCounting, current, 3, minContributors), trend(fromCounting, current, 12, minContributors),
                contributorsBand(counting.size()));
    }

    static String contributorsBand(int contributors) {
        return contributors <= 5 ? "3-5" : contributors <= 10 ? "6-10" : "MORE_THAN_10";
    }

    private static Integer lateShare(List<Row> rows) {
        long total = 0;
        long late = 0;
        for (Row row : rows) {
            total += row.invoices();
            if (Bands.late(row.daysBand())) {
                late += row.invoices();
            }
        }
        return total == 0 ? null : (int) (late * 100 / total);
    }

    private static String medianBand(List<Row> rows) {
        long[] perBand = new long[Bands.DAYS_BEYOND_TERMS.size()];
        long total = 0;
        for (Row row : rows) {
            int band = Bands.DAYS_BEYOND_TERMS.indexOf(row.daysBand());
            perBand[band] += row.invoices();
            total += row.invoices();
        }
        long seen = 0;
        for (int band = 0; band < perBand.length; band++) {
            seen += perBand[band];
            if (seen * 2 >= total) {
                return Bands.DAYS_BEYOND_TERMS.get(band);
            }
        }
        return Bands.DAYS_BEYOND_TERMS.getLast();
    }

    /**
     * The last {@code months} completed months against the {@code months} before them; {@code UNKNOWN} when either
     * period has fewer than {@code minContributors} distinct members.
     */
    private static String trend(List<Row> rows, YearMonth current, int months, int minContributors) {
        YearMonth recentStart = current.minusMonths(months);
        YearMonth earlierStart = recentStart.minusMonths(months);
        List<Row> recent = new ArrayList<>();
        List<Row> earlier = new ArrayList<>();
        for (Row row : rows) {
            if (!row.month().isBefore(recentStart) && row.month().isBefore(current)) {
                recent.add(row);
            } else if (!row.month().isBefore(earlierStart) && row.month().isBefore(recentStart)) {
                earlier.add(row);
            }
        }
        if (members(recent).size() < minContributors || members(earlier).size() < minContributors) {
            return "UNKNOWN";
        }
        int change = lateShare(recent) - lateShare(earlier);
        return change <= -TREND_POINTS ? "IMPROVING" : change >= TREND_POINTS ? "WORSENING" : "STABLE";
    }

    private static Set<String> members(List<Row> rows) {
        Set<String> members = new HashSet<>();
        rows.forEach(row -> members.add(row.member()));
        return members;
    }
}
