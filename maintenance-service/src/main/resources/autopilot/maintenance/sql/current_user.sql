-- The session's user: its id (to tell its own log rows from others') and whether it is a superuser.
SELECT usesysid, usesuper FROM pg_user WHERE usename = current_user
