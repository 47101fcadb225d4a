-- A company's latest decision in one probe (issue 26; docs/benchmarks.md, "Decision records"). On the partitioned
-- table, "where company_key = ? order by decided_at desc limit 1" read the company index of every month kept: the
-- default partition (V260) may hold any date, so the planner cannot read the months newest first and stop at the first
-- hit, and merges them all (29 index probes at two years kept and three months ahead). This table names each company's
-- latest decision and its month, so that the lookup reads one primary key, then one partition's id index. A trigger
-- keeps it, so that every writer of decisions (the application, SQL-generated data) keeps it current.
create table credit_decision_latest (
    company_key text        primary key,
    decided_at  timestamptz not null,
    decision_id uuid        not null
);

insert into credit_decision_latest (company_key, decided_at, decision_id)
select distinct on (company_key) company_key, decided_at, decision_id
from credit_decision
order by company_key, decided_at desc, decision_id desc;

create function credit_decision_latest_kept() returns trigger language plpgsql as $$
begin
    insert into credit_decision_latest (company_key, decided_at, decision_id)
    values (new.company_key, new.decided_at, new.decision_id)
    on conflict (company_key) do update set decided_at = excluded.decided_at, decision_id = excluded.decision_id
        where credit_decision_latest.decided_at <= excluded.decided_at;
    return null;
end;
$$;

create trigger credit_decision_latest_kept
    after insert on credit_decision
    for each row execute function credit_decision_latest_kept();
