-- Credit limits as managed objects (module limits). Numbered far from the other modules' migrations on purpose.

-- The standing limit of each company: one current row, every change kept in limit_change.
create table limit_standing (
    country             text          not null,
    company             text          not null,
    id                  uuid          not null unique,
    registration_number text          not null,
    amount              numeric(15, 2) not null,
    currency            text          not null,
    valid_until         date          not null,
    source              text          not null,
    approved_by         text          not null,
    request_id          uuid,
    status              text          not null,
    status_reason       text,
    updated_at          timestamptz   not null,
    primary key (country, company)
);

-- Append-only history of standing limits, also the feed of limit.changed events (seq is the cursor).
create table limit_change (
    seq                 bigint generated always as identity primary key,
    limit_id            uuid          not null,
    country             text          not null,
    company             text          not null,
    registration_number text          not null,
    change              text          not null,
    amount              numeric(15, 2) not null,
    previous_amount     numeric(15, 2),
    currency            text          not null,
    valid_until         date          not null,
    status              text          not null,
    source              text          not null,
    changed_by          text          not null,
    reason              text          not null,
    request_id          uuid,
    changed_at          timestamptz   not null
);
create index limit_change_by_company on limit_change (country, company, seq desc);

create table limit_request (
    id                  uuid          primary key,
    country             text          not null,
    company             text          not null,
    registration_number text          not null,
    amount              numeric(15, 2) not null,
    currency            text          not null,
    valid_until         date          not null,
    justification       text          not null,
    requested_by        text          not null,
    requester_role      text          not null,
    decision_id         uuid,
    status              text          not null,
    approver_role       text          not null,
    approvers_needed    int           not null,
    matrix              jsonb         not null,
    proposal            jsonb         not null,
    exposure            jsonb,
    insured_cover       numeric(15, 2),
    current_limit       numeric(15, 2),
    created_at          timestamptz   not null,
    expires_at          timestamptz   not null,
    closed_at           timestamptz,
    granted_amount      numeric(15, 2)
);
create index limit_request_by_status on limit_request (status, created_at, id);
create index limit_request_by_company on limit_request (country, company, created_at desc);
-- One open request per company at a time.
create unique index limit_request_one_pending on limit_request (country, company) where status = 'PENDING';

create table limit_request_verdict (
    request_id          uuid          not null references limit_request (id),
    approver            text          not null,
    role                text          not null,
    verdict             text          not null,
    amount              numeric(15, 2),
    comment             text          not null,
    decided_at          timestamptz   not null,
    primary key (request_id, approver)
);

-- Tasks for a person to look at a company's standing limit again: expiry, bureau events, pool signal.
create table limit_review_task (
    id                  bigint generated always as identity primary key,
    country             text          not null,
    company             text          not null,
    registration_number text          not null,
    trigger             text          not null,
    detail              text          not null,
    opened_at           timestamptz   not null,
    status              text          not null,
    dedupe_key          text          not null unique
);
create index limit_review_task_open on limit_review_task (status, opened_at, id);

-- The credit insurer's decisions per buyer, as imported from its portal; every import kept.
create table insurance_import (
    id                  uuid          primary key,
    insurer             text          not null,
    file_name           text,
    rows                int           not null,
    imported_at         timestamptz   not null,
    imported_by         text          not null
);

create table insurance_cover (
    id                  bigint generated always as identity primary key,
    import_id           uuid          not null references insurance_import (id),
    insurer             text          not null,
    country             text          not null,
    company             text          not null,
    registration_number text          not null,
    decision            text          not null,
    amount              numeric(15, 2) not null,
    currency            text          not null,
    effective_from      date          not null,
    expires_on          date,
    insurer_reference   text          not null,
    file_row            int           not null,
    imported_at         timestamptz   not null
);
create index insurance_cover_by_company on insurance_cover (country, company, effective_from desc, id desc);
