-- Issue 20: the WLM queue wait p95 per queue goes to CloudWatch with a Queue dimension beside ClusterIdentifier;
-- null for every cluster-wide datum. (Version 20.3: issue 20, point 3, so parallel migrations of issue 20 don't collide.)
ALTER TABLE metric_datum ADD COLUMN queue text;
