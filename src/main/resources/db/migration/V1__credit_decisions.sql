-- One row per decision, written before the order system gets its answer. Append-only: a decision is evidence.
create table credit_decision (
    decision_id         uuid        primary key,
    request_id          text        not null unique,
    request_hash        text        not null,
    registration_number text        not null,
    outcome             text        not null check (outcome in ('APPROVED', 'REVIEW', 'REJECTED')),
    policy_version      text        not null,
    decided_at          timestamptz not null,
    request             jsonb       not null,
    facts               jsonb       not null,
    response            jsonb       not null
);

create index credit_decision_by_customer on credit_decision (registration_number, decided_at desc);
create index credit_decision_by_policy on credit_decision (policy_version, decided_at desc);

create function credit_decision_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'credit decisions are append-only: % refused', tg_op;
end;
$$;

create trigger credit_decision_append_only
    before update or delete on credit_decision
    for each row execute function credit_decision_is_append_only();
