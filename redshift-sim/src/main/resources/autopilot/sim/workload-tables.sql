-- redshift-sim storage of the workload part beyond system-tables.sql. Most workload relations
-- (text, step and metrics tables) are views over the query logs there (workload-views-*.sql);
-- only what no log holds is stored here. Columns and types: test resource
-- reference/redshift-system-tables.md (SystemTablesFidelityTest).

-- STL_PLAN_INFO: one row per plan node of a query's EXPLAIN lines (WorkloadWriter parses them).
CREATE TABLE redshift_sim.stl_plan_info (
    userid integer,
    "query" integer,
    nodeid integer,
    segment integer,
    "step" integer,
    locus integer,
    plannode integer,
    startupcost double precision,
    totalcost double precision,
    "rows" bigint,
    "bytes" bigint
);
CREATE INDEX ON redshift_sim.stl_plan_info ("query");

-- STL_ERROR: internal errors of Redshift's engine (not SQL errors). The model has none, so it stays
-- empty; it exists so that clients reading it get Redshift's columns.
CREATE TABLE redshift_sim.stl_error (
    userid integer,
    process character(12),
    recordtime timestamp,
    pid integer,
    errcode integer,
    file character(90),
    linenum integer,
    context character(100),
    error character(512)
);
