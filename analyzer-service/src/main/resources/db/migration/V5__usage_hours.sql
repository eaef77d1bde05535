-- Usage per cluster and UTC hour (issue 20): Serverless RPU-seconds charged (SYS_SERVERLESS_USAGE.charged_seconds)
-- and provisioned concurrency-scaling seconds (SVCS_CONCURRENCY_SCALING_USAGE). The collector reads both whole from
-- the hour its recent lookback starts in, since rows grow after they appear; each read replaces the hours it covers,
-- unless a newer read already did (observed_at), so a snapshot analysed twice or late counts nothing twice.
CREATE TABLE usage_hour (
    cluster_id text NOT NULL,
    hour timestamptz NOT NULL,
    rpu_seconds double precision,
    scaling_seconds double precision,
    observed_at timestamptz NOT NULL,
    PRIMARY KEY (cluster_id, hour)
);

-- From which hour on a cluster's usage hours are known (earlier: no data, not idle).
CREATE TABLE usage_coverage (
    cluster_id text PRIMARY KEY,
    covered_from timestamptz NOT NULL,
    observed_at timestamptz NOT NULL
);
