-- The receivables ledger (DESIGN.md §2, package ledger): what the supplier's ERP knows about its customers, kept as
-- imported. Natural keys are the ERP's own codes (entity code, customer account, invoice number) so that re-importing
-- the same export finds the same rows. Money is numeric(15,2) beside its ISO currency.

-- A company of the supplier's group that invoices in its own currency.
create table ledger_entity (
    code     text    primary key,
    name     text    not null,
    currency char(3) not null
);

-- Customers of one group share a credit limit and their exposure is summed.
create table ledger_customer_group (
    code text primary key,
    name text not null
);

create table ledger_customer (
    id                  bigint generated always as identity primary key,
    account             text        not null unique,   -- the ERP's customer account ("code client", "compte tiers")
    registration_number text,                          -- SIREN, SIRET or VAT number
    name                text        not null,
    country             char(2)     not null default 'FR',
    group_code          text        references ledger_customer_group (code),
    salesperson         text,
    activity            text,
    payment_terms_days  integer     check (payment_terms_days between 0 and 365),
    customer_since      date,
    public_sector       boolean     not null default false,
    updated_at          timestamptz not null default now()
);
create index ledger_customer_by_registration on ledger_customer (registration_number);
create index ledger_customer_by_group on ledger_customer (group_code);

-- status: OPEN (something left to pay), PAID (settled by payments or credit notes), CANCELLED,
-- SETTLED (absent from a full snapshot export: the ERP no longer shows it open, so it was settled outside Arbiter).
-- open_amount is what remains due; paid_on is the day open_amount reached zero, which payment behaviour measures.
create table ledger_invoice (
    id           bigint generated always as identity primary key,
    entity_code  text          not null references ledger_entity (code),
    number       text          not null,
    customer_id  bigint        not null references ledger_customer (id),
    issue_date   date          not null,
    due_date     date          not null check (due_date >= issue_date),
    amount       numeric(15,2) not null check (amount >= 0),   -- including VAT
    open_amount  numeric(15,2) not null check (open_amount >= 0),
    currency     char(3)       not null,
    status       text          not null check (status in ('OPEN', 'PAID', 'CANCELLED', 'SETTLED')),
    paid_on      date,
    row_hash     text,                                         -- hash of the imported row: an unchanged row is skipped
    updated_at   timestamptz   not null default now(),
    unique (entity_code, number)
);
create index ledger_invoice_by_customer on ledger_invoice (customer_id, status);
create index ledger_invoice_open_by_due on ledger_invoice (due_date) where status = 'OPEN';

create table ledger_payment (
    id          bigint generated always as identity primary key,
    entity_code text          not null references ledger_entity (code),
    reference   text          not null,
    customer_id bigint        not null references ledger_customer (id),
    received_on date          not null,
    amount      numeric(15,2) not null check (amount > 0),
    currency    char(3)       not null,
    unique (entity_code, reference)
);

create table ledger_credit_note (
    id          bigint generated always as identity primary key,
    entity_code text          not null references ledger_entity (code),
    number      text          not null,
    customer_id bigint        not null references ledger_customer (id),
    issued_on   date          not null,
    amount      numeric(15,2) not null check (amount > 0),
    currency    char(3)       not null,
    unique (entity_code, number)
);

-- Lettrage: which payment or credit note settled how much of which invoice.
create table ledger_allocation (
    id             bigint generated always as identity primary key,
    invoice_id     bigint        not null references ledger_invoice (id),
    payment_id     bigint        references ledger_payment (id),
    credit_note_id bigint        references ledger_credit_note (id),
    amount         numeric(15,2) not null check (amount > 0),
    allocated_on   date          not null,
    check ((payment_id is null) <> (credit_note_id is null))
);
create index ledger_allocation_by_invoice on ledger_allocation (invoice_id);

create table ledger_dispute (
    id          bigint generated always as identity primary key,
    customer_id bigint      not null references ledger_customer (id),
    reason      text        not null,
    opened_on   date        not null,
    resolved_on date        check (resolved_on is null or resolved_on >= opened_on),
    created_at  timestamptz not null default now()
);
create table ledger_dispute_invoice (
    dispute_id bigint not null references ledger_dispute (id),
    invoice_id bigint not null references ledger_invoice (id),
    primary key (dispute_id, invoice_id)
);
create index ledger_dispute_invoice_by_invoice on ledger_dispute_invoice (invoice_id);

-- status: PENDING until its date, then KEPT (paid) or BROKEN.
create table ledger_promise (
    id          bigint generated always as identity primary key,
    customer_id bigint        not null references ledger_customer (id),
    made_on     date          not null,
    promised_on date          not null,
    amount      numeric(15,2) not null check (amount > 0),
    currency    char(3)       not null,
    status      text          not null default 'PENDING' check (status in ('PENDING', 'KEPT', 'BROKEN')),
    created_at  timestamptz   not null default now()
);
create index ledger_promise_by_customer on ledger_promise (customer_id, promised_on);
create table ledger_promise_invoice (
    promise_id bigint not null references ledger_promise (id),
    invoice_id bigint not null references ledger_invoice (id),
    primary key (promise_id, invoice_id)
);

-- Orders taken but not yet invoiced: part of the exposure.
create table ledger_open_order (
    id          bigint generated always as identity primary key,
    entity_code text          not null references ledger_entity (code),
    reference   text          not null,
    customer_id bigint        not null references ledger_customer (id),
    ordered_on  date          not null,
    amount      numeric(15,2) not null check (amount >= 0),
    currency    char(3)       not null,
    unique (entity_code, reference)
);
create index ledger_open_order_by_customer on ledger_open_order (customer_id);
