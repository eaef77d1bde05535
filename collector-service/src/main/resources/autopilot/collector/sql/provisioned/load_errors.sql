-- Lines COPY rejected in the lookback (STL_LOAD_ERRORS; starttime is the start of the load, so a long
-- COPY's errors carry a time older than the last collection: read whole each cycle), newest first, at most 5,000.
SELECT "query", tbl AS table_id, starttime, trim(filename) AS filename, line_number, trim(colname) AS "column",
       err_code, trim(err_reason) AS reason, "position"
FROM stl_load_errors
WHERE starttime >= ?
ORDER BY starttime DESC, "query" DESC, line_number
LIMIT 5000
