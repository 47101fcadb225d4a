package io.arbiter.ledger.importing;

import java.time.LocalDate;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Merges an invoice file into the ledger: its entities and customers first, then the invoices the ledger has (updated
 * only when their row hash changed), the open invoices of the source a snapshot no longer lists (settled), the new
 * ones, and the disputes its dispute column opens and closes.
 */
@Component
class InvoiceMerge {

    /** A dispute cell that says "no dispute": empty cells are staged as null. */
    private static final String NOT_DISPUTED = "lower(btrim(s.dispute)) in ('non', 'n', 'no', '0', 'false', 'faux', 'f', '-')";
    /** A dispute cell that flags a dispute without giving its reason. */
    private static final String FLAGGED = "lower(btrim(s.dispute)) in ('oui', 'o', 'yes', 'y', '1', 'true', 'vrai', 'x')";

    private final JdbcClient jdbc;
    private final CustomerMerge master;

    InvoiceMerge(JdbcClient jdbc, CustomerMerge master) {
        this.jdbc = jdbc;
        this.master = master;
    }

    LedgerWrites.Counts merge(ImportPlan plan, ImportRequest request, long staged, RowConverter read, LocalDate today) {
        master.entities(read.entities());
        long[] customers = master.customers(read.customers());
        // Without an open-amount column, what was already paid stays paid when the amount changes. A SETTLED invoice's
        // open amount was zeroed by the snapshot that omitted it, not paid: what it was paid is what was allocated to it.
        String newOpen = plan.has("openAmount") ? "coalesce(s.open_amount, s.amount)"
                : """
                greatest(s.amount - case when i.status = 'SETTLED' then i.allocated else i.amount - i.open_amount end, 0)""";
        // The staged rows the ledger already has, found once by a join with the table before anything is written,
        // then an UPDATE of those that changed and a plain INSERT of the others. INSERT ... ON CONFLICT DO UPDATE would
        // lock (and so rewrite) every existing row it meets even when nothing changed, and DO NOTHING costs a
        // speculative insertion per row; an anti-join with the table being inserted into is planned from statistics
        // taken before the insert (empty, on a first import), and a nested loop over a growing table rescans it.
        long existing = jdbc.sql("""
                create temp table ledger_stage_existing on commit drop as
                select s.row, i.id, i.row_hash is distinct from s.row_hash or i.status = 'SETTLED' as changed,
                       i.status = 'OPEN' and i.source = :source as open_from_source
                from ledger_stage s join ledger_invoice i on i.entity_code = s.entity and i.number = s.number""")
                .param("source", request.source()).update();
        GrownTables.analyzeIfLarge(jdbc, "ledger_stage_existing", existing);
        String[] entities = read.entities().keySet().toArray(String[]::new);
        // A snapshot that lists every open invoice of its source (a daily export) settles none: two counts tell, for a
        // fraction of what the anti-join of the whole ledger with every staged row costs. Both are of the invoices open
        // before this file: the update below turns some of those it lists PAID.
        boolean mayOmitOpen = request.mode() == ImportMode.SNAPSHOT && jdbc.sql("""
                select count(*) from ledger_invoice where status = 'OPEN' and source = :source and entity_code = any(:entities)""")
                .param("source", request.source()).param("entities", entities).query(Long.class).single()
                > jdbc.sql("select count(*) from ledger_stage_existing where open_from_source").query(Long.class).single();
        long updated = jdbc.sql("""
                update ledger_invoice i set
                    customer_id = c.id, issue_date = s.issue_date, due_date = s.due_date, amount = s.amount,
                    open_amount = %1$s, currency = s.currency,
                    status = case when %1$s = 0 then 'PAID' else 'OPEN' end,
                    paid_on = case when %1$s = 0 then coalesce(i.paid_on, :today) end,
                    row_hash = s.row_hash, source = :source, updated_at = now()
                from ledger_stage_existing e
                join ledger_stage s on s.row = e.row
                join ledger_customer c on c.account = s.account
                where i.id = e.id and e.changed""".formatted(newOpen))
                .param("today", today).param("source", request.source()).update();
        // Before the INSERT, so that it looks through what the ledger held before this file (on a first import, nothing)
        // and matches by id the invoices the file still lists.
        long settled = 0;
        if (mayOmitOpen) {
            settled = jdbc.sql("""
                    update ledger_invoice i set status = 'SETTLED', open_amount = 0, paid_on = :today, updated_at = now()
                    where i.status = 'OPEN' and i.source = :source and i.entity_code = any(:entities)
                      and not exists (select 1 from ledger_stage_existing e where e.id = i.id)""")
                    .param("today", today).param("source", request.source()).param("entities", entities).update();
        }
        // A file the ledger already has in full (a re-import) has nothing to insert: the anti-join is skipped. The rows go
        // into the table with its indexes in place, however many: dropping them to build them once afterwards (a third
        // faster on a first load of a million) locked the table until the import committed, so every credit decision
        // reading a customer's exposure waited for the whole import.
        long inserted = existing == staged ? 0 : jdbc.sql("""
                insert into ledger_invoice (entity_code, number, customer_id, issue_date, due_date, amount, open_amount,
                                            currency, status, paid_on, row_hash, source)
                select s.entity, s.number, c.id, s.issue_date, s.due_date, s.amount, coalesce(s.open_amount, s.amount),
                       s.currency, case when coalesce(s.open_amount, s.amount) = 0 then 'PAID' else 'OPEN' end,
                       case when coalesce(s.open_amount, s.amount) = 0 then :today end, s.row_hash, :source
                from ledger_stage s join ledger_customer c on c.account = s.account
                where not exists (select 1 from ledger_stage_existing e where e.row = s.row)""")
                .param("today", today).param("source", request.source()).update();
        GrownTables.analyzeIfLarge(jdbc, "ledger_invoice", inserted);
        if (plan.has("dispute")) {
            disputes(request.source(), today);
        }
        return new LedgerWrites.Counts(inserted, updated, settled, customers[0], customers[1]);
    }

    /**
     * The file's dispute column, for its invoices: one that it marks in dispute (a reason, or a yes) and that has no
     * open dispute gets one, opened today by this source; one that it no longer marks has the disputes this source
     * opened on it resolved today. A dispute recorded by a dunning outcome is left to people. Run on every staged row,
     * so that a file whose invoices did not change still opens and closes disputes, and a re-import changes nothing.
     */
    private void disputes(String source, LocalDate today) {
        jdbc.sql("""
                create temp table ledger_stage_dispute on commit drop as
                select nextval(pg_get_serial_sequence('ledger_dispute', 'id')) as id, i.id as invoice_id, i.customer_id,
                       case when %2$s then 'in dispute in ' || :source else btrim(s.dispute) end as reason
                from ledger_stage s join ledger_invoice i on i.entity_code = s.entity and i.number = s.number
                where s.dispute is not null and not %1$s
                  and not exists (select 1 from ledger_dispute_invoice di join ledger_dispute d on d.id = di.dispute_id
                                  where di.invoice_id = i.id and d.resolved_on is null)""".formatted(NOT_DISPUTED, FLAGGED))
                .param("source", source).update();
        jdbc.sql("""
                insert into ledger_dispute (id, customer_id, reason, opened_on, source) overriding system value
                select id, customer_id, reason, :today, :source from ledger_stage_dispute""")
                .param("today", today).param("source", source).update();
        jdbc.sql("insert into ledger_dispute_invoice (dispute_id, invoice_id) select id, invoice_id from ledger_stage_dispute")
                .update();
        jdbc.sql("""
                update ledger_dispute d set resolved_on = greatest(:today, d.opened_on)
                where d.resolved_on is null and d.source = :source
                  and exists (select 1 from ledger_dispute_invoice di
                              join ledger_invoice i on i.id = di.invoice_id
                              join ledger_stage s on s.entity = i.entity_code and s.number = i.number
                              where di.dispute_id = d.id and (s.dispute is null or %s))""".formatted(NOT_DISPUTED))
                .param("today", today).param("source", source).update();
    }
}
