--DROP VIEW admin.v_query_activity;
/**********************************************************************************************
Purpose: queries of the last week per user, with how long ago each user last ran one.
Written for SqlFileCheckTest: Redshift functions (GETDATE, DATEDIFF, NVL) over a system table.
**********************************************************************************************/
CREATE OR REPLACE VIEW admin.v_query_activity
AS
SELECT userid,
       COUNT(*) AS queries,
       SUM(NVL(aborted, 0)) AS aborted,
       MAX(DATEDIFF(seconds, starttime, endtime)) AS longest_seconds,
       DATEDIFF(minute, MAX(starttime), GETDATE()) AS minutes_since_last
FROM stl_query
WHERE userid > 1
  AND starttime >= DATEADD(day, -7, GETDATE())
GROUP BY userid;
