-- A French company is one legal person and one debtor, whatever number an ERP keeps for it: its SIREN, the SIRET of
-- any of its establishments (the SIREN and five more digits) and its VAT number (FR, a two-digit key, the SIREN). Its
-- exposure and payment behaviour sum every account carrying one of them, written with or without spaces, as credit
-- insurers set limits and the community pool counts experiences per SIREN. Other countries' numbers are only normalised
-- (spaces, dots and hyphens removed, upper case), as io.arbiter.shared.RegistrationNumbers does.
create function ledger_company_id(country text, registration_number text) returns text
    language sql immutable parallel safe as $$
    select case
               when n = '' then null
               when country = 'FR' and n ~ '^[0-9]{14}$' then left(n, 9)
               when country = 'FR' and n ~ '^FR[0-9]{11}$' then right(n, 9)
               else n
           end
    from (select upper(regexp_replace(registration_number, '[[:space:].-]', '', 'g')) as n) normalised
$$;

alter table ledger_customer
    add column company_id text generated always as (ledger_company_id(country, registration_number)) stored;
create index ledger_customer_by_company on ledger_customer (company_id);
-- Exposure looked accounts up by the number as stored; it now finds them by company.
drop index ledger_customer_by_registration;
