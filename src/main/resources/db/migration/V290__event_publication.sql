-- The outbox of reactions between modules (Spring Modulith's event publication registry, JDBC, schema version 2 for
-- PostgreSQL, as its schema-postgresql.sql has it): one row per event and listener, written in the publisher's
-- transaction, completed when the listener succeeded. Flyway owns it, so the registry's own schema initialisation is off.
create table if not exists event_publication
(
  id                     uuid not null,
  listener_id            text not null,
  event_type             text not null,
  serialized_event       text not null,
  publication_date       timestamp with time zone not null,
  completion_date        timestamp with time zone,
  status                 text,
  completion_attempts    int,
  last_resubmission_date timestamp with time zone,
  primary key (id)
);
create index if not exists event_publication_serialized_event_hash_idx on event_publication using hash(serialized_event);
create index if not exists event_publication_by_completion_date_idx on event_publication (completion_date);
