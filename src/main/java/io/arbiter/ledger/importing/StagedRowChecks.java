package io.arbiter.ledger.importing;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The checks of an import that need the whole file or the ledger, run as set-based SQL on the staging table
 * {@code ledger_stage} before anything is merged: natural keys repeated in the file, and customers, entities and
 * invoices the ledger does not know. Each reports its rows as {@link RowErrors}, the first {@code limit} listed.
 */
@Component
class StagedRowChecks {

    private final JdbcClient jdbc;

    StagedRowChecks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @param keysMayRepeat false when the file is known to hold each natural key once ({@link RepeatedKeys}) */
    void check(ImportPlan plan, RowErrors errors, int limit, boolean keysMayRepeat) {
        jdbc.sql("analyze ledger_stage").update();
        String what = switch (plan.kind()) {
            case CUSTOMERS -> "customer account";
            case INVOICES -> "invoice";
            case OPEN_ORDERS -> "order";
            case PAYMENTS -> "payment";
            case CREDIT_NOTES -> "credit note";
        };
        if (keysMayRepeat) {
            duplicates(plan, errors, limit, plan.kind().keyField(), what);
        }
        switch (plan.kind()) {
            case CUSTOMERS -> { }
            case INVOICES -> unknownCustomers(plan, errors, limit, true);
            case OPEN_ORDERS -> unknownCustomers(plan, errors, limit, false);
            case PAYMENTS, CREDIT_NOTES -> settlementChecks(plan, errors, limit, what);
        }
    }

    private void duplicates(ImportPlan plan, RowErrors errors, int limit, String field, String what) {
        String key = plan.kind() == ImportKind.CUSTOMERS ? "account" : "entity, " + field;
        String join = plan.kind() == ImportKind.CUSTOMERS ? "d.account = s.account"
                : "d.entity = s.entity and d." + field + " = s." + field;
        String entity = plan.kind() == ImportKind.CUSTOMERS ? "''" : "' of entity ' || s.entity";
        report(errors, plan.columnOf(field), limit, """
                select s.row, s.%1$s, '%2$s ' || s.%1$s || %3$s || ' appears more than once in the file (first at row '
                       || d.first || ')', count(*) over ()
                from ledger_stage s
                join (select %4$s, min(row) as first from ledger_stage group by %4$s having count(*) > 1) d on %5$s
                where s.row > d.first order by s.row""".formatted(field, what, entity, key, join));
    }

    private void unknownCustomers(ImportPlan plan, RowErrors errors, int limit, boolean mayCreate) {
        report(errors, plan.columnOf("account"), limit, """
                select s.row, s.account, 'unknown customer account ' || s.account || %s, count(*) over ()
                from ledger_stage s
                where %s not exists (select 1 from ledger_customer c where c.account = s.account)
                order by s.row""".formatted(
                mayCreate ? "': map a customer name column to create it, or import customers first'"
                        : "': import customers (or invoices with customer columns) first'",
                mayCreate ? "s.customer_name is null and" : ""));
    }

    private void settlementChecks(ImportPlan plan, RowErrors errors, int limit, String what) {
        report(errors, plan.columnOf("entity"), limit, """
                select s.row, s.entity, 'unknown entity ' || s.entity || ': import its invoices first', count(*) over ()
                from ledger_stage s where not exists (select 1 from ledger_entity e where e.code = s.entity) order by s.row""");
        report(errors, plan.columnOf("invoiceNumber"), limit, """
                select s.row, s.invoice_number, 'no invoice ' || s.invoice_number || ' in entity ' || s.entity
                       || ' to allocate this %s to', count(*) over ()
                from ledger_stage s
                where s.invoice_number is not null
                  and exists (select 1 from ledger_entity e where e.code = s.entity)
                  and not exists (select 1 from ledger_invoice i where i.entity_code = s.entity and i.number = s.invoice_number)
                order by s.row""".formatted(what));
        report(errors, plan.columnOf("currency"), limit, """
                select s.row, s.currency, 'invoice ' || i.number || ' is in ' || i.currency || ', this %s in ' || s.currency,
                       count(*) over ()
                from ledger_stage s join ledger_invoice i on i.entity_code = s.entity and i.number = s.invoice_number
                where i.currency <> s.currency order by s.row""".formatted(what));
        report(errors, plan.columnOf("account"), limit, """
                select s.row, coalesce(s.account, ''), case when s.account is null
                           then 'a %1$s needs a customer account or an invoice number'
                           else 'unknown customer account ' || s.account end, count(*) over ()
                from ledger_stage s
                where (s.account is null and s.invoice_number is null)
                   or (s.account is not null and not exists (select 1 from ledger_customer c where c.account = s.account))
                order by s.row""".formatted(what));
        // Allocated anyway, one customer's money would close another customer's invoice. Another account of the same
        // company (a head office paying for one of its establishments) is the same debtor.
        report(errors, plan.columnOf("account"), limit, """
                select s.row, s.account, 'invoice ' || i.number || ' belongs to customer account ' || c.account
                       || ', not ' || s.account || ': correct the account or the invoice number of this %s',
                       count(*) over ()
                from ledger_stage s
                join ledger_invoice i on i.entity_code = s.entity and i.number = s.invoice_number
                join ledger_customer c on c.id = i.customer_id
                join ledger_customer payer on payer.account = s.account
                where c.account <> s.account
                  and not coalesce(c.company_id = payer.company_id and c.country = payer.country, false)
                order by s.row""".formatted(what));
    }

    private void report(RowErrors errors, String column, int limit, String sql) {
        List<Object[]> found = jdbc.sql(sql + " limit " + limit)
                .query((rs, n) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4)}).list();
        for (Object[] error : found) {
            errors.add((Long) error[0], column, String.valueOf(error[1]), (String) error[2]);
        }
        if (!found.isEmpty()) {
            errors.addUnlisted((Long) found.getFirst()[3] - found.size());
        }
    }
}
