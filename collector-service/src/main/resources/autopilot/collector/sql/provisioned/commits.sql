-- Commits that ended in the window (STL_COMMIT_STATS). Only the leader's row (node -1) carries the
-- real start of queueing: compute nodes show a placeholder in 2000, as AWS's example output does
-- (https://docs.aws.amazon.com/redshift/latest/dg/r_STL_COMMIT_STATS.html). Wait = startwork - startqueue.
SELECT xid, startqueue, startwork, endtime, queuelen, numxids
FROM stl_commit_stats
WHERE node = -1 AND endtime > ? AND endtime <= ?
ORDER BY endtime, xid
