-- Open transactions and the locks they hold or wait for (SVV_TRANSACTIONS: one transactionid row per
-- transaction, a relation row per table lock; granted = f is a session waiting), without the
-- collector's own session (https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_TRANSACTIONS.html).
SELECT pid, xid, trim(txn_owner) AS username, trim(txn_db) AS "database", txn_start, trim(lock_mode) AS lock_mode,
       trim(lockable_object_type) AS object_type, relation AS table_id, granted
FROM svv_transactions
WHERE pid <> pg_backend_pid()
ORDER BY pid, xid, lockable_object_type, relation
