-- One row per attempt at a work item, by any instance: what it ran and how it ended. A crashed
-- attempt stays 'running' until the item's next attempt marks it 'abandoned'.
CREATE TABLE work_run (
    id bigserial PRIMARY KEY,
    work_item_id text NOT NULL,
    cluster_id text NOT NULL,
    deduplication_id text NOT NULL,
    table_name text NOT NULL,
    state text NOT NULL CHECK (state IN ('running', 'completed', 'skipped', 'postponed', 'failed', 'abandoned')),
    statements text,
    outcome text,
    instance text NOT NULL,
    started_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);
-- The same work completes at most once per cluster, whatever instance or restart tries again.
CREATE UNIQUE INDEX work_run_completed_once ON work_run (cluster_id, deduplication_id) WHERE state = 'completed';
CREATE INDEX work_run_recent ON work_run (cluster_id, updated_at DESC);
CREATE INDEX work_run_item ON work_run (work_item_id);

-- Outcome events written in the transaction that records the run; OutboxRelay publishes and deletes them.
CREATE TABLE outbox (
    id bigserial PRIMARY KEY,
    cluster_id text NOT NULL,
    event_type text NOT NULL,
    body text NOT NULL,
    created_at timestamptz NOT NULL
);
