-- Rows inserted and deleted since the table's last ANALYZE, and its rows: what Redshift compares with
-- analyze_threshold_percent to decide whether an ANALYZE runs or is skipped (PG_STATISTIC_INDICATOR).
SELECT stairows, staiins + staidels FROM pg_statistic_indicator WHERE stairelid = ?
