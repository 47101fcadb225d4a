-- The pool server's own tables (profile pool, Flyway location db/pool, history table pool_schema_history): what
-- members shared, and nothing a member did not send. member is the name configured for the member's API key.

-- One row per member, customer pseudonym, month and band pair: how many invoices fell in it.
create table pool_experience (
    subject     text     not null check (subject ~ '^[0-9a-f]{64}$'),   -- HMAC-SHA256 of the registration number
    member      text     not null,
    month       date     not null check (extract(day from month) = 1),
    amount_band text     not null,
    days_band   text     not null,
    invoices    integer  not null check (invoices > 0),
    primary key (subject, member, month, amount_band, days_band)
);
create index pool_experience_by_member_month on pool_experience (member, month);

-- A month's contribution by a member, replaced whole when sent again; give-to-get reads it.
create table pool_contribution (
    member      text        not null,
    month       date        not null,
    experiences integer     not null,
    received_at timestamptz not null,
    primary key (member, month)
);
