-- The outbox is the same table in every service with one (service-runtime's Outbox and OutboxRelay):
-- maintenance sends every outcome event to the recommendations topic, so its rows carry that
-- destination and no severity, category or FIFO deduplication id.
ALTER TABLE outbox ADD COLUMN destination text NOT NULL DEFAULT 'RECOMMENDATIONS' CHECK (destination = 'RECOMMENDATIONS');
ALTER TABLE outbox ALTER COLUMN destination DROP DEFAULT;
ALTER TABLE outbox ADD COLUMN severity text;
ALTER TABLE outbox ADD COLUMN category text;
ALTER TABLE outbox ADD COLUMN deduplication_id text;
