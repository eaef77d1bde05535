-- MB per second of the cluster's recent manual VACUUMs that did work (duration is in microseconds).
SELECT sum(size_before_vacuum), sum(duration)
FROM (SELECT size_before_vacuum, duration FROM sys_vacuum_history
      WHERE NOT is_automatic AND trim(status) = 'Complete' AND duration > 0
      ORDER BY end_time DESC LIMIT 10) recent
