-- People who sign in to the console with a local account (small installs and the quickstart); people who sign in
-- through OpenID Connect are not stored here: their identity provider holds them. Passwords are stored as
-- self-describing hashes ({bcrypt}...), never in clear.
create table person (
    username             text        primary key,
    display_name         text        not null,
    password_hash        text        not null,
    roles                text[]      not null,
    salesperson          text,
    must_change_password boolean     not null,
    created_at           timestamptz not null,
    password_changed_at  timestamptz
);
