-- Order systems learn the review verdict (issue 23): a decision remembers who asked for it (the name of the caller's
-- API key, or the person's username), so that a verdict given later reaches that order system's webhook. Decisions
-- made before this have none and are told to no one.
alter table credit_decision add column asked_by text;

-- The webhook deliveries (io.arbiter.webhook): one row per event and receiver, written by the reaction to the event
-- (itself in the event_publication outbox, so written even if the application stops right after the verdict), then
-- sent by the dispatcher, retried with exponential backoff until the receiver answers 2xx or the delivery is given up.
-- The payload is the exact body sent on every attempt, so its event id and signature never change between retries.
create table webhook_delivery (
    event_id        uuid        primary key,
    event_type      text        not null,
    order_system    text        not null,
    decision_id     uuid        not null,
    payload         text        not null,
    created_at      timestamptz not null,
    status          text        not null check (status in ('PENDING', 'DELIVERED', 'FAILED')),
    attempts        int         not null default 0,
    next_attempt_at timestamptz,
    last_attempt_at timestamptz,
    last_error      text,
    delivered_at    timestamptz
);

-- What the dispatcher looks for every few seconds: the pending deliveries that are due.
create index webhook_delivery_due on webhook_delivery (next_attempt_at) where status = 'PENDING';
