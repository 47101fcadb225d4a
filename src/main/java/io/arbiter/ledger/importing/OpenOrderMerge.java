package io.arbiter.ledger.importing;

import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Merges an open-order file: an order is inserted or, when its row changed, updated; a snapshot removes the orders of
 * its source and entities that it no longer lists (delivered or cancelled).
 */
@Component
class OpenOrderMerge {

    private final JdbcClient jdbc;
    private final CustomerMerge master;

    OpenOrderMerge(JdbcClient jdbc, CustomerMerge master) {
        this.jdbc = jdbc;
        this.master = master;
    }

    LedgerWrites.Counts merge(ImportRequest request, Map<String, String> currencyOfEntity) {
        master.entities(currencyOfEntity);
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
        GrownTables.analyzeIfLarge(jdbc, "ledger_open_order", merged[0]);
        long removed = 0;
        if (request.mode() == ImportMode.SNAPSHOT) {
            removed = jdbc.sql("""
                    delete from ledger_open_order o
                    where o.source = :source and o.entity_code in (select distinct entity from ledger_stage)
                      and not exists (select 1 from ledger_stage s where s.entity = o.entity_code and s.reference = o.reference)""")
                    .param("source", request.source()).update();
        }
        return new LedgerWrites.Counts(merged[0], merged[1], removed, 0, 0);
    }
}
