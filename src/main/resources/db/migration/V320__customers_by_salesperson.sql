-- A salesperson's agenda, KPIs and forecast read their portfolio first: find its customers without reading the
-- whole ledger's.
create index ledger_customer_by_salesperson on ledger_customer (salesperson);
