-- What Redshift refuses, refused as Redshift does.
-- scenario: star-schema
-- user: admin

-- c_sql-functions-leader-node: a leader-node-only function with a user table.
-- error: 0A000 not supported on Amazon Redshift tables
select current_schema(), count(*) from sales;

-- c_unsupported-postgresql-functions: GENERATE_SERIES runs on the leader only.
-- error: 0A000 not supported on Amazon Redshift tables
select generate_series(1, 3), query from stl_query;

-- The same function without a compute-node relation runs on the leader node.
-- rows: 3
select generate_series(1, 3);

-- c_SQL_functions_compute_node_only: LISTAGG over the catalog alone.
-- error: XX000 must be applied on at least one user created table
select listagg(usename, ',') from pg_user;

-- c_unsupported-postgresql-features: IS DISTINCT FROM, arrays, E'' strings, indexes, sequences.
-- error: 0A000
select 1 where 1 is distinct from 2;
-- error: 0A000
select array[1, 2];
-- error: 42704 type "e" does not exist
select E'a\nb';
-- error: 0A000
create index sales_date on sales (date_id);
-- error: 0A000
create sequence seq1;

-- A column Redshift does not document is not there.
-- error: 42703 does not exist
select querytxt_full from stl_query;
