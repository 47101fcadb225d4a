-- What the invoice's allocations (payments and credit notes) add up to, kept by the import that writes allocations. A
-- KPI as of a past day rewinds an invoice by its allocations made after that day and, when it was settled after that
-- day otherwise (an ERP file or a snapshot brought it to zero), by the part no allocation explains: amount − open
-- amount − allocated, open until the day it was settled. The day of the latest allocation (V13) only told whether an
-- invoice had allocations in the period, and an invoice partly paid by allocations and settled for the rest by a file
-- lost that rest, or counted its earlier payments as open.
alter table ledger_invoice add column allocated numeric(15,2) not null default 0 check (allocated >= 0);

update ledger_invoice i set allocated = a.total
from (select invoice_id, sum(amount) as total from ledger_allocation group by invoice_id) a
where a.invoice_id = i.id;

alter table ledger_invoice drop column last_allocated_on;
