-- How far each cluster's incremental sources have been published. A watermark moves only after
-- SQS accepted every part of the window it closes, so a restart re-reads at most one window.
CREATE TABLE collector_watermark (
    cluster_id text NOT NULL,
    watermark text NOT NULL,
    position timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (cluster_id, watermark)
);
