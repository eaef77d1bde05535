/* Must fail as on Redshift: STL_QUERY has no column query_text (it is querytxt). */
SELECT query, query_text
FROM stl_query
WHERE starttime > GETDATE() - INTERVAL '1 day';
