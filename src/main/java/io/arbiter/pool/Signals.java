package io.arbiter.pool;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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
     * @param rows the other members' rows on the customer, for the last 24 months at least
     * @param current the month the question is asked in
     */
    static Contribution.Signal of(List<Row> rows, YearMonth current, int minContributors, int windowMonths) {
        YearMonth windowStart = current.minusMonths(windowMonths);
        Set<String> contributors = new HashSet<>();
        List<Row> recent = new ArrayList<>();
        for (Row row : rows) {
            if (!row.month().isBefore(windowStart)) {
                contributors.add(row.member());
                recent.add(row);
            }
        }
        if (contributors.size() < minContributors) {
            return Contribution.Signal.without("INSUFFICIENT_DATA");
        }
        return new Contribution.Signal("AVAILABLE", lateShare(recent), medianBand(recent),
                trend(rows, current, 3), trend(rows, current, 12), contributorsBand(contributors.size()));
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

    /** The last {@code months} completed months against the {@code months} before them. */
    private static String trend(List<Row> rows, YearMonth current, int months) {
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
        Integer now = lateShare(recent);
        Integer before = lateShare(earlier);
        if (now == null || before == null) {
            return "UNKNOWN";
        }
        int change = now - before;
        return change <= -TREND_POINTS ? "IMPROVING" : change >= TREND_POINTS ? "WORSENING" : "STABLE";
    }
}
