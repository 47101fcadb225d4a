package io.arbiter.ledger.importing;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Merges a payment or credit-note file and allocates what it brings to the invoices it names. */
@Component
class SettlementMerge {

    private final JdbcClient jdbc;

    SettlementMerge(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Payments or credit notes: new ones are stored (one already imported under its reference is left as it is) and
     * allocated to their invoice in date order, each taking at most what the invoice still has open; an invoice whose
     * open amount reaches zero is PAID on the day of the allocation that closed it.
     */
    LedgerWrites.Counts merge(String table, String key, String dateColumn, String allocationColumn) {
        jdbc.sql("""
                create temp table ledger_stage_new on commit drop as
                select s.*, coalesce(c.id, i.customer_id) as customer_id, i.id as invoice_id
                from ledger_stage s
                left join ledger_invoice i on i.entity_code = s.entity and i.number = s.invoice_number
                left join ledger_customer c on c.account = s.account
                where not exists (select 1 from %1$s t where t.entity_code = s.entity and t.%2$s = s.%2$s)"""
                .formatted(table, key)).update();
        long imported = jdbc.sql("""
                insert into %1$s (entity_code, %2$s, customer_id, %3$s, amount, currency)
                select entity, %2$s, customer_id, %3$s, amount, currency from ledger_stage_new order by row"""
                .formatted(table, key, dateColumn)).update();
        GrownTables.analyzeIfLarge(jdbc, table, imported);
        jdbc.sql("""
                create temp table ledger_stage_allocation on commit drop as
                select i.id as invoice_id, t.id as settlement_id, n.%3$s as allocated_on,
                       greatest(0, least(n.amount, i.open_amount
                           - (sum(n.amount) over (partition by i.id order by n.%3$s, n.row) - n.amount))) as amount
                from ledger_stage_new n
                join ledger_invoice i on i.id = n.invoice_id
                join %1$s t on t.entity_code = n.entity and t.%2$s = n.%2$s
                where i.status = 'OPEN'""".formatted(table, key, dateColumn)).update();
        jdbc.sql("""
                insert into ledger_allocation (invoice_id, %s, amount, allocated_on)
                select invoice_id, settlement_id, amount, allocated_on from ledger_stage_allocation where amount > 0"""
                .formatted(allocationColumn)).update();
        long[] invoices = jdbc.sql("""
                with changed as (
                    update ledger_invoice i set
                        open_amount = i.open_amount - a.total,
                        status = case when i.open_amount - a.total = 0 then 'PAID' else i.status end,
                        paid_on = case when i.open_amount - a.total = 0 then a.last_on else i.paid_on end,
                        allocated = i.allocated + a.total,
                        updated_at = now()
                    from (select invoice_id, sum(amount) as total, max(allocated_on) as last_on
                          from ledger_stage_allocation where amount > 0 group by invoice_id) a
                    where i.id = a.invoice_id
                    returning i.status)
                select count(*), count(*) filter (where status = 'PAID') from changed""")
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}).single();
        return new LedgerWrites.Counts(imported, invoices[0], invoices[1], 0, 0);
    }
}
