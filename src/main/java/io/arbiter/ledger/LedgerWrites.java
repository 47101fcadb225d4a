package io.arbiter.ledger;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The set-based SQL of an import, run on the staging table {@code ledger_stage} inside the import's transaction: the
 * checks that need the whole file or the ledger (duplicates, unknown customers, entities and invoices), then the merge
 * into the ledger. A row whose hash is unchanged is not touched, so that importing the same file twice changes nothing.
 */
@Component
class LedgerWrites {

    /** A dispute cell that says "no dispute": empty cells are staged as null. */
    private static final String NOT_DISPUTED = "lower(btrim(s.dispute)) in ('non', 'n', 'no', '0', 'false', 'faux', 'f', '-')";
    /** A dispute cell that flags a dispute without giving its reason. */
    private static final String FLAGGED = "lower(btrim(s.dispute)) in ('oui', 'o', 'yes', 'y', '1', 'true', 'vrai', 'x')";

    /** What a merge did. */
    record Counts(long imported, long updated, long settled, long customersCreated, long customersUpdated) {
    }

    private final JdbcClient jdbc;
    private final LedgerImportProperties properties;

    LedgerWrites(JdbcClient jdbc, LedgerImportProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    void createStage(ImportPlan plan) {
        // Sorts and hashes over a million staged rows stay in memory; one import runs at a time.
        jdbc.sql("set local work_mem = '128MB'").update();
        jdbc.sql("create temp table ledger_stage (row bigint not null, " + plan.fields().stream()
                .map(field -> field.column() + " " + field.type().sqlType).collect(Collectors.joining(", "))
                + (plan.kind() == ImportKind.INVOICES ? ", row_hash text not null" : "") + ") on commit drop").update();
    }

    /** The COPY that fills the staging table with {@link RowConverter}'s lines (for invoices, the row hash last). */
    String copyCommand(ImportPlan plan) {
        return "copy ledger_stage (row, " + plan.fields().stream().map(ImportField::column).collect(Collectors.joining(", "))
                + (plan.kind() == ImportKind.INVOICES ? ", row_hash" : "") + ") from stdin";
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

    /**
     * @param staged how many rows the staging table holds (every row of the file: a merge follows no error)
     * @param read what the reader gathered: the file's customers (each account's last row) and entities
     */
    Counts merge(ImportPlan plan, ImportRequest request, long staged, RowConverter read, LocalDate today) {
        return switch (plan.kind()) {
            case CUSTOMERS -> {
                long[] customers = customers(read.customers());
                yield new Counts(customers[0], customers[1], 0, customers[0], customers[1]);
            }
            case INVOICES -> invoices(plan, request, staged, read, today);
            case OPEN_ORDERS -> openOrders(request, read.entities());
            case PAYMENTS -> settlements("ledger_payment", "reference", "received_on", "payment_id");
            case CREDIT_NOTES -> settlements("ledger_credit_note", "number", "issued_on", "credit_note_id");
        };
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

    /**
     * The file's customers, the last row of each account winning; only the columns the file has change. The reader
     * gathered them ({@link RowConverter#customers}): picking them out of the staging table meant reading every staged
     * row again.
     */
    private long[] customers(Collection<@Nullable String[]> customers) {
        int fields = RowConverter.CUSTOMER_FIELDS.size();
        String[][] columns = new String[fields][customers.size()];
        int row = 0;
        for (String[] customer : customers) {
            for (int field = 0; field < fields; field++) {
                columns[field][row] = customer[field];
            }
            row++;
        }
        jdbc.sql("""
                create temp table ledger_stage_customer on commit drop as
                select account, customer_name, registration_number, country::char(2), group_code, salesperson, activity,
                       payment_terms_days::integer, customer_since::date, public_sector::boolean, postal_address
                from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                            ?::text[], ?::text[], ?::text[]) as c(account, customer_name, registration_number, country,
                                            group_code, salesperson, activity, payment_terms_days, customer_since,
                                            public_sector, postal_address)""")
                .params((Object[]) columns).update();
        jdbc.sql("""
                insert into ledger_customer_group (code, name)
                select distinct group_code, group_code from ledger_stage_customer where group_code is not null
                on conflict (code) do nothing""").update();
        long updated = jdbc.sql("""
                update ledger_customer c set
                    name = coalesce(s.customer_name, c.name),
                    registration_number = coalesce(s.registration_number, c.registration_number),
                    country = coalesce(s.country, c.country),
                    group_code = coalesce(s.group_code, c.group_code),
                    salesperson = coalesce(s.salesperson, c.salesperson),
                    activity = coalesce(s.activity, c.activity),
                    payment_terms_days = coalesce(s.payment_terms_days, c.payment_terms_days),
                    customer_since = coalesce(s.customer_since, c.customer_since),
                    public_sector = coalesce(s.public_sector, c.public_sector),
                    postal_address = coalesce(s.postal_address, c.postal_address),
                    updated_at = now()
                from ledger_stage_customer s
                where c.account = s.account
                  and (c.name, c.registration_number, c.country, c.group_code, c.salesperson, c.activity,
                       c.payment_terms_days, c.customer_since, c.public_sector, c.postal_address)
                      is distinct from
                      (coalesce(s.customer_name, c.name), coalesce(s.registration_number, c.registration_number),
                       coalesce(s.country, c.country), coalesce(s.group_code, c.group_code),
                       coalesce(s.salesperson, c.salesperson), coalesce(s.activity, c.activity),
                       coalesce(s.payment_terms_days, c.payment_terms_days), coalesce(s.customer_since, c.customer_since),
                       coalesce(s.public_sector, c.public_sector), coalesce(s.postal_address, c.postal_address))""")
                .update();
        // Without a public-sector column, a French SIREN starting with 1 or 2 (the State, local authorities and public
        // establishments) makes a public body, as credit decisions read it.
        long created = jdbc.sql("""
                insert into ledger_customer (account, name, registration_number, country, group_code, salesperson, activity,
                                             payment_terms_days, customer_since, public_sector, postal_address)
                select s.account, s.customer_name, s.registration_number, coalesce(s.country, 'FR'), s.group_code,
                       s.salesperson, s.activity, s.payment_terms_days, s.customer_since,
                       coalesce(s.public_sector, coalesce(s.country, 'FR') = 'FR'
                           and coalesce(ledger_company_id('FR', s.registration_number) ~ '^[12][0-9]{8}$', false)),
                       s.postal_address
                from ledger_stage_customer s
                where s.customer_name is not null
                  and not exists (select 1 from ledger_customer c where c.account = s.account)""").update();
        analyzeIfLarge("ledger_customer", created);
        return new long[] {created, updated};
    }

    /**
     * Statistics of a table that just grew by many rows inside this transaction, which autovacuum cannot see yet:
     * without them the planner takes it for small and joins a million staged rows to it by nested loops.
     */
    private void analyzeIfLarge(String table, long added) {
        if (added >= 10_000) {
            jdbc.sql("analyze " + table).update();
        }
    }

    /** The file's entities that the ledger does not know yet, each with the currency the file gives it. */
    private void entities(Map<String, String> currencyOfEntity) {
        jdbc.sql("""
                insert into ledger_entity (code, name, currency)
                select code, code, currency from unnest(?::text[], ?::text[]) as e(code, currency)
                on conflict (code) do nothing""")
                .params(currencyOfEntity.keySet().toArray(String[]::new), currencyOfEntity.values().toArray(String[]::new))
                .update();
    }

    private Counts invoices(ImportPlan plan, ImportRequest request, long staged, RowConverter read, LocalDate today) {
        entities(read.entities());
        long[] customers = customers(read.customers());
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
        analyzeIfLarge("ledger_stage_existing", existing);
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
        // A file the ledger already has in full (a re-import) has nothing to insert: the anti-join is skipped.
        LongSupplier insert = () -> jdbc.sql("""
                insert into ledger_invoice (entity_code, number, customer_id, issue_date, due_date, amount, open_amount,
                                            currency, status, paid_on, row_hash, source)
                select s.entity, s.number, c.id, s.issue_date, s.due_date, s.amount, coalesce(s.open_amount, s.amount),
                       s.currency, case when coalesce(s.open_amount, s.amount) = 0 then 'PAID' else 'OPEN' end,
                       case when coalesce(s.open_amount, s.amount) = 0 then :today end, s.row_hash, :source
                from ledger_stage s join ledger_customer c on c.account = s.account
                where not exists (select 1 from ledger_stage_existing e where e.row = s.row)""")
                .param("today", today).param("source", request.source()).update();
        long inserted = existing == staged ? 0
                : isBulkLoad(staged - existing) ? BulkLoad.withIndexesBuiltAfter(jdbc, "ledger_invoice", insert)
                : insert.getAsLong();
        analyzeIfLarge("ledger_invoice", inserted);
        if (plan.has("dispute")) {
            disputes(request.source(), today);
        }
        return new Counts(inserted, updated, settled, customers[0], customers[1]);
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

    /**
     * Whether inserting {@code rows} new invoices is a bulk load: at least {@code bulk-load-rows} of them, and at least
     * as many as the ledger holds (its planner estimate; -1 before its first ANALYZE), so that building the indexes
     * over the whole table after the insert costs less than updating them row by row.
     */
    private boolean isBulkLoad(long rows) {
        if (properties.bulkLoadRows() <= 0 || rows < properties.bulkLoadRows()) {
            return false;
        }
        long held = jdbc.sql("select reltuples::bigint from pg_class where oid = 'ledger_invoice'::regclass")
                .query(Long.class).single();
        return rows >= held;
    }

    private Counts openOrders(ImportRequest request, Map<String, String> currencyOfEntity) {
        entities(currencyOfEntity);
        long[] merged = jdbc.sql("""
                with merged as (
                    insert into ledger_open_order as o (entity_code, reference, customer_id, ordered_on, amount, currency,
                                                        source, row_hash)
                    select s.entity, s.reference, c.id, s.ordered_on, s.amount, s.currency, :source,
                           md5(concat_ws('|', s.account, s.ordered_on, s.amount, s.currency))
                    from ledger_stage s join ledger_customer c on c.account = s.account
                    on conflict (entity_code, reference) do update set
                        customer_id = excluded.customer_id, ordered_on = excluded.ordered_on, amount = excluded.amount,
                        currency = excluded.currency, source = excluded.source, row_hash = excluded.row_hash,
                        updated_at = now()
                    where o.row_hash is distinct from excluded.row_hash
                    returning (xmax = 0) as inserted)
                select count(*) filter (where inserted), count(*) filter (where not inserted) from merged""")
                .param("source", request.source()).query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}).single();
        analyzeIfLarge("ledger_open_order", merged[0]);
        long removed = 0;
        if (request.mode() == ImportMode.SNAPSHOT) {
            removed = jdbc.sql("""
                    delete from ledger_open_order o
                    where o.source = :source and o.entity_code in (select distinct entity from ledger_stage)
                      and not exists (select 1 from ledger_stage s where s.entity = o.entity_code and s.reference = o.reference)""")
                    .param("source", request.source()).update();
        }
        return new Counts(merged[0], merged[1], removed, 0, 0);
    }

    /**
     * Payments or credit notes: new ones are stored (one already imported under its reference is left as it is) and
     * allocated to their invoice in date order, each taking at most what the invoice still has open; an invoice whose
     * open amount reaches zero is PAID on the day of the allocation that closed it.
     */
    private Counts settlements(String table, String key, String dateColumn, String allocationColumn) {
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
        analyzeIfLarge(table, imported);
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
        return new Counts(imported, invoices[0], invoices[1], 0, 0);
    }
}
