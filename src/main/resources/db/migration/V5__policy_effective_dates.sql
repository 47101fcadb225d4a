-- Effective-dated publishing: a version published with a future effective date is SCHEDULED until then, and becomes
-- PUBLISHED (superseding the one serving) at that instant. PUBLISHED stays the one version serving decisions.
alter table policy_version add column effective_from timestamptz;
alter table policy_version add column scheduled_by text;
-- What a scheduled version goes back to when another version is scheduled in its place.
alter table policy_version add column state_before_scheduling text;

alter table policy_version drop constraint policy_version_state_check;
alter table policy_version add constraint policy_version_state_check
    check (state in ('DRAFT', 'APPROVED', 'SCHEDULED', 'PUBLISHED', 'SUPERSEDED'));
alter table policy_version add constraint policy_version_scheduled_has_date
    check (state <> 'SCHEDULED' or (effective_from is not null and scheduled_by is not null
                                    and state_before_scheduling in ('APPROVED', 'SUPERSEDED')));

update policy_version set effective_from = published_at where published_at is not null;

-- At most one version waits for its effective date.
create unique index policy_version_one_scheduled on policy_version (state) where state = 'SCHEDULED';
