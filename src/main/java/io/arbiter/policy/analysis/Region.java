package io.arbiter.policy.analysis;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The values of one input (a fact's field) that a table row accepts: ranges of numbers, or a list of values (or every
 * value but a list). Blank cells accept everything; several columns on the same field intersect.
 */
sealed interface Region permits Region.Ranges, Region.Values {

    Region intersect(Region other);

    boolean isEmpty();

    /**
     * A point between two numbers, just before {@code value} or just after it ({@code after}), or one of the infinities.
     * A range is the numbers between two cuts, so that {@code >= 6}, {@code > 5} and {@code < 6} need no special cases.
     */
    record Cut(@Nullable BigDecimal value, boolean after, int infinity) implements Comparable<Cut> {

        static final Cut BOTTOM = new Cut(null, false, -1);
        static final Cut TOP = new Cut(null, false, 1);

        static Cut before(BigDecimal value) {
            return new Cut(value.stripTrailingZeros(), false, 0);
        }

        static Cut after(BigDecimal value) {
            return new Cut(value.stripTrailingZeros(), true, 0);
        }

        /** For a whole-number field every cut lies just before a whole number: {@code > 5} is {@code >= 6}. */
        Cut whole() {
            if (value == null) {
                return this;
            }
            BigDecimal whole = after ? value.setScale(0, RoundingMode.FLOOR).add(BigDecimal.ONE) : value.setScale(0, RoundingMode.CEILING);
            return before(whole);
        }

        @Override
        public int compareTo(Cut other) {
            if (infinity != other.infinity || infinity != 0) {
                return Integer.compare(infinity, other.infinity);
            }
            int byValue = value.compareTo(other.value);
            return byValue != 0 ? byValue : Boolean.compare(after, other.after);
        }
    }

    /** Numbers from one cut (included) to the next (excluded), in cut space. */
    record Range(Cut from, Cut to) {

        boolean isEmpty() {
            return from.compareTo(to) >= 0;
        }
    }

    /** A union of disjoint ranges, in ascending order. */
    record Ranges(List<Range> ranges) implements Region {

        static final Ranges ALL = new Ranges(List.of(new Range(Cut.BOTTOM, Cut.TOP)));

        static Ranges of(Range... ranges) {
            return new Ranges(List.of(ranges)).normalised();
        }

        @Override
        public Region intersect(Region other) {
            if (!(other instanceof Ranges that)) {
                throw new IllegalArgumentException("a number compared with a text");
            }
            List<Range> result = new ArrayList<>();
            for (Range a : ranges) {
                for (Range b : that.ranges) {
                    Range both = new Range(max(a.from(), b.from()), min(a.to(), b.to()));
                    if (!both.isEmpty()) {
                        result.add(both);
                    }
                }
            }
            return new Ranges(result).normalised();
        }

        Ranges whole() {
            return new Ranges(ranges.stream().map(r -> new Range(r.from().whole(), r.to().whole())).toList()).normalised();
        }

        Ranges complement() {
            List<Range> result = new ArrayList<>();
            Cut from = Cut.BOTTOM;
            for (Range range : ranges) {
                result.add(new Range(from, range.from()));
                from = range.to();
            }
            result.add(new Range(from, Cut.TOP));
            return new Ranges(result).normalised();
        }

        @Override
        public boolean isEmpty() {
            return ranges.isEmpty();
        }

        private Ranges normalised() {
            List<Range> sorted = ranges.stream().filter(r -> !r.isEmpty())
                    .sorted((a, b) -> a.from().compareTo(b.from())).toList();
            List<Range> merged = new ArrayList<>();
            for (Range range : sorted) {
                Range last = merged.isEmpty() ? null : merged.getLast();
                if (last != null && range.from().compareTo(last.to()) <= 0) {
                    merged.set(merged.size() - 1, new Range(last.from(), max(last.to(), range.to())));
                } else {
                    merged.add(range);
                }
            }
            return new Ranges(List.copyOf(merged));
        }

        private static Cut max(Cut a, Cut b) {
            return a.compareTo(b) >= 0 ? a : b;
        }

        private static Cut min(Cut a, Cut b) {
            return a.compareTo(b) <= 0 ? a : b;
        }
    }

    /** Exactly these values ({@code listed}), or every value but these. */
    record Values(boolean listed, Set<String> values) implements Region {

        static final Values ALL = new Values(false, Set.of());

        static Values only(Collection<String> values) {
            return new Values(true, new LinkedHashSet<>(values));
        }

        static Values except(Collection<String> values) {
            return new Values(false, new LinkedHashSet<>(values));
        }

        boolean contains(String value) {
            return listed == values.contains(value);
        }

        @Override
        public Region intersect(Region other) {
            if (!(other instanceof Values that)) {
                throw new IllegalArgumentException("a text compared with a number");
            }
            Set<String> result = new LinkedHashSet<>(listed ? values : that.values);
            if (listed && that.listed) {
                result.retainAll(that.values);
            } else if (listed) {
                result.removeAll(that.values);
            } else if (that.listed) {
                result.removeAll(values);
            } else {
                result.addAll(that.values);
            }
            return new Values(listed || that.listed, result);
        }

        @Override
        public boolean isEmpty() {
            return listed && values.isEmpty();
        }
    }

    /** {@code 12–23}, {@code ≥ 50,000,000}, {@code = 5}, {@code from 2.5 to under 3}: a range as finance staff say it. */
    static String describe(Range range, boolean whole) {
        Cut from = range.from();
        Cut to = range.to();
        if (whole) {
            BigDecimal low = from.value();
            BigDecimal high = to.value() == null ? null : to.value().subtract(BigDecimal.ONE);
            if (low == null && high == null) {
                return "any value";
            }
            if (high == null) {
                return "≥ " + number(low);
            }
            if (low == null) {
                return "≤ " + number(high);
            }
            return low.compareTo(high) == 0 ? "= " + number(low) : number(low) + "–" + number(high);
        }
        if (from.value() == null && to.value() == null) {
            return "any value";
        }
        if (from.value() == null) {
            return (to.after() ? "≤ " : "< ") + number(to.value());
        }
        if (to.value() == null) {
            return (from.after() ? "> " : "≥ ") + number(from.value());
        }
        if (!from.after() && to.after() && from.value().compareTo(to.value()) == 0) {
            return "= " + number(from.value());
        }
        return (from.after() ? "over " : "from ") + number(from.value()) + (to.after() ? " up to " : " to under ")
                + number(to.value());
    }

    static String describe(Collection<String> values) {
        List<String> list = List.copyOf(values);
        if (list.size() == 1) {
            return "= " + list.getFirst();
        }
        return "= " + String.join(", ", list.subList(0, list.size() - 1)) + " or " + list.getLast();
    }

    static String number(BigDecimal value) {
        DecimalFormat format = new DecimalFormat("#,##0.##########", DecimalFormatSymbols.getInstance(Locale.ENGLISH));
        format.setParseBigDecimal(true);
        return format.format(value);
    }
}
