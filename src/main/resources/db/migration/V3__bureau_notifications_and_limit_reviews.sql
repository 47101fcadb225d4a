-- Bureau monitoring notifications, each recorded once (a bureau may send the same event twice).
create table bureau_notification (
    provider         text        not null,
    notification_id  text        not null,
    company_key      text        not null,
    type             text        not null,
    received_at      timestamptz not null,
    notification     jsonb       not null,
    report_id        text,
    previous         jsonb,
    current_standing jsonb,
    primary key (provider, notification_id)
);

-- A customer's standing credit limit re-evaluated with the active policy after its solvency changed.
create table standing_limit_review (
    id                  bigserial   primary key,
    registration_number text        not null,
    provider            text        not null,
    notification_id     text        not null,
    policy_version      text        not null,
    reviewed_at         timestamptz not null,
    previous_limit      numeric(15, 2),
    granted_limit       numeric(15, 2) not null,
    currency            text        not null,
    outcome             text        not null,
    evaluation          jsonb       not null,
    unique (provider, notification_id)
);

create index standing_limit_review_by_customer on standing_limit_review (registration_number, reviewed_at desc);
