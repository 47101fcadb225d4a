-- Standing limits are per legal entity of the supplier (issue 25): a limit approved for FR01 says nothing of what BE01
-- may sell the same company. The entity is the ledger's code (ledger_entity.code), as invoices and orders name it.
alter table limit_standing add column entity text;
alter table limit_change add column entity text;
alter table limit_request add column entity text;

-- Limits and requests made before this were taken for the supplier as a whole: they go to the ledger's first legal
-- entity (the only one in every installation so far), read once here.
update limit_standing set entity = coalesce((select min(code) from ledger_entity), 'FR01');
update limit_change set entity = coalesce((select min(code) from ledger_entity), 'FR01');
update limit_request set entity = coalesce((select min(code) from ledger_entity), 'FR01');

alter table limit_standing alter column entity set not null;
alter table limit_change alter column entity set not null;
alter table limit_request alter column entity set not null;

alter table limit_standing drop constraint limit_standing_pkey;
alter table limit_standing add primary key (entity, country, company);

-- One open request per company and entity at a time.
drop index limit_request_one_pending;
create unique index limit_request_one_pending on limit_request (entity, country, company) where status = 'PENDING';
