-- The part's JSON is kept until its snapshot has been analysed, so a snapshot whose parts arrive
-- over several deliveries (and restarts) is analysed once, whole.
ALTER TABLE processed_part ADD COLUMN body text;
ALTER TABLE processed_part ADD COLUMN snapshot_sources text[];

-- Snapshots already analysed: re-delivered parts of these change nothing.
CREATE TABLE analyzed_snapshot (
    cluster_id text NOT NULL,
    snapshot_id uuid NOT NULL,
    analyzed_at timestamptz NOT NULL,
    findings_open integer NOT NULL,
    work_items integer NOT NULL,
    PRIMARY KEY (cluster_id, snapshot_id)
);

-- Workload aggregates per cluster and hour (JSON of autopilot.analyzer.model.Workload).
CREATE TABLE workload_hour (
    cluster_id text NOT NULL,
    hour timestamptz NOT NULL,
    facts text NOT NULL,
    PRIMARY KEY (cluster_id, hour)
);

-- Queries that ended up to counted_up_to are in workload_hour: a re-sent window is not counted twice.
CREATE TABLE workload_coverage (
    cluster_id text PRIMARY KEY,
    counted_up_to timestamptz NOT NULL
);

-- The latest tables of each cluster (JSON list of TableState), for workload-only analyses.
CREATE TABLE cluster_tables (
    cluster_id text PRIMARY KEY,
    observed_at timestamptz NOT NULL,
    tables text NOT NULL
);

-- Per-table metric history, for trends.
CREATE TABLE table_metric_history (
    cluster_id text NOT NULL,
    table_id bigint NOT NULL,
    observed_at timestamptz NOT NULL,
    unsorted_pct double precision,
    stats_off_pct double precision,
    rows bigint NOT NULL,
    size_mb bigint NOT NULL,
    skew_rows double precision,
    deleted_rows bigint,
    PRIMARY KEY (cluster_id, table_id, observed_at)
);

-- When maintenance last ran per table (from SYS_VACUUM_HISTORY / SYS_ANALYZE_HISTORY, which are read incrementally).
CREATE TABLE table_maintenance (
    cluster_id text NOT NULL,
    table_id bigint NOT NULL,
    last_vacuum timestamptz,
    last_auto_vacuum timestamptz,
    last_analyze timestamptz,
    last_auto_analyze timestamptz,
    PRIMARY KEY (cluster_id, table_id)
);

-- Findings, open and resolved (JSON of autopilot.events.Finding).
CREATE TABLE finding (
    fingerprint text PRIMARY KEY,
    cluster_id text NOT NULL,
    category text NOT NULL,
    severity text NOT NULL,
    status text NOT NULL CHECK (status IN ('OPEN', 'RESOLVED')),
    first_seen timestamptz NOT NULL,
    last_seen timestamptz NOT NULL,
    resolved_at timestamptz,
    resolve_reason text,
    body text NOT NULL
);
CREATE INDEX finding_cluster_status ON finding (cluster_id, status);

-- Work items requested, by deduplication id: the same work is not requested again while pending.
CREATE TABLE work_item (
    cluster_id text NOT NULL,
    deduplication_id text NOT NULL,
    work_item_id text NOT NULL,
    requested_at timestamptz NOT NULL,
    body text NOT NULL,
    PRIMARY KEY (cluster_id, deduplication_id)
);

-- Transactional outbox: events are written with the state change that caused them and sent after
-- commit, so none is lost if SNS/SQS is down or the process dies between the two.
CREATE TABLE outbox (
    id bigserial PRIMARY KEY,
    destination text NOT NULL CHECK (destination IN ('RECOMMENDATIONS', 'MAINTENANCE')),
    cluster_id text NOT NULL,
    event_type text NOT NULL,
    severity text,
    category text,
    deduplication_id text,
    body text NOT NULL,
    created_at timestamptz NOT NULL
);
