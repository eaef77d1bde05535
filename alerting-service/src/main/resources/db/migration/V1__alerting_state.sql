-- Events already applied, by event id: a re-delivered event changes nothing.
CREATE TABLE processed_event (
    event_id uuid PRIMARY KEY,
    event_type text NOT NULL,
    cluster_id text NOT NULL,
    received_at timestamptz NOT NULL
);

-- What paging remembers per problem fingerprint (survives restarts, so suppression does too).
CREATE TABLE incident (
    fingerprint text PRIMARY KEY,
    cluster_id text NOT NULL,
    category text NOT NULL,
    is_open boolean NOT NULL,
    paged boolean NOT NULL,
    last_problem_page_at timestamptz,
    updated_at timestamptz NOT NULL
);

-- Outbox, first stage: signals that will page, gathered per cluster until the burst is over.
CREATE TABLE page_candidate (
    id bigserial PRIMARY KEY,
    cluster_id text NOT NULL,
    fingerprint text NOT NULL,
    kind text NOT NULL,
    severity text NOT NULL,
    category text NOT NULL,
    title text NOT NULL,
    body text NOT NULL,
    created_at timestamptz NOT NULL,
    page_id uuid
);
CREATE INDEX page_candidate_pending ON page_candidate (cluster_id) WHERE page_id IS NULL;

-- Outbox, second stage: composed pages; sent_at stays null until SNS accepted the page.
CREATE TABLE page (
    page_id uuid PRIMARY KEY,
    cluster_id text NOT NULL,
    kind text NOT NULL,
    severity text NOT NULL,
    category text NOT NULL,
    subject text NOT NULL,
    body text NOT NULL,
    fingerprints text[] NOT NULL,
    created_at timestamptz NOT NULL,
    sent_at timestamptz,
    message_id text,
    attempts integer NOT NULL DEFAULT 0,
    last_error text
);
CREATE INDEX page_unsent ON page (created_at) WHERE sent_at IS NULL;
CREATE INDEX page_recent ON page (created_at DESC);

-- Repeats that did not page, for GET /api/v1/alerts.
CREATE TABLE suppressed_repeat (
    id bigserial PRIMARY KEY,
    cluster_id text NOT NULL,
    fingerprint text NOT NULL,
    event_id uuid NOT NULL,
    event_type text NOT NULL,
    reason text NOT NULL,
    suppressed_at timestamptz NOT NULL
);
CREATE INDEX suppressed_repeat_recent ON suppressed_repeat (suppressed_at DESC);

-- Metric outbox: custom metric datums waiting for PutMetricData.
CREATE TABLE metric_datum (
    id bigserial PRIMARY KEY,
    cluster_id text NOT NULL,
    metric_name text NOT NULL,
    value double precision NOT NULL,
    unit text NOT NULL,
    observed_at timestamptz NOT NULL,
    created_at timestamptz NOT NULL
);
