-- Impact simulations (package simulation): a candidate policy version re-decides a population (stored decisions of a
-- period, the last N, or the ledger's customer portfolio) next to the active version. The job's state and summary live
-- here so that any replica answers its progress and a restart does not lose a finished result; the changed decisions
-- are written here as they are found rather than held in memory, so a million-row replay keeps a flat heap.
create table policy_simulation (
    id               uuid        primary key,
    version_id       uuid        not null,
    candidate        text        not null,   -- the candidate's content version
    baseline         text        not null,   -- the active version it is compared with
    currency         char(3)     not null,
    population       jsonb       not null,
    requested_by     text        not null,
    state            text        not null check (state in ('RUNNING', 'DONE', 'CANCELLED', 'FAILED')),
    cancel_requested boolean     not null default false,
    total            bigint      not null default 0,
    processed        bigint      not null default 0,
    changed          bigint      not null default 0,
    started_at       timestamptz not null,
    updated_at       timestamptz not null,
    finished_at      timestamptz,
    summary          jsonb,
    error            text
);
create index policy_simulation_by_version on policy_simulation (version_id, started_at desc);

create table policy_simulation_change (
    simulation_id       uuid    not null references policy_simulation (id) on delete cascade,
    seq                 bigint  not null,
    decision_id         uuid,             -- null for a portfolio customer
    registration_number text    not null,
    decided_with        text,             -- the version the stored decision was made with
    old_outcome         text    not null,
    new_outcome         text    not null,
    old_limit           numeric(17,2) not null,
    new_limit           numeric(17,2) not null,
    old_segment         text    not null,
    new_segment         text    not null,
    old_class           text,
    new_class           text,
    old_reasons         jsonb   not null,
    new_reasons         jsonb   not null,
    primary key (simulation_id, seq)
);
