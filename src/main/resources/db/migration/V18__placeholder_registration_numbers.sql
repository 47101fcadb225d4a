-- ERP exports write N/A, NA, INCONNU, 0 or 000000000 where they lack a customer's number. V15 read them as numbers:
-- every customer written N/A was one company, its accounts' exposures summed and its experiences shared as one.
-- A number with no digit from 1 to 9 is no company's (io.arbiter.shared.RegistrationNumbers refuses it too): such an
-- account is a company of its own, as one with no number is.
create or replace function ledger_company_id(country text, registration_number text) returns text
    language sql immutable parallel safe as $$
    select case
               when n !~ '[1-9]' then null
               when country = 'FR' and n ~ '^[0-9]{14}$' then left(n, 9)
               when country = 'FR' and n ~ '^FR[0-9]{11}$' then right(n, 9)
               else n
           end
    from (select upper(regexp_replace(registration_number, '[[:space:].-]', '', 'g')) as n) normalised
$$;

-- A stored generated column is computed when its row is written: write the rows the new rule changes.
update ledger_customer set registration_number = registration_number where company_id !~ '[1-9]';
-- The decisions' index by company (V17) holds the function's old values.
reindex index credit_decision_by_company;
