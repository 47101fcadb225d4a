-- Every solvency report fetched from a bureau: the fallback when providers are down, and the history of a company.
create table solvency_snapshot (
    id          bigserial   primary key,
    company_key text        not null,
    provider    text        not null,
    report_id   text        not null,
    report_date date        not null,
    fetched_at  timestamptz not null,
    report      jsonb       not null
);

create index solvency_snapshot_latest on solvency_snapshot (company_key, fetched_at desc, id desc);
