-- Redshift's own distribution and sort key recommendations (Advisor / automatic table optimization).
SELECT trim("type") AS "type", trim("database") AS "database", table_id, group_id, trim(ddl) AS ddl, auto_eligible
FROM svv_alter_table_recommendations
ORDER BY table_id, group_id
