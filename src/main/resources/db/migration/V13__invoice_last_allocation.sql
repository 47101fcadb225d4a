-- The day of an invoice's latest allocation (payment or credit note), kept by the import that writes allocations.
-- A KPI as of a past day rewinds an invoice settled since by its allocations when it has some after the period's
-- start, else by its payment day; reading that here spares every KPI statement a join of all invoices to the period's
-- allocations, which each parallel worker built again (issue 6: KPIs under a second over 1,000,000 invoices).
alter table ledger_invoice add column last_allocated_on date;

update ledger_invoice i set last_allocated_on = a.last_on
from (select invoice_id, max(allocated_on) as last_on from ledger_allocation group by invoice_id) a
where a.invoice_id = i.id;
