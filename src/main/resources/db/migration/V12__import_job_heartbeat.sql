-- The instance that queued an import job says every few seconds that it still has it (arbiter.ledger.import.heartbeat).
-- A job left QUEUED or RUNNING by an instance that stopped (a crash, a redeploy) stops being refreshed, and any instance
-- then marks it FAILED, with a message saying nothing was written (an import commits all or nothing) and that the file
-- must be sent again, instead of showing it as running forever.
alter table ledger_import_job add column heartbeat_at timestamptz not null default now();
