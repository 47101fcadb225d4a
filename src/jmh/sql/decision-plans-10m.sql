-- The query plans of every decision lookup at 10 million rows (issue 26; docs/benchmarks.md, "Decision records"):
-- EXPLAIN (ANALYZE, BUFFERS) of the SQL the application runs, copied from the repository's code, with parameters
-- taken from the data. Run by hand after decision-records-10m.sql, never by the tests:
--   psql -h 127.0.0.1 -U postgres -d bench_decisions -v ON_ERROR_STOP=1 -f src/jmh/sql/decision-plans-10m.sql
\set ON_ERROR_STOP on
select count(*) as rows from credit_decision_key \gset
-- Parameters as the application would get them: a decision in the middle of the period, a company that orders every
-- week or so, the busiest company, a company with no decision, a policy version a year back.
select request_id as req, decision_id as id, decided_at as at
from credit_decision_key where request_id = 'order-' || (:rows * 37 / 100) \gset
select company_key as company from credit_decision group by company_key
having count(*) between 90 and 110 order by company_key limit 1 \gset
select company_key as busiest from credit_decision where decided_at > now() - interval '1 month'
group by company_key order by count(*) desc limit 1 \gset
select left(md5(to_char((now() - interval '12 months') at time zone 'UTC', 'YYYY.MM') || '.1'), 16) as version \gset
select date_trunc('month', now() - interval '12 months') + interval '3 days' as vfrom,
       date_trunc('month', now() - interval '12 months') + interval '10 days' as vto \gset

\echo '=== By request id (CreditDecisions.findByRequestId, and the insert''s conflict check): the key, then one month'
explain (analyze, buffers, costs off)
select decision_id, decided_at from credit_decision_key where request_id = :'req';
explain (analyze, buffers, costs off)
select request_hash, request, response from credit_decision
where decided_at = :'at' and decision_id = :'id';

\echo '=== By decision id (CreditDecisions.findResponse, askedBy; GET /api/v1/credit-decisions/{id}): the key, then one month'
explain (analyze, buffers, costs off)
select decision_id, decided_at from credit_decision_key where decision_id = :'id';
explain (analyze, buffers, costs off)
select response from credit_decision where decided_at = :'at' and decision_id = :'id';
\echo '... the same as a prepared statement''s generic plan: the month is pruned when the executor starts'
set plan_cache_mode = force_generic_plan;
prepare response_of(timestamptz, uuid) as
select response from credit_decision where decided_at = $1 and decision_id = $2;
explain (analyze, buffers, costs off) execute response_of(:'at', :'id');
deallocate response_of;
reset plan_cache_mode;

\echo '=== The customer names of a page of the review queue (ReviewVerdicts.customerNames)'
select string_agg(quote_literal(decision_id), ',') as queue_ids,
       string_agg(quote_literal(decided_at), ',') as queue_ats
from (select decided_at, decision_id from credit_decision
      where decided_at >= '1970-01-01' and decided_at < '9999-01-01' and outcome = 'REVIEW'
        and not exists (select 1 from review_verdict v where v.decision_id = credit_decision.decision_id)
      order by decided_at, decision_id limit 51) page \gset
explain (analyze, buffers, costs off)
select decision_id, request from credit_decision where decided_at in (:queue_ats) and decision_id in (:queue_ids);

\echo '=== Latest decision of a company (StandingLimitReviews on a solvency change)'
explain (analyze, buffers, costs off)
select d.facts, d.granted_limit from credit_decision_latest l
cross join lateral (select facts, granted_limit from credit_decision
                    where decided_at = l.decided_at and decision_id = l.decision_id limit 1) d
where l.company_key = 'FR' || ':' || ledger_company_id('FR', substr(:'company', 4));
\echo '... a company with no decision'
explain (analyze, buffers, costs off)
select d.facts, d.granted_limit from credit_decision_latest l
cross join lateral (select facts, granted_limit from credit_decision
                    where decided_at = l.decided_at and decision_id = l.decision_id limit 1) d
where l.company_key = 'FR' || ':' || ledger_company_id('FR', '999999990');
\echo '=== Latest facts of a portfolio''s companies (DecisionHistory.latestFacts), three of them'
explain (analyze, buffers, costs off)
select l.company_key, d.facts
from unnest(cast(array[:'company', :'busiest', 'FR:999999990'] as text[])) k(company)
join credit_decision_latest l on l.company_key = k.company
cross join lateral (select facts from credit_decision
                    where decided_at = l.decided_at and decision_id = l.decision_id limit 1) d;
\echo '... 2,000 of them, from the busiest to companies deciding once a year or never'
select string_agg(quote_literal('FR:' || lpad((300000000 + c * 3)::text, 9, '0')), ',') as portfolio
from generate_series(0, 199900, 100) c \gset
explain (analyze, buffers, costs off)
select l.company_key, d.facts
from unnest(cast(array[:portfolio] as text[])) k(company)
join credit_decision_latest l on l.company_key = k.company
cross join lateral (select facts from credit_decision
                    where decided_at = l.decided_at and decision_id = l.decision_id limit 1) d;

\echo '=== A company''s decisions, a page, newest first (DecisionHistory.list; GET /api/v1/credit-decisions?company=)'
explain (analyze, buffers, costs off)
select decided_at, decision_id, response from credit_decision
where decided_at >= '1970-01-01' and decided_at < '9999-01-01' and company_key = :'company'
order by decided_at desc, decision_id desc limit 51;
\echo '... the busiest company'
explain (analyze, buffers, costs off)
select decided_at, decision_id, response from credit_decision
where decided_at >= '1970-01-01' and decided_at < '9999-01-01' and company_key = :'busiest'
order by decided_at desc, decision_id desc limit 51;

\echo '=== A policy version between two dates, a page (DecisionHistory.list; ?policyVersion=&from=&to=)'
explain (analyze, buffers, costs off)
select decided_at, decision_id, response from credit_decision
where decided_at >= :'vfrom' and decided_at < :'vto' and policy_version = :'version'
order by decided_at desc, decision_id desc limit 51;
\echo '... a policy version, any date'
explain (analyze, buffers, costs off)
select decided_at, decision_id, response from credit_decision
where decided_at >= '1970-01-01' and decided_at < '9999-01-01' and policy_version = :'version'
order by decided_at desc, decision_id desc limit 51;

\echo '=== The review queue, oldest first (DecisionHistory.list for Reviews.pending)'
explain (analyze, buffers, costs off)
select decided_at, decision_id, response from credit_decision
where decided_at >= '1970-01-01' and decided_at < '9999-01-01' and outcome = 'REVIEW'
  and not exists (select 1 from review_verdict v where v.decision_id = credit_decision.decision_id)
order by decided_at, decision_id limit 51;
