-- An invoice's entity and customer are no longer foreign keys, checked instead by the import, which writes every
-- invoice: it inserts the file's entities and customers first and takes each invoice's customer_id from a join with
-- ledger_customer in the same transaction, and neither entities nor customers are ever deleted. PostgreSQL checks a
-- foreign key with a trigger fired once per inserted row, two lookups per invoice, which was a third of the time of
-- importing a 1,000,000-invoice export (issue 6's throughput target: within 3x of COPY). The foreign keys that point
-- at invoices (allocations, disputes, promises) stay.
alter table ledger_invoice drop constraint ledger_invoice_entity_code_fkey;
alter table ledger_invoice drop constraint ledger_invoice_customer_id_fkey;
