-- What collections need from the ledger to follow the law: the debtor's postal address for registered letters, and
-- the terms an export gives instead of a due date (the due date is then computed from them). public_sector already
-- exists; the import now fills it (an importable column, defaulting from the registration number).
alter table ledger_customer add column postal_address text;
