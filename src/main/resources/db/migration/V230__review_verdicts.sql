-- A person's verdict on a decision the policy sent to review, kept beside the decision (whose record never changes).
-- One verdict per decision, append-only like the decisions themselves.
create table review_verdict (
    decision_id uuid        primary key references credit_decision (decision_id),
    verdict     text        not null check (verdict in ('APPROVE', 'REJECT', 'APPROVE_UP_TO')),
    amount      numeric(19, 2),
    currency    text,
    comment     text,
    reviewed_by text        not null,
    reviewed_at timestamptz not null,
    check ((verdict = 'APPROVE_UP_TO') = (amount is not null and currency is not null))
);

create trigger review_verdict_append_only
    before update or delete on review_verdict
    for each row execute function credit_decision_is_append_only();

-- The review queue: decisions under review, oldest first.
create index credit_decision_under_review on credit_decision (decided_at) where outcome = 'REVIEW';
