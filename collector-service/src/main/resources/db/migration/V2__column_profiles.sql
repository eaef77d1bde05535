-- Column profiles (issue 9): which columns the workload joins on, the last profile of each column,
-- and when each table was last profiled (or tried), so a restart neither forgets the workload's
-- join columns nor re-profiles every table (a full scan per column on the cluster).
CREATE TABLE collector_join_column (
    cluster_id text NOT NULL,
    database text NOT NULL,
    schema_name text NOT NULL,
    table_name text NOT NULL,
    column_name text NOT NULL,
    joins bigint NOT NULL,
    last_seen timestamptz NOT NULL,
    PRIMARY KEY (cluster_id, database, schema_name, table_name, column_name)
);

CREATE TABLE collector_column_profile (
    cluster_id text NOT NULL,
    database text NOT NULL,
    schema_name text NOT NULL,
    table_name text NOT NULL,
    column_name text NOT NULL,
    table_id bigint NOT NULL,
    profiled_rows bigint NOT NULL,
    non_null_rows bigint,
    distinct_values bigint,
    top_value_rows bigint,
    max_octet_length integer,
    profiled_at timestamptz NOT NULL,
    PRIMARY KEY (cluster_id, database, schema_name, table_name, column_name)
);

CREATE TABLE collector_table_profiled (
    cluster_id text NOT NULL,
    database text NOT NULL,
    schema_name text NOT NULL,
    table_name text NOT NULL,
    attempted_at timestamptz NOT NULL,
    outcome text NOT NULL,
    PRIMARY KEY (cluster_id, database, schema_name, table_name)
);
