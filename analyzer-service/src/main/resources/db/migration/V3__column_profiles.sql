-- The latest value profile of each column (source column_profile). The collector profiles a table
-- about once a day, so design advice reads the latest known profile, not only this snapshot's.
CREATE TABLE column_profile (
    cluster_id text NOT NULL,
    table_id bigint NOT NULL,
    column_name text NOT NULL,
    profiled_rows bigint NOT NULL,
    non_null_rows bigint NOT NULL,
    distinct_values bigint NOT NULL,
    top_value_rows bigint,
    max_octet_length integer,
    profiled_at timestamptz,
    PRIMARY KEY (cluster_id, table_id, column_name)
);
