-- The decision records at 10 million rows (issue 26; docs/benchmarks.md, "Decision records"). Run by hand, never by
-- the tests, in a scratch database the application has migrated and made one decision in (the commands are in
-- docs/benchmarks.md):
--   psql -h 127.0.0.1 -U postgres -d bench_decisions -v ON_ERROR_STOP=1 -f src/jmh/sql/decision-records-10m.sql
-- It clones the application's latest decision (its documents as the application compressed them, its asked_by) into
-- :rows decisions (10,000,000 unless -v rows=N) spread evenly over the 24 months up to now, with varied ids, request
-- ids, companies (200,000, a few ordering far more than most), numbers sent (SIREN or SIRET), outcomes and policy
-- versions (a new one every half month), written as the application writes them: both tables in one statement, in
-- time order, every index in place, batches of 500,000 rows each committed. Then VACUUM ANALYZE and the sizes;
-- then run decision-plans-10m.sql.
\set ON_ERROR_STOP on
\if :{?rows}
\else
\set rows 10000000
\endif
select set_config('bench.rows', :'rows', false);
\timing on

create temporary table template as
select * from credit_decision order by decided_at desc limit 1;
select count(*) = 1 as has_template from template \gset
\if :has_template
\else
\echo 'no decision in this database: make one with the application first (docs/benchmarks.md)'
\quit
\endif

-- Every month of the two years gets its partition as DecisionPartitions makes them.
select credit_decision_month(m::date)
from generate_series(date_trunc('month', now() at time zone 'UTC') - interval '24 months',
                     date_trunc('month', now() at time zone 'UTC'), interval '1 month') m;

do $$
declare
    total  bigint      := current_setting('bench.rows')::bigint;
    batch  bigint      := 500000;
    ends   timestamptz := date_trunc('second', now()) - interval '1 hour';
    starts timestamptz := date_trunc('second', now()) - interval '1 hour' - interval '24 months';
    done   bigint      := coalesce((select count(*) from credit_decision_key where request_id like 'order-%'), 0);
begin
    while done < total loop
        with decision as (
            select g,
                   starts + (ends - starts) * (g::float8 / total) as decided_at,
                   -- a few companies order every day, most a few times a year
                   floor(200000 * power(random(), 1.6))::int as company,
                   random() as fate
            from generate_series(done + 1, least(done + batch, total)) g),
        stored as (
            insert into credit_decision (decision_id, request_id, request_hash, registration_number, company_key,
                                         outcome, segment, risk_class, granted_limit, policy_version, decided_at,
                                         request, facts, response, asked_by)
            select gen_random_uuid(), 'order-' || d.g, encode(sha256(convert_to('order-' || d.g, 'UTF8')), 'hex'),
                   lpad((300000000 + d.company * 3)::text, 9, '0')
                       || case when d.g % 3 = 0 then lpad((10 + d.company % 90)::text, 5, '0') else '' end,
                   'FR:' || lpad((300000000 + d.company * 3)::text, 9, '0'),
                   case when d.fate < 0.80 then 'APPROVED' when d.fate < 0.92 then 'REVIEW' else 'REJECTED' end,
                   t.segment, case when d.fate < 0.92 then t.risk_class end,
                   case when d.fate < 0.92 then round((d.fate * 100000)::numeric, -2) else 0 end,
                   -- a version's id is its content's hash, 16 hex digits
                   left(md5(to_char(d.decided_at at time zone 'UTC', 'YYYY.MM')
                       || case when extract(day from d.decided_at at time zone 'UTC') < 16 then '.1' else '.2' end), 16),
                   d.decided_at, t.request, t.facts, t.response, t.asked_by
            from decision d cross join template t
            order by d.g
            returning request_id, decision_id, decided_at)
        insert into credit_decision_key (request_id, decision_id, decided_at)
        select request_id, decision_id, decided_at from stored;
        done := least(done + batch, total);
        commit;
        raise notice '% decisions at %', done, clock_timestamp();
    end loop;
end $$;

vacuum (analyze) credit_decision_key;
vacuum (analyze) credit_decision;

\echo '=== Sizes'
select count(*) as decisions, count(distinct company_key) as companies, count(distinct policy_version) as versions
from credit_decision;
select (select count(*) from pg_partition_tree('credit_decision') where isleaf) as partitions,
       pg_size_pretty(sum(pg_table_size(relid))) as decision_tables,
       pg_size_pretty(sum(pg_indexes_size(relid))) as decision_indexes,
       pg_size_pretty(pg_table_size('credit_decision_key')) as key_table,
       pg_size_pretty(pg_indexes_size('credit_decision_key')) as key_indexes,
       round(sum(pg_table_size(relid)) / (select count(*) from credit_decision_key)) as table_bytes_per_decision,
       round(sum(pg_indexes_size(relid)) / (select count(*) from credit_decision_key)) as index_bytes_per_decision,
       round((sum(pg_total_relation_size(relid)) + pg_total_relation_size('credit_decision_key'))
             / (select count(*) from credit_decision_key)) as total_bytes_per_decision
from pg_partition_tree('credit_decision');
select c.relname as index_of_partitions, pg_size_pretty(sum(pg_relation_size(i.indexrelid))) as size,
       round(sum(pg_relation_size(i.indexrelid)) / (select count(*) from credit_decision_key)) as bytes_per_decision
from pg_partition_tree('credit_decision') p
join pg_index i on i.indrelid = p.relid
join pg_inherits h on h.inhrelid = i.indexrelid join pg_class c on c.oid = h.inhparent
group by c.relname
union all
select c.relname, pg_size_pretty(pg_relation_size(c.oid)),
       round(pg_relation_size(c.oid) / (select count(*) from credit_decision_key))
from pg_index i join pg_class c on c.oid = i.indexrelid where i.indrelid = 'credit_decision_key'::regclass
order by 1;

