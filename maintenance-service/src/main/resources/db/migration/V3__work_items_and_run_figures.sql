-- What the console shows about work items, whatever instance holds them: one row per item, written each
-- time an instance receives it (so items waiting for their window are known, not only those attempted),
-- marked done in the transaction that records its last run (completed, skipped, or failed for good).
CREATE TABLE work_item (
    work_item_id text PRIMARY KEY,
    cluster_id text NOT NULL,
    table_name text NOT NULL,
    work text NOT NULL,
    priority double precision NOT NULL,
    urgent boolean NOT NULL,
    fingerprints text[] NOT NULL,
    reason text,
    requested_at timestamptz NOT NULL,
    received_at timestamptz NOT NULL,
    last_received_at timestamptz NOT NULL,
    waits_for timestamptz,
    done_at timestamptz,
    done_state text
);
CREATE INDEX work_item_waiting ON work_item (cluster_id, urgent DESC, priority DESC, requested_at) WHERE done_at IS NULL;

-- A run's outcome code (OK, a skip code or an error class) and, for completed runs, what MaintenanceCompleted
-- carries: the duration and the table's health read just before and after (SVV_TABLE_INFO).
ALTER TABLE work_run ADD COLUMN code text;
ALTER TABLE work_run ADD COLUMN duration_ms bigint;
ALTER TABLE work_run ADD COLUMN before_unsorted_pct double precision;
ALTER TABLE work_run ADD COLUMN before_stats_off_pct double precision;
ALTER TABLE work_run ADD COLUMN before_rows bigint;
ALTER TABLE work_run ADD COLUMN before_size_mb bigint;
ALTER TABLE work_run ADD COLUMN after_unsorted_pct double precision;
ALTER TABLE work_run ADD COLUMN after_stats_off_pct double precision;
ALTER TABLE work_run ADD COLUMN after_rows bigint;
ALTER TABLE work_run ADD COLUMN after_size_mb bigint;
CREATE INDEX work_run_state ON work_run (cluster_id, state, updated_at DESC);
