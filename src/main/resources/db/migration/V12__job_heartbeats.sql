-- The instance that runs a background job (a ledger import, a policy simulation) says every few seconds that it still
-- has it (arbiter.ledger.import.heartbeat, arbiter.simulation.heartbeat). A job left QUEUED or RUNNING by an instance
-- that stopped (a crash, a redeploy) stops being refreshed, and any instance then marks it FAILED with what to do,
-- instead of showing it as running for ever.
alter table ledger_import_job add column heartbeat_at timestamptz not null default now();
alter table policy_simulation add column heartbeat_at timestamptz not null default now();
