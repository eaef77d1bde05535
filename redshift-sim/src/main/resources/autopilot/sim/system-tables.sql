-- redshift-sim storage: one row store per Redshift system relation, in schema redshift_sim.
-- Column names and types are exactly those of src/test/resources/reference/redshift-system-tables.md
-- (SystemTablesFidelityTest checks them); relations missing there follow the AWS developer guide.
-- Clients never read these tables directly: they read the views in system-views-*.sql, which live
-- in pg_catalog so that they resolve unqualified whatever the search_path, as on Redshift.
CREATE SCHEMA redshift_sim;

-- Cluster-wide facts the views need.
CREATE TABLE redshift_sim.cluster (
    node_type text NOT NULL,
    nodes integer NOT NULL,
    slices_per_node integer NOT NULL,
    capacity_mb bigint NOT NULL,
    retention interval NOT NULL,
    serverless boolean NOT NULL
);

-- The model of each user table (the physical PostgreSQL table carries its columns; its oid is the table id).
CREATE TABLE redshift_sim.table_meta (
    table_id oid PRIMARY KEY,
    "database" text NOT NULL,
    "schema" text NOT NULL,
    table_name text NOT NULL,
    diststyle text NOT NULL,
    sortkey_type text,
    sortkey1 text,
    sortkey_num integer NOT NULL,
    sortkey1_enc text,
    encoded text NOT NULL,
    max_varchar integer,
    ncols integer NOT NULL,
    stats_off numeric(5,2) NOT NULL,
    -- rows inserted, updated or deleted since the last ANALYZE: what analyze_threshold_percent is
    -- compared with (r_ANALYZE), shown by PG_STATISTIC_INDICATOR; stats_off is another measure
    modified_rows bigint NOT NULL DEFAULT 0,
    deleted_rows bigint NOT NULL,
    vacuum_sort_benefit numeric(12,2),
    skew_sortkey1 numeric(19,2),
    risk_event text,
    create_time timestamp NOT NULL
);

CREATE TABLE redshift_sim.column_meta (
    table_id oid NOT NULL,
    attnum integer NOT NULL,
    "encoding" text NOT NULL,
    distkey boolean NOT NULL,
    sortkey integer NOT NULL,
    PRIMARY KEY (table_id, attnum)
);

CREATE TABLE redshift_sim.stl_query (
    userid integer,
    "query" integer,
    "label" character(320),
    xid bigint,
    pid integer,
    "database" character(32),
    querytxt character(4000),
    starttime timestamp,
    endtime timestamp,
    aborted integer,
    insert_pristine integer,
    concurrency_scaling_status integer
);

CREATE TABLE redshift_sim.stl_wlm_query (
    userid integer,
    xid integer,
    task integer,
    "query" integer,
    service_class integer,
    slot_count integer,
    service_class_start_time timestamp,
    queue_start_time timestamp,
    queue_end_time timestamp,
    total_queue_time bigint,
    exec_start_time timestamp,
    exec_end_time timestamp,
    total_exec_time bigint,
    service_class_end_time timestamp,
    final_state character(16),
    est_peak_mem bigint,
    query_priority character(20),
    service_class_name character(64)
);

CREATE TABLE redshift_sim.stl_scan (
    userid integer,
    "query" integer,
    slice integer,
    segment integer,
    "step" integer,
    starttime timestamp,
    endtime timestamp,
    tasknum integer,
    "rows" bigint,
    "bytes" bigint,
    fetches bigint,
    "type" integer,
    tbl integer,
    is_rrscan character(1),
    is_delayed_scan character(1),
    rows_pre_filter bigint,
    rows_pre_user_filter bigint,
    perm_table_name character(136),
    is_rlf_scan character(1),
    is_rlf_scan_reason integer,
    num_em_blocks integer,
    checksum bigint,
    runtime_filtering character(1),
    scan_region integer,
    num_sortkey_as_predicate integer,
    row_fetcher_state integer,
    consumed_scan_ranges bigint,
    work_stealing_reason bigint,
    is_vectorized_scan character(1),
    is_vectorized_scan_reason integer,
    row_fetcher_reason bigint,
    topology_signature bigint,
    use_tpm_partition character(1),
    is_rrscan_expr character(1),
    scanned_mega_value character(1)
);

CREATE TABLE redshift_sim.stl_alert_event_log (
    userid integer,
    "query" integer,
    slice integer,
    segment integer,
    "step" integer,
    pid integer,
    xid bigint,
    event character(1024),
    solution character(1024),
    event_time timestamp
);

CREATE TABLE redshift_sim.stv_inflight (
    userid integer,
    slice integer,
    "query" integer,
    "label" character(320),
    xid bigint,
    pid integer,
    starttime timestamp,
    "text" character(100),
    suspended integer,
    insert_pristine integer,
    concurrency_scaling_status integer
);

CREATE TABLE redshift_sim.svl_query_summary (
    userid integer,
    "query" integer,
    stm integer,
    seg integer,
    "step" integer,
    maxtime bigint,
    avgtime bigint,
    "rows" bigint,
    "bytes" bigint,
    rate_row double precision,
    rate_byte double precision,
    "label" text,
    is_diskbased character(1),
    workmem bigint,
    is_rrscan character(1),
    is_delayed_scan character(1),
    rows_pre_filter bigint
);

CREATE TABLE redshift_sim.stv_wlm_query_state (
    xid integer,
    task integer,
    "query" integer,
    service_class integer,
    slot_count integer,
    wlm_start_time timestamp,
    state character(16),
    queue_time bigint,
    exec_time bigint,
    query_priority character(20),
    -- not shown: whose query it is, for the view's row visibility (the relation has no user column)
    owner_userid integer
);

CREATE TABLE redshift_sim.stl_vacuum (
    userid integer,
    xid bigint,
    table_id integer,
    "status" character(30),
    "rows" bigint,
    sortedrows integer,
    blocks integer,
    max_merge_partitions integer,
    eventtime timestamp,
    reclaimable_rows bigint,
    reclaimable_space_mb bigint,
    cutoff_xid bigint,
    is_recluster integer
);

CREATE TABLE redshift_sim.stl_analyze (
    userid integer,
    xid bigint,
    "database" character(30),
    table_id integer,
    "status" character(15),
    "rows" double precision,
    modified_rows double precision,
    threshold_percent integer,
    is_auto character(1),
    starttime timestamp,
    endtime timestamp,
    prevtime timestamp,
    num_predicate_cols integer,
    num_new_predicate_cols integer,
    is_background character(1),
    auto_analyze_phase character(32),
    schema_name character(32),
    table_name character(32)
);

-- The cluster's databases as SVV_REDSHIFT_DATABASES lists them (r_SVV_REDSHIFT_DATABASES): one row
-- per scenario database, all local (the simulator has no datashares).
CREATE TABLE redshift_sim.svv_redshift_databases (
    database_name character varying(128),
    database_owner integer,
    database_type character varying(32),
    database_acl character varying(128),
    database_options character varying(128),
    database_isolation_level character varying(128)
);

CREATE TABLE redshift_sim.svv_alter_table_recommendations (
    "type" character(30),
    "database" character(128),
    table_id integer,
    group_id integer,
    ddl character(1024),
    auto_eligible character(1)
);

CREATE TABLE redshift_sim.sys_query_history (
    user_id integer,
    query_id bigint,
    query_label character(320),
    transaction_id bigint,
    session_id integer,
    database_name character(128),
    query_type character(32),
    "status" character(10),
    result_cache_hit boolean,
    start_time timestamp,
    "end_time" timestamp,
    elapsed_time bigint,
    queue_time bigint,
    execution_time bigint,
    error_message character(512),
    returned_rows bigint,
    returned_bytes bigint,
    query_text character(4000),
    redshift_version character(256),
    usage_limit text,
    compute_type text,
    compile_time bigint,
    planning_time bigint,
    lock_wait_time bigint,
    service_class_id integer,
    service_class_name text,
    query_priority text,
    short_query_accelerated text,
    result_cache_query_id bigint
);

CREATE TABLE redshift_sim.sys_query_detail (
    user_id integer,
    query_id bigint,
    child_query_sequence integer,
    stream_id integer,
    segment_id integer,
    step_id integer,
    step_name text,
    table_id integer,
    table_name character(136),
    is_rrscan character(32),
    start_time timestamp,
    "end_time" timestamp,
    duration bigint,
    alert text,
    input_bytes bigint,
    input_rows bigint,
    output_bytes bigint,
    output_rows bigint,
    blocks_read bigint,
    blocks_write bigint,
    local_read_io bigint,
    remote_read_io bigint,
    spilled_block_local_disk bigint,
    spilled_block_remote_disk bigint,
    step_attribute text,
    metrics_level text,
    external_scanned_bytes bigint
);

CREATE TABLE redshift_sim.sys_vacuum_history (
    user_id integer,
    transaction_id bigint,
    query_id bigint,
    database_name text,
    schema_name text,
    table_name text,
    table_id integer,
    vacuum_type character(32),
    is_automatic boolean,
    "status" character(32),
    start_time timestamp,
    "end_time" timestamp,
    record_time timestamp,
    duration integer,
    rows_before_vacuum bigint,
    size_before_vacuum integer,
    reclaimable_rows bigint,
    reclaimed_rows bigint,
    reclaimed_blocks bigint,
    sortedrows_before_vacuum integer,
    sortedrows_after_vacuum integer
);

CREATE TABLE redshift_sim.sys_analyze_history (
    user_id integer,
    transaction_id bigint,
    database_name character(30),
    table_name character(30),
    table_id integer,
    is_automatic character(1),
    "status" character(15),
    start_time timestamp,
    "end_time" timestamp,
    "rows" double precision,
    modified_rows double precision,
    analyze_threshold_percent integer,
    last_analyze_time timestamp,
    schema_name text
);

CREATE TABLE redshift_sim.stv_slices (
    node integer,
    slice integer,
    localslice integer,
    "type" character(1)
);

CREATE TABLE redshift_sim.stv_tbl_perm (
    slice integer,
    id integer,
    "name" character(72),
    "rows" bigint,
    sorted_rows bigint,
    temp integer,
    db_id integer,
    insert_pristine integer,
    delete_pristine integer,
    backup integer,
    dist_style integer,
    block_count integer,
    query_scan_size text
);


CREATE TABLE redshift_sim.svl_compile (
    userid integer,
    xid bigint,
    pid integer,
    "query" integer,
    segment integer,
    locus integer,
    starttime timestamp,
    endtime timestamp,
    compile integer
);

CREATE TABLE redshift_sim.stl_explain (
    userid integer,
    "query" integer,
    nodeid integer,
    parentid integer,
    plannode character(400),
    info character(400)
);

CREATE TABLE redshift_sim.stv_recents (
    userid integer,
    "status" character(20),
    starttime timestamp,
    duration integer,
    user_name character(50),
    db_name character(50),
    "query" character(600),
    pid integer
);

CREATE TABLE redshift_sim.stv_wlm_service_class_config (
    service_class integer,
    queueing_strategy character(32),
    num_query_tasks integer,
    target_num_query_tasks integer,
    evictable character(8),
    eviction_threshold bigint,
    query_working_mem integer,
    target_query_working_mem integer,
    min_step_mem integer,
    "name" character(64),
    max_execution_time bigint,
    user_group_wild_card boolean,
    query_group_wild_card boolean,
    concurrency_scaling character(20),
    query_priority character(20),
    user_role_wild_card boolean
);

CREATE TABLE redshift_sim.svv_transactions (
    txn_owner text,
    txn_db text,
    xid bigint,
    pid integer,
    txn_start timestamp,
    lock_mode text,
    lockable_object_type text,
    relation integer,
    granted boolean
);

CREATE INDEX ON redshift_sim.stv_tbl_perm (id);
CREATE INDEX ON redshift_sim.stl_query (starttime);
CREATE INDEX ON redshift_sim.stl_scan ("query");
CREATE INDEX ON redshift_sim.stl_wlm_query ("query");
CREATE INDEX ON redshift_sim.stl_query ("query");
CREATE INDEX ON redshift_sim.stl_query (endtime);
CREATE INDEX ON redshift_sim.stl_alert_event_log ("query");
CREATE INDEX ON redshift_sim.svl_query_summary ("query");
CREATE INDEX ON redshift_sim.svl_compile ("query");
CREATE INDEX ON redshift_sim.sys_query_history (query_id);
CREATE INDEX ON redshift_sim.sys_query_history (end_time);
CREATE INDEX ON redshift_sim.sys_query_detail (query_id);

-- Transaction and query ids the simulator hands out for statements it runs itself (VACUUM, ANALYZE).
CREATE SEQUENCE redshift_sim.xid_seq START 5000000;

-- Every maintenance statement received through the gateway, for tests and demos (not a Redshift table).
CREATE TABLE redshift_sim.maintenance_log (
    id bigserial PRIMARY KEY,
    connection_id bigint NOT NULL,
    user_name text NOT NULL,
    statement text NOT NULL,
    started_at timestamp NOT NULL,
    ended_at timestamp NOT NULL,
    outcome text NOT NULL
);
