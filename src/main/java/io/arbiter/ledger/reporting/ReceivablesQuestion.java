package io.arbiter.ledger.reporting;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A question about the receivables of a period, in the ledger's terms: the balances at the end of {@code asOf} and
 * of {@code opening} (the day before the period's first day), the sales in between, and the sales of each countback
 * month, grouped by {@code by} and currency, of the invoices {@code filter} and {@code page} let through.
 *
 * @param monthBoundaries the countback months' boundaries, {@code asOf} first: month {@code m} is the days after
 *                        boundary {@code m} up to boundary {@code m - 1}
 * @param bounds the aged balance's upper bounds in whole days past due, increasing, the first being 0
 * @param page only the customers of one page of the report by customer; null for every customer
 */
public record ReceivablesQuestion(LocalDate asOf, LocalDate opening, List<LocalDate> monthBoundaries,
        List<Integer> bounds, Grouping by, Filter filter, @Nullable Page page) {

    public ReceivablesQuestion {
        monthBoundaries = List.copyOf(monthBoundaries);
        bounds = List.copyOf(bounds);
    }

    /** What the rows are grouped by, besides the currency. */
    public enum Grouping {
        ALL("'all'", false), ENTITY("i.entity_code", false), GROUP("c.group_code", true), ACTIVITY("c.activity", true),
        SALESPERSON("c.salesperson", true), CUSTOMER("c.account", true);

        /** The group's value on an invoice {@code i} and its customer {@code c}. */
        final String key;
        final boolean needsCustomer;

        Grouping(String key, boolean needsCustomer) {
            this.key = key;
            this.needsCustomer = needsCustomer;
        }
    }

    /**
     * A drill-down: only the invoices of one entity, and of the customers with the given group, activity, salesperson
     * or account; a null field does not filter. The values may come from a client, so the statements bind them.
     */
    public record Filter(@Nullable String entity, @Nullable String group, @Nullable String activity,
            @Nullable String salesperson, @Nullable String account) {

        public static final Filter NONE = new Filter(null, null, null, null, null);

        /** The {@code ledger_customer} column each customer filter compares. */
        private static final Map<String, String> CUSTOMER_COLUMNS = Map.of("group", "group_code", "activity", "activity",
                "salesperson", "salesperson", "account", "account");

        /** The filter's values by name, as the statements bind them. */
        Map<String, Object> parameters() {
            Map<String, Object> given = new LinkedHashMap<>();
            String[] names = {"entity", "group", "activity", "salesperson", "account"};
            String[] values = {entity, group, activity, salesperson, account};
            for (int f = 0; f < names.length; f++) {
                if (values[f] != null) {
                    given.put(names[f], values[f]);
                }
            }
            return given;
        }

        /** Conditions on an invoice {@code i}, each starting with {@code and}; empty when nothing filters. */
        String conditions() {
            List<String> customers = customerConditions();
            return entityCondition() + (customers.isEmpty() ? "" : " and i.customer_id in (select c.id from ledger_customer c where "
                    + String.join(" and ", customers) + ")");
        }

        /** The entity's condition on an invoice {@code i}, starting with {@code and}; empty without one. */
        String entityCondition() {
            return entity == null ? "" : " and i.entity_code = :entity";
        }

        /** The conditions on a customer {@code c}. */
        List<String> customerConditions() {
            return parameters().keySet().stream().filter(CUSTOMER_COLUMNS::containsKey)
                    .map(name -> "c." + CUSTOMER_COLUMNS.get(name) + " = :" + name).toList();
        }
    }

    /**
     * A page of the report by customer: the first {@code limit} customers with something to report whose account
     * comes after {@code after} (null: from the first), in account order.
     */
    public record Page(int limit, @Nullable String after) {
    }

    /** How many months the countback counts back. */
    public int countbackMonths() {
        return monthBoundaries.size() - 1;
    }

    /** Boundary {@code m} of the countback months; boundary 0 is {@code asOf}. */
    public LocalDate monthBoundary(int monthsBack) {
        return monthBoundaries.get(monthsBack);
    }

    /** The drill-down's and the page's conditions on an invoice {@code i}, each starting with {@code and}. */
    String conditions() {
        return filter.conditions() + (page == null ? "" : " and i.customer_id = any(:page)");
    }
}
