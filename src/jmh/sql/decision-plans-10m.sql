-- The decision table's query plans at 10 million rows (issue 26, docs/benchmarks.md). Run by hand in a scratch
-- schema of the test database, never by the tests:
--   psql -h 127.0.0.1 -U postgres -d test -v ON_ERROR_STOP=1 -f src/jmh/sql/decision-plans-10m.sql
-- It builds the V260 layout (twelve monthly partitions, the request-id table), fills it with 10,000,000 decisions of
-- 100,000 companies and 20 policy versions (documents kept short: the plans depend on the keys, not on the JSON), and
-- prints EXPLAIN (ANALYZE, BUFFERS) of every lookup the application makes. Drops the schema at the end.
drop schema if exists decision_plans cascade;
create schema decision_plans;
set search_path = decision_plans;

create table credit_decision_key (
    request_id  text        primary key,
    decision_id uuid        not null unique,
    decided_at  timestamptz not null
);
create table credit_decision (
    decision_id uuid not null, request_id text not null, request_hash text not null, registration_number text not null,
    company_key text not null, outcome text not null, segment text, risk_class text, granted_limit numeric,
    policy_version text not null, decided_at timestamptz not null, request bytea not null, facts bytea not null,
    response bytea not null
) partition by range (decided_at);
create table credit_decision_default partition of credit_decision default;
do $$
begin
    for m in 1..12 loop
        execute format('create table %I partition of credit_decision for values from (%L) to (%L)',
                       'credit_decision_2026_' || lpad(m::text, 2, '0'), make_timestamptz(2026, m, 1, 0, 0, 0, 'UTC'),
                       make_timestamptz(2026, m, 1, 0, 0, 0, 'UTC') + interval '1 month');
    end loop;
end $$;

\timing on
insert into credit_decision
select md5(g::text)::uuid, 'req-' || g, md5(g::text), lpad((g % 100000)::text, 9, '0'),
       'FR:' || lpad((g % 100000)::text, 9, '0'),
       case when g % 10 = 0 then 'REVIEW' when g % 17 = 0 then 'REJECTED' else 'APPROVED' end, 'SME', 'B', 50000,
       'version-' || (g % 20), timestamptz '2026-01-01 00:00:00+00' + (g * interval '3 seconds'),
       '\x007b7d'::bytea, '\x007b7d'::bytea, '\x007b7d'::bytea
from generate_series(1, 10000000) g;
insert into credit_decision_key select request_id, decision_id, decided_at from credit_decision;
create index credit_decision_by_id on credit_decision (decision_id);
create index credit_decision_by_company on credit_decision (company_key, decided_at desc);
create index credit_decision_by_policy on credit_decision (policy_version, decided_at desc);
create index credit_decision_under_review on credit_decision (decided_at) where outcome = 'REVIEW';
vacuum analyze credit_decision_key;
vacuum analyze credit_decision;
\timing off

select count(*) as decisions, pg_size_pretty(sum(pg_total_relation_size(relid))) as decision_tables
from pg_partition_tree('credit_decision');

\echo '--- by request id (CreditDecisions.findByRequestId): the key, then one partition'
explain (analyze, buffers, costs off) select decision_id, decided_at from credit_decision_key where request_id = 'req-7654321';
explain (analyze, buffers, costs off) select request_hash, request, response from credit_decision
where decided_at = timestamptz '2026-01-01 00:00:00+00' + 7654321 * interval '3 seconds' and decision_id = md5('7654321')::uuid;
\echo '--- by decision id (CreditDecisions.findResponse): the key, then one partition'
explain (analyze, buffers, costs off) select decision_id, decided_at from credit_decision_key where decision_id = md5('7654321')::uuid;
\echo '--- latest decision of a company (StandingLimitReviews, DecisionHistory.latestFacts)'
explain (analyze, buffers, costs off) select facts, granted_limit from credit_decision
where company_key = 'FR' || ':' || '000054321' order by decided_at desc limit 1;
explain (analyze, buffers, costs off) select k.company, d.facts
from unnest(array['FR:000054321', 'FR:000012345', 'FR:000099999']) k(company)
cross join lateral (select facts from credit_decision where company_key = k.company order by decided_at desc limit 1) d;
\echo '--- a policy version between two dates, a page (DecisionHistory.list)'
explain (analyze, buffers, costs off) select decided_at, decision_id, response from credit_decision
where decided_at >= '2026-03-01' and decided_at < '2026-03-15' and policy_version = 'version-7'
order by decided_at desc, decision_id desc limit 51;
\echo '--- a company, any date, a page (DecisionHistory.list)'
explain (analyze, buffers, costs off) select decided_at, decision_id, response from credit_decision
where decided_at >= '1970-01-01' and decided_at < '9999-01-01' and company_key = 'FR:000054321'
order by decided_at desc, decision_id desc limit 51;
\echo '--- the review queue, oldest first (DecisionHistory.list)'
explain (analyze, buffers, costs off) select decided_at, decision_id, response from credit_decision
where decided_at >= '1970-01-01' and decided_at < '9999-01-01' and outcome = 'REVIEW'
order by decided_at, decision_id limit 51;

drop schema decision_plans cascade;
