-- A portfolio simulation assesses each company of the ledger (V15: the accounts of its SIREN, SIRETs and VAT number)
-- with its latest decision's facts. A decision keeps the number as the order system sent it (a SIRET, a VAT number,
-- the SIREN), so it is found by its company instead: the country and the company key, as ledger_company_id computes
-- it from the decision's request.
create index credit_decision_by_company on credit_decision
    (((request -> 'customer' ->> 'country') || ':' || ledger_company_id(request -> 'customer' ->> 'country', registration_number)),
     decided_at desc);
