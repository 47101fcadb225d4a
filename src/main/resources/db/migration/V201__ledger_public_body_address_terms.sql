-- What collections need from the ledger to follow the law: the debtor's postal address for registered letters, and
-- the terms an export gives instead of a due date (the due date is then computed from them). public_sector already
-- exists; the import now fills it (an importable column, defaulting from the registration number).
alter table ledger_customer add column postal_address text;

-- The flag could not be imported, so it was false for every customer: a commune was dunned as a company. Until a file
-- says otherwise, a French SIREN starting with 1 or 2 (the State, local authorities, public establishments) makes a
-- public body, as credit decisions already read it.
update ledger_customer set public_sector = true
where country = 'FR' and coalesce(ledger_company_id(country, registration_number) ~ '^[12][0-9]{8}$', false);

-- Rows accepted but flagged for a person (payment terms beyond the legal maximum): the first ones and how many.
alter table ledger_import_job add column flagged_count bigint not null default 0,
                              add column flagged jsonb not null default '[]';
