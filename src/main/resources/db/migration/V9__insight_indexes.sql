-- Insight (KPIs as of a past day) rewinds the allocations made after the period's start: find them by day, and read
-- invoice and amount from the index alone.
create index ledger_allocation_by_day on ledger_allocation (allocated_on) include (invoice_id, amount);
