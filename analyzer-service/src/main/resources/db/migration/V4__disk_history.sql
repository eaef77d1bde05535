-- Disk use per node at every analysed snapshot that carried the disk source (STV_PARTITIONS, issue 19): the series
-- the disk forecast fits. A point per snapshot, not per hour: a disk can fill within hours. used_mb is used less tossed.
CREATE TABLE disk_history (
    cluster_id text NOT NULL,
    observed_at timestamptz NOT NULL,
    node integer NOT NULL,
    used_mb bigint NOT NULL,
    capacity_mb bigint NOT NULL,
    PRIMARY KEY (cluster_id, observed_at, node)
);
