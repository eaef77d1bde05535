-- Each finding's history for people (the console's finding page): raised, updated (severity or headline changed),
-- resolved. Written in the transaction that changes the finding, keyed so a repeat of the same change writes nothing.
-- (V7, not V5/V6: other branches add those.)
CREATE TABLE finding_event (
    fingerprint text NOT NULL,
    cluster_id text NOT NULL,
    kind text NOT NULL CHECK (kind IN ('RAISED', 'UPDATED', 'RESOLVED')),
    occurred_at timestamptz NOT NULL,
    severity text NOT NULL,
    previous_severity text,
    title text NOT NULL,
    reason text,
    snapshot_id uuid,
    PRIMARY KEY (fingerprint, kind, occurred_at)
);

-- The estimated benefit (Finding.benefit.value) as a column, so a cluster's thousands of open findings are sorted
-- and paged by it in the database instead of by parsing every body.
ALTER TABLE finding ADD COLUMN benefit double precision;
UPDATE finding SET benefit = (body::jsonb -> 'benefit' ->> 'value')::double precision WHERE body::jsonb -> 'benefit' IS NOT NULL
    AND jsonb_typeof(body::jsonb -> 'benefit') = 'object';
CREATE INDEX finding_cluster_open_benefit ON finding (cluster_id, benefit DESC NULLS LAST) WHERE status = 'OPEN';
