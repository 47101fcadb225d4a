-- Flexible ledger import (package ledger): saved column mappings, import jobs, and what V6's tables need so that a
-- re-import finds what an earlier one wrote. Staging tables are temporary (created per import, dropped at commit).

-- The source (mapping name) that last imported an invoice or an order: snapshot mode settles only what its own source
-- imported, so that two ERPs feeding one entity do not settle each other's invoices.
alter table ledger_invoice add column source text;
alter table ledger_open_order add column source text;
alter table ledger_open_order add column row_hash text;
alter table ledger_open_order add column updated_at timestamptz not null default now();

-- A column mapping per source: which header of the file holds which ledger field, and defaults for fields the file
-- lacks. definition is {"kind", "columns": {field: header}, "defaults": {field: value}}.
create table ledger_import_mapping (
    name       text        primary key,
    kind       text        not null,
    definition jsonb       not null,
    updated_by text,
    updated_at timestamptz not null default now()
);

create table ledger_import_job (
    id                 uuid        primary key,
    kind               text        not null,
    source             text        not null,
    mode               text        not null check (mode in ('SNAPSHOT', 'DELTA')),
    dry_run            boolean     not null,
    file_name          text,
    state              text        not null check (state in ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED')),
    percent            integer     not null default 0,
    rows_read          bigint      not null default 0,
    imported           bigint      not null default 0,
    updated            bigint      not null default 0,
    unchanged          bigint      not null default 0,
    settled            bigint      not null default 0,
    customers_created  bigint      not null default 0,
    customers_updated  bigint      not null default 0,
    error_count        bigint      not null default 0,
    errors             jsonb       not null default '[]',   -- the first errors only (arbiter.ledger.import.max-reported-errors)
    preview            jsonb,
    mapping            jsonb,
    message            text,
    created_by         text,
    created_at         timestamptz not null default now(),
    started_at         timestamptz,
    finished_at        timestamptz
);
create index ledger_import_job_by_created on ledger_import_job (created_at desc);
