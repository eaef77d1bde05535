-- Transactions of other sessions open since before the cut-off.
SELECT count(DISTINCT xid) FROM svv_transactions WHERE txn_start < ? AND pid <> pg_backend_pid()
