package io.arbiter.ledger.importing;

import java.util.Collection;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The ledger's customers and entities as an import file gives them, merged before the rows that refer to them. */
@Component
class CustomerMerge {

    private final JdbcClient jdbc;

    CustomerMerge(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The file's customers, the last row of each account winning; only the columns the file has change. The reader
     * gathered them ({@link RowConverter#customers}): picking them out of the staging table meant reading every staged
     * row again.
     */
    long[] customers(Collection<@Nullable String[]> customers) {
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
        GrownTables.analyzeIfLarge(jdbc, "ledger_customer", created);
        return new long[] {created, updated};
    }

    /** The file's entities that the ledger does not know yet, each with the currency the file gives it. */
    void entities(Map<String, String> currencyOfEntity) {
        jdbc.sql("""
                insert into ledger_entity (code, name, currency)
                select code, code, currency from unnest(?::text[], ?::text[]) as e(code, currency)
                on conflict (code) do nothing""")
                .params(currencyOfEntity.keySet().toArray(String[]::new), currencyOfEntity.values().toArray(String[]::new))
                .update();
    }
}
