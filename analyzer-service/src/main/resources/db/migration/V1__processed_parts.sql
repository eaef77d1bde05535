-- Snapshot parts already processed, by their natural key: a re-delivered part changes nothing.
CREATE TABLE processed_part (
    cluster_id text NOT NULL,
    snapshot_id uuid NOT NULL,
    source text NOT NULL,
    part_number integer NOT NULL,
    part_count integer NOT NULL,
    row_count integer NOT NULL,
    received_at timestamptz NOT NULL,
    PRIMARY KEY (cluster_id, snapshot_id, source, part_number)
);
