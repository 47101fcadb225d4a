-- Insolvency proceedings were kept by the registration number the bureau gave and looked up by the ledger's raw number,
-- so a customer held under its SIRET, its VAT number or a number with spaces was never found and kept being dunned.
-- They are now kept by company (io.arbiter.shared.CompanyKey: country and SIREN, the rule of ledger_company_id), with
-- whether the date is the publication's or only the best date known (a bureau report's date).
create table dunning_proceedings (
    company_key  text        primary key,
    provider     text        not null,
    judgment_on  date,
    published_on date        not null,
    approximate  boolean     not null,
    recorded_at  timestamptz not null default now()
);

insert into dunning_proceedings (company_key, provider, published_on, approximate, recorded_at)
select distinct on (company_key) company_key, provider, published_on, true, recorded_at
from (select country::text || ':' || coalesce(ledger_company_id(country::text, registration_number), registration_number)
                 as company_key, provider, published_on, recorded_at
      from dunning_insolvency) old
order by company_key, published_on;

drop table dunning_insolvency;
