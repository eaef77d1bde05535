-- Collector instances share the clusters through leases (issue 18): an instance collects only the
-- clusters it holds a lease on, renews them while it lives, and a lease that is not renewed expires,
-- so another instance claims it. Times are the database's (now()), one clock for every instance.
CREATE TABLE cluster_lease (
    cluster_id text PRIMARY KEY,
    owner text,
    claimed_at timestamptz,
    expires_at timestamptz
);

-- Instances alive: each writes seen_at at every rebalance; the live ones split the clusters evenly.
CREATE TABLE collector_instance (
    instance_id text PRIMARY KEY,
    started_at timestamptz NOT NULL,
    seen_at timestamptz NOT NULL
);

-- When each cluster's source group is next due, kept here rather than in one instance's memory, so
-- a cluster that moves to another instance is collected once per interval, not again at once.
CREATE TABLE collection_due (
    cluster_id text NOT NULL,
    source_group text NOT NULL,
    due_at timestamptz NOT NULL,
    failures int NOT NULL DEFAULT 0,
    PRIMARY KEY (cluster_id, source_group)
);
