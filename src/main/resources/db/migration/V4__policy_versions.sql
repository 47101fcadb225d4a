-- Every version of the credit policy, from upload to retirement. Files are kept byte for byte so that finance staff
-- download exactly what is live, and so that any replica can compile the same version.
create table policy_version (
    id           uuid        primary key,
    version      text        not null,
    state        text        not null check (state in ('DRAFT', 'APPROVED', 'PUBLISHED', 'SUPERSEDED')),
    author       text        not null,
    comment      text,
    created_at   timestamptz not null,
    approved_by  text,
    approved_at  timestamptz,
    published_by text,
    published_at timestamptz,
    scenarios    jsonb       not null
);

create index policy_version_by_hash on policy_version (version);
-- At most one version serves decisions.
create unique index policy_version_one_published on policy_version (state) where state = 'PUBLISHED';

create table policy_version_file (
    version_id uuid  not null references policy_version (id),
    name       text  not null,
    content    bytea not null,
    sha256     text  not null,
    primary key (version_id, name)
);
