-- Serializable isolation violations in the window (STL_TR_CONFLICT: the transaction rolled back, the table).
SELECT xact_id AS xid, process_id AS pid, xact_start_ts AS xact_start, abort_time, table_id
FROM stl_tr_conflict
WHERE abort_time > ? AND abort_time <= ?
ORDER BY abort_time, xact_id
