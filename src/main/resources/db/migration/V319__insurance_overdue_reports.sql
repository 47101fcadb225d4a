-- Who told the insurer of which unpaid insured invoice, and when: the overdue report (déclaration de menace de
-- sinistre) that keeps the cover and starts the contract's claim period. Append-only; one report per invoice.
create table insurance_overdue_report (
    id                  bigint generated always as identity primary key,
    entity              text          not null,
    invoice             text          not null,
    insurer             text          not null,
    country             text          not null,
    registration_number text          not null,
    reported_on         date          not null,
    insurer_reference   text,
    comment             text          not null,
    reported_by         text          not null,
    recorded_at         timestamptz   not null,
    unique (entity, invoice)
);
