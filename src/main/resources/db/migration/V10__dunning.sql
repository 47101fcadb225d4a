-- Dunning (DESIGN.md §2, package dunning): the actions proposed to collectors and what came of them. The ledger keeps
-- disputes and promises; these tables keep the collection history that stops an action from being repeated and that
-- goes to a collection agency with the case.

-- An action as proposed by next-actions (or the agenda, once an outcome names it). Its id is derived from the customer,
-- the step, the action, the channel and the invoices, so that proposing the same action again finds the same row.
create table dunning_action (
    id                    uuid        primary key,
    customer_account      text        not null,
    ledger_customer_id    bigint,                 -- null for open items sent inline by an external dunning engine
    step                  integer,                -- null for DECLARE_CLAIM, which is the law's, not the plan's
    action                text        not null,
    channel               text        not null,
    template              text        not null,
    requires_confirmation boolean     not null,
    assignee              text        not null,
    proposed_on           date        not null,
    proposal              jsonb       not null,   -- the action as proposed: invoices, amounts, preview
    created_at            timestamptz not null default now()
);
create index dunning_action_by_customer on dunning_action (customer_account);

-- Invoice keys ("entity|number", or the number alone for inline items) the action is about.
create table dunning_action_invoice (
    action_id   uuid not null references dunning_action (id),
    invoice_key text not null,
    primary key (action_id, invoice_key)
);

-- kind: SENT, CALL_REACHED, CALL_NO_ANSWER, PROMISE_TO_PAY, DISPUTE, WRONG_CONTACT, CLAIM_DECLARED.
create table dunning_outcome (
    id                bigint generated always as identity primary key,
    action_id         uuid        not null references dunning_action (id),
    customer_account  text        not null,
    kind              text        not null,
    happened_on       date        not null,
    agent             text,                   -- who did it: a collector, an outsourced agency's agent
    confirmed_by      text,                   -- the person who confirmed an action that needs confirmation
    note              text,
    language          char(2),
    personalised_text text,                   -- the message as the person edited it before sending
    promise_id        bigint,                 -- ledger_promise written for PROMISE_TO_PAY
    dispute_id        bigint,                 -- ledger_dispute written for DISPUTE
    promised_on       date,                   -- PROMISE_TO_PAY: kept here too for customers outside the ledger
    promised_amount   numeric(15,2),
    disputed_invoices text[],                 -- DISPUTE: the invoice keys disputed
    recorded_by       text        not null,   -- the API key's name
    recorded_at       timestamptz not null default now()
);
create index dunning_outcome_by_customer on dunning_outcome (customer_account, happened_on);
create index dunning_outcome_by_action on dunning_outcome (action_id);

-- Insolvency proceedings as the bureaus reported them (InsolvencyReported); the publication date starts the two months
-- to declare the claim.
create table dunning_insolvency (
    registration_number text        not null,
    country             char(2)     not null,
    provider            text        not null,
    published_on        date        not null,
    recorded_at         timestamptz not null default now(),
    primary key (registration_number, country)
);
