-- Disk use per node (STV_PARTITIONS, one row per node and logical volume): used and capacity are 1 MB
-- blocks; tossed blocks are freed at the next commit, so AWS's own example counts used - tossed.
-- Capacity here is raw disk, larger than the nominal capacity behind CloudWatch's
-- PercentageDiskSpaceUsed (https://docs.aws.amazon.com/redshift/latest/dg/r_STV_PARTITIONS.html).
SELECT owner AS node, sum(used) AS used_mb, sum(tossed) AS tossed_mb, sum(capacity) AS capacity_mb,
       count(*) AS partitions
FROM stv_partitions
GROUP BY owner
ORDER BY owner
