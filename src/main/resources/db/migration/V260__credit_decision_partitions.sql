-- Decision records that scale (issue 26): one partition per month (io.arbiter.decision.DecisionPartitions creates
-- them ahead and applies the configured retention), the JSON documents kept compact by the application
-- (io.arbiter.decision.RecordCompression: first byte 0 = plain UTF-8 JSON, 1 = deflated against dictionary 1), and
-- what lookups and lists filter on kept as plain columns.
--
-- A unique constraint on a partitioned table must include the partition key, so the request ids, which must stay
-- unique for ever (a retry never decides twice), live in credit_decision_key: one narrow row per decision, which also
-- says in which month (partition) a decision id is.
alter table credit_decision rename to credit_decision_v1;
drop index credit_decision_by_customer, credit_decision_by_policy, credit_decision_by_company,
    credit_decision_under_review;
-- A verdict names its decision by id; the decision table can no longer hold that id unique on its own (see below),
-- and a month leaving by retention takes its decisions while their verdicts stay as evidence of who decided what.
alter table review_verdict drop constraint review_verdict_decision_id_fkey;
drop trigger credit_decision_append_only on credit_decision_v1;

create table credit_decision_key (
    request_id  text        primary key,
    decision_id uuid        not null unique,
    decided_at  timestamptz not null
);

create table credit_decision (
    decision_id         uuid          not null,
    request_id          text          not null,
    request_hash        text          not null,
    registration_number text          not null,
    -- country || ':' || the company's key (ledger_company_id): the same company whichever of its numbers was sent
    company_key         text          not null,
    outcome             text          not null check (outcome in ('APPROVED', 'REVIEW', 'REJECTED')),
    segment             text,
    risk_class          text,
    granted_limit       numeric,
    policy_version      text          not null,
    decided_at          timestamptz   not null,
    request             bytea         not null,
    facts               bytea         not null,
    response            bytea         not null
) partition by range (decided_at);

create index credit_decision_by_id on credit_decision (decision_id);
create index credit_decision_by_company on credit_decision (company_key, decided_at desc);
create index credit_decision_by_policy on credit_decision (policy_version, decided_at desc);
-- The review queue (V230): decisions under review, oldest first.
create index credit_decision_under_review on credit_decision (decided_at) where outcome = 'REVIEW';

-- Catches a decision whose month has no partition yet (a clock far ahead), so that none is ever refused; the
-- partition job keeps it empty by creating months ahead.
create table credit_decision_default partition of credit_decision default;

create function credit_decision_month(month date) returns text language plpgsql as $$
declare
    name text := 'credit_decision_' || to_char(month, 'YYYY_MM');
begin
    if to_regclass(name) is null then
        execute format('create table %I partition of credit_decision for values from (%L) to (%L)', name,
                       (month::timestamp at time zone 'UTC'), ((month + interval '1 month')::timestamp at time zone 'UTC'));
    end if;
    return name;
end;
$$;

select credit_decision_month(m::date)
from generate_series(date_trunc('month', coalesce((select min(decided_at) from credit_decision_v1), now()) at time zone 'UTC'),
                     date_trunc('month', now() at time zone 'UTC') + interval '2 months', interval '1 month') m;

insert into credit_decision_key (request_id, decision_id, decided_at)
select request_id, decision_id, decided_at from credit_decision_v1;

insert into credit_decision (decision_id, request_id, request_hash, registration_number, company_key, outcome, segment,
                             risk_class, granted_limit, policy_version, decided_at, request, facts, response)
select decision_id, request_id, request_hash, registration_number,
       (request -> 'customer' ->> 'country') || ':'
           || coalesce(ledger_company_id(request -> 'customer' ->> 'country', registration_number), registration_number),
       outcome, response ->> 'segment', response ->> 'riskClass', (response -> 'grantedLimit' ->> 'amount')::numeric,
       policy_version, decided_at,
       '\x00'::bytea || convert_to(request::text, 'UTF8'), '\x00'::bytea || convert_to(facts::text, 'UTF8'),
       '\x00'::bytea || convert_to(response::text, 'UTF8')
from credit_decision_v1;

drop table credit_decision_v1;

-- Append-only: a decision is evidence. Retention detaches or drops whole months, which no row trigger sees.
create trigger credit_decision_append_only
    before update or delete on credit_decision
    for each row execute function credit_decision_is_append_only();
