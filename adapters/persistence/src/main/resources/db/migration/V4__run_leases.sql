-- Run lifecycle with leases (issue 17): the owner renews heartbeat_at every few seconds; any
-- process marks RUNNING runs whose heartbeat is older than the lease INTERRUPTED. A cancel of a
-- run held by a live lease sets cancel_requested, which the owner reads at its next heartbeat.
-- INTERRUPTED and FAILED runs can be resumed from their last checkpoint (attempt + 1).
ALTER TABLE run DROP CONSTRAINT IF EXISTS run_status_check;
ALTER TABLE run ADD CONSTRAINT run_status_check
    CHECK (status IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED', 'INTERRUPTED'));
ALTER TABLE run ADD COLUMN heartbeat_at TIMESTAMPTZ;
ALTER TABLE run ADD COLUMN cancel_requested BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE run ADD COLUMN attempt INT NOT NULL DEFAULT 1 CHECK (attempt >= 1);
-- Starting a config hash + seed that is already QUEUED or RUNNING returns that run.
CREATE INDEX run_active_config_hash ON run (config_hash) WHERE status IN ('QUEUED', 'RUNNING');
