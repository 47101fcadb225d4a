package io.arbiter.insight.kpi;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.arbiter.ledger.reporting.ReceivablesQuestion.Grouping;
import io.arbiter.ledger.reporting.ReceivablesQuestion;
import io.arbiter.shared.BusinessDates;
import io.arbiter.shared.ProblemException;

/**
 * One KPI question: the period from {@code from} (its first day) to {@code asOf} (its last), both included; the
 * dimension; {@code bounds}, the aged balance's upper bounds in days past due, the first being 0; how many calendar
 * months the countback DSO may count back; the drill-down; {@code page} null for the whole report; and the CEI's form.
 */
public record KpiQuery(LocalDate asOf, LocalDate from, KpiQuery.Dimension by, List<Integer> bounds, int countbackMonths,
        KpiQuery.Filter filter, KpiQuery.@Nullable Page page, KpiQuery.CeiForm ceiForm) {

    public KpiQuery(LocalDate asOf, LocalDate from, Dimension by, List<Integer> bounds, int countbackMonths, Filter filter,
            @Nullable Page page) {
        this(asOf, from, by, bounds, countbackMonths, filter, page, CeiForm.STANDARD);
    }

    public enum Dimension {
        ALL(Grouping.ALL), ENTITY(Grouping.ENTITY), GROUP(Grouping.GROUP), ACTIVITY(Grouping.ACTIVITY),
        SALESPERSON(Grouping.SALESPERSON), CUSTOMER(Grouping.CUSTOMER);

        final Grouping grouping;

        Dimension(Grouping grouping) {
            this.grouping = grouping;
        }

        public static Dimension parse(String by) {
            return Arrays.stream(values()).filter(d -> d.name().equalsIgnoreCase(by)).findFirst()
                    .orElseThrow(() -> invalid("by", "by must be one of all, entity, group, activity, salesperson, customer (was '" + by + "')"));
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A drill-down: only the invoices of one entity, and of the customers with the given group, activity, salesperson
     * or account; a null field does not filter. The values come from a client, so the statements bind them.
     */
    public record Filter(@Nullable String entity, @Nullable String group, @Nullable String activity,
            @Nullable String salesperson, @Nullable String customer) {

        public static final Filter NONE = new Filter(null, null, null, null, null);

        public Filter {
            given(entity, group, activity, salesperson, customer).forEach((field, value) -> {
                if (value.isBlank()) {
                    throw invalid(field, field + " must not be blank: leave it out to include every " + field);
                }
            });
        }

        /** The filter's values by name, as the report shows them and the statements bind them. */
        public Map<String, String> values() {
            return given(entity, group, activity, salesperson, customer);
        }

        private static Map<String, String> given(@Nullable String entity, @Nullable String group,
                @Nullable String activity, @Nullable String salesperson, @Nullable String customer) {
            Map<String, @Nullable String> all = new LinkedHashMap<>();
            all.put("entity", entity);
            all.put("group", group);
            all.put("activity", activity);
            all.put("salesperson", salesperson);
            all.put("account", customer);
            Map<String, String> given = new LinkedHashMap<>();
            all.forEach((name, value) -> {
                if (value != null) {
                    given.put(name, value);
                }
            });
            return given;
        }

        /** The drill-down as the ledger's reporting queries take it. */
        ReceivablesQuestion.Filter receivables() {
            return new ReceivablesQuestion.Filter(entity, group, activity, salesperson, customer);
        }
    }

    /**
     * A page of the report by customer: the first {@code limit} customers with something to report whose account
     * comes after {@code after} (null: from the first), in account order. A customer with invoices in two currencies
     * has two rows on its page.
     */
    public record Page(int limit, @Nullable String after) {

        public Page {
            if (limit < 1) {
                throw invalid("limit", "limit must be at least 1 (was " + limit + ")");
            }
        }
    }

    /** Which form of the collection effectiveness index a report gives. */
    public enum CeiForm {
        /**
         * The Credit Research Foundation's standard form: the period's credit sales divided by its number of months
         * (average monthly credit sales). For a one-month period both forms agree.
         */
        STANDARD,
        /** The whole period's credit sales, which compares receivables a period apart with the same period's sales. */
        PERIOD;

        public static CeiForm parse(@Nullable String text) {
            if (text == null || text.isBlank()) {
                return STANDARD;
            }
            return java.util.Arrays.stream(values()).filter(f -> f.name().equalsIgnoreCase(text.strip())).findFirst()
                    .orElseThrow(() -> invalid("ceiForm", "ceiForm must be standard or period (was '" + text + "')"));
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }



    /** A century of days: an aged-balance bound beyond it reaches before any ledger and out of PostgreSQL's dates. */
    static final int MAX_BUCKET_DAYS = 36_500;

public KpiQuery {
        BusinessDates.within("asOf", asOf);
        BusinessDates.within("from", from);
        if (from.isAfter(asOf)) {
            throw invalid("from", "from (" + from + ") must not be after asOf (" + asOf + "): it is the period's first day");
        }
        if (ChronoUnit.DAYS.between(from, asOf) >= 3660) {
            throw invalid("from", "the period from " + from + " to " + asOf + " is longer than 10 years");
        }
        List<Integer> sorted = new ArrayList<>(bounds);
        if (sorted.isEmpty() || sorted.getFirst() != 0) {
            sorted.addFirst(0);
        }
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i) <= sorted.get(i - 1)) {
                throw invalid("buckets", "buckets must be increasing whole days past due, e.g. 0,30,60,90,180 (was " + bounds + ")");
            }
        }
        if (sorted.size() > 20) {
            throw invalid("buckets", "at most 20 buckets");
        }
        if (sorted.getLast() > MAX_BUCKET_DAYS) {
            throw invalid("buckets", "buckets must be at most " + MAX_BUCKET_DAYS + " days past due (was " + bounds + ")");
        }
        bounds = List.copyOf(sorted);
    }

    /** Days in the period, both ends included: 1 January to 31 December is 365 days. */
    int periodDays() {
        return (int) ChronoUnit.DAYS.between(from, asOf) + 1;
    }

    /** The day whose closing balances are the period's beginning ones: the day before {@code from}. */
    LocalDate opening() {
        return from.minusDays(1);
    }

    /**
     * The countback's calendar months, most recent first: month {@code m} is the days after
     * {@code monthBoundary(m)} up to {@code monthBoundary(m - 1)}. Month 1 is the as-of day's month up to that day
     * (a partial month, or the whole month on its last day); the others are whole calendar months, with their own
     * number of days (28 to 31).
     */
    LocalDate monthBoundary(int monthsBack) {
        return monthsBack == 0 ? asOf : asOf.withDayOfMonth(1).minusMonths(monthsBack - 1).minusDays(1);
    }

    /** Days of countback month {@code m}. */
    int monthDays(int monthsBack) {
        return (int) ChronoUnit.DAYS.between(monthBoundary(monthsBack), monthBoundary(monthsBack - 1));
    }

    /**
     * The period in months, for the standard CEI's average monthly credit sales: whole calendar months from
     * {@code from} to the day after {@code asOf}, plus the remaining days as a fraction of a month.
     */
    BigDecimal months() {
        java.time.Period period = java.time.Period.between(from, asOf.plusDays(1));
        LocalDate wholeMonthsEnd = from.plusMonths(period.toTotalMonths());
        BigDecimal fraction = BigDecimal.valueOf(period.getDays()).divide(
                BigDecimal.valueOf(wholeMonthsEnd.lengthOfMonth()), java.math.MathContext.DECIMAL64);
        return BigDecimal.valueOf(period.toTotalMonths()).add(fraction);
    }

    /**
     * The question as the ledger's reporting queries take it: the balances at the end of the as-of and opening days,
     * the countback months' boundaries and the aged balance's bounds.
     */
    public ReceivablesQuestion receivables() {
        List<LocalDate> boundaries = new ArrayList<>();
        for (int m = 0; m <= countbackMonths; m++) {
            boundaries.add(monthBoundary(m));
        }
        return new ReceivablesQuestion(asOf, opening(), boundaries, bounds, by.grouping, filter.receivables(),
                page == null ? null : new ReceivablesQuestion.Page(page.limit(), page.after()));
    }


    public static List<Integer> parseBuckets(@Nullable String buckets, List<Integer> defaults) {
        if (buckets == null || buckets.isBlank()) {
            return defaults;
        }
        try {
            return Arrays.stream(buckets.split(",")).map(String::strip).map(Integer::valueOf).toList();
        } catch (NumberFormatException e) {
            throw invalid("buckets", "buckets must be whole days past due separated by commas, e.g. 0,30,60,90,180 (was '" + buckets + "')");
        }
    }

    public static ProblemException invalid(String field, String message) {
        return ProblemException.invalidField(field, message, message);
    }
}
