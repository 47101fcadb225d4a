-- An invoice export may flag invoices in dispute (a "Litige" column). A dispute opened that way names the import
-- source that opened it, and only a later file of that source closes it; disputes recorded by dunning outcomes (source
-- null) are closed by people, never by a file.
alter table ledger_dispute add column source text;
