-- redshift-sim storage of the cluster's activity besides the workload (model: autopilot.sim.model.Activity;
-- written by catalog.ActivityWriter). Column names and types of the relations Redshift documents are
-- those of the column reference (SystemTablesFidelityTest checks the views); a storage table may carry
-- trailing columns of the simulator's own (marked "private") that the views leave out.

CREATE TABLE redshift_sim.stv_sessions (
    starttime timestamp,
    process integer,
    user_name character(50),
    db_name character(50),
    timeout_sec integer
);

-- Every connection event, once: STL_CONNECTION_LOG and SYS_CONNECTION_LOG are two views of it.
CREATE TABLE redshift_sim.connection_log (
    event character(50),
    recordtime timestamp,
    remotehost character(45),
    remoteport character(32),
    pid integer,
    dbname character(50),
    username character(50),
    authmethod character(32),
    duration integer,
    sslversion character(50),
    sslcipher character(128),
    mtu integer,
    sslcompression character(64),
    sslexpansion character(64),
    iamauthguid character(36),
    application_name character(250),
    os_version character(64),
    driver_version character(64),
    plugin_name character(32),
    protocol_version integer,
    global_session_id character(36)
);

CREATE TABLE redshift_sim.stl_tr_conflict (
    xact_id bigint,
    process_id bigint,
    xact_start_ts timestamp,
    abort_time timestamp,
    table_id bigint
);

CREATE TABLE redshift_sim.stv_active_cursors (
    userid integer,
    "name" character(256),
    xid bigint,
    pid integer,
    starttime timestamp,
    row_count bigint,
    byte_count bigint,
    fetched_rows bigint
);

CREATE TABLE redshift_sim.stl_commit_stats (
    xid bigint,
    node integer,
    startqueue timestamp,
    startwork timestamp,
    endflush timestamp,
    endstage timestamp,
    endlocal timestamp,
    startglobal timestamp,
    endtime timestamp,
    queuelen bigint,
    permblocks bigint,
    newblocks bigint,
    dirtyblocks bigint,
    headers bigint,
    numxids integer,
    oldestxid bigint,
    extwritelatency bigint,
    metadatawritten integer,
    tombstonedblocks bigint,
    tossedblocks bigint,
    batched_by bigint
);

-- Each rejected line of a COPY, once: STL_LOAD_ERRORS and SYS_LOAD_ERROR_DETAIL are two views of it.
CREATE TABLE redshift_sim.load_errors (
    userid integer,
    slice integer,
    tbl integer,
    starttime timestamp,
    "session" integer,
    "query" integer,
    filename character(256),
    line_number bigint,
    colname character(127),
    "type" character(10),
    col_length character(10),
    "position" integer,
    raw_line character(1024),
    raw_field_value character(1024),
    err_code integer,
    err_reason character(100),
    xid bigint,                          -- private: the COPY's transaction
    database_name character(64),         -- private: where the COPY ran
    error_message character(512)         -- private: the reason uncut (err_reason keeps 100 characters)
);

CREATE TABLE redshift_sim.stl_load_commits (
    userid integer,
    "query" integer,
    slice integer,
    "name" character(256),
    filename character(256),
    byte_offset integer,
    lines_scanned integer,
    errors integer,
    curtime timestamp,
    "status" integer,
    file_format character(16),
    is_partial integer,
    start_offset bigint,
    copy_job_id bigint
);

CREATE TABLE redshift_sim.sys_load_history (
    user_id integer,
    query_id bigint,
    transaction_id bigint,
    session_id integer,
    database_name text,
    "status" text,
    table_name text,
    start_time timestamp,
    "end_time" timestamp,
    duration bigint,
    data_source text,
    file_format text,
    loaded_rows bigint,
    loaded_bytes bigint,
    source_file_count integer,
    source_file_bytes bigint,
    file_count_scanned integer,
    file_bytes_scanned bigint,
    error_count bigint,
    copy_job_id bigint,
    table_id integer                     -- private: the target table (STV_LOCKS' last commit)
);

CREATE TABLE redshift_sim.stl_s3client (
    userid integer,
    "query" integer,
    slice integer,
    recordtime timestamp,
    pid integer,
    http_method character(64),
    bucket character(64),
    "key" character(256),
    transfer_size bigint,
    data_size bigint,
    start_time bigint,
    end_time bigint,
    transfer_time bigint,
    compression_time bigint,
    connect_time bigint,
    app_connect_time bigint,
    retries bigint,
    request_id character(32),
    extended_request_id character(128),
    ip_address character(64),
    is_partial integer,
    start_offset bigint
);

CREATE TABLE redshift_sim.stl_unload_log (
    userid integer,
    "query" integer,
    slice integer,
    pid integer,
    "path" character(1280),
    start_time timestamp,
    end_time timestamp,
    line_count bigint,
    transfer_size bigint,
    file_format character(10)
);

CREATE TABLE redshift_sim.stl_wlm_rule_action (
    userid integer,
    "query" integer,
    service_class integer,
    "rule" character(256),
    "action" character(256),
    recordtime timestamp,
    action_value character(256),
    service_class_name character(64)
);

CREATE TABLE redshift_sim.stv_wlm_qmr_config (
    service_class integer,
    rule_name character(256),
    "action" character(256),
    metric_name character(256),
    metric_operator character(256),
    metric_value double precision,
    action_value character(256)
);

CREATE TABLE redshift_sim.stv_wlm_classification_config (
    id integer,
    "condition" character(128),
    action_seq integer,
    "action" character(64),
    action_service_class integer
);

-- Who runs or waits for each in-flight query (STV_WLM_QUERY_STATE has no user column; the queue and
-- task state views show a regular user its own queries only).
CREATE TABLE redshift_sim.wlm_query_owner (
    "query" integer PRIMARY KEY,
    userid integer NOT NULL
);

-- Disk layout of a provisioned cluster: STV_PARTITIONS and STV_NODE_STORAGE_CAPACITY derive the rest
-- from STV_TBL_PERM's blocks, so VACUUM and live mode show there at once.
CREATE TABLE redshift_sim.disk (
    partitions_per_node integer NOT NULL,
    extra_used_pct numeric(6,3) NOT NULL
);

CREATE TABLE redshift_sim.sys_serverless_usage (
    start_time timestamp,
    end_time timestamp,
    compute_seconds double precision,
    compute_capacity double precision,
    data_storage integer,
    cross_region_transferred_data integer,
    charged_seconds integer
);

CREATE TABLE redshift_sim.svcs_concurrency_scaling_usage (
    start_time timestamp without time zone,
    end_time timestamp without time zone,
    queries bigint,
    usage_in_seconds numeric(27,0)
);

CREATE TABLE redshift_sim.sys_userlog (
    user_id integer,
    user_name character(50),
    original_user_name character(50),
    "action" character(10),
    has_create_db_privs integer,
    is_superuser integer,
    has_update_catalog_privs integer,
    password_expiration timestamp,
    session_id integer,
    transaction_id bigint,
    record_time timestamp
);

-- User-installed libraries (CREATE LIBRARY): the simulator has none.
CREATE TABLE redshift_sim.pg_library (
    "name" name,
    language_oid oid,
    file_store_id integer,
    "owner" integer
);

CREATE TABLE redshift_sim.external_schema (
    esoid oid,
    eskind smallint,
    schemaname name,
    esowner integer,
    databasename text,
    esoptions text,
    "database" text                      -- private: the Redshift database holding the schema
);

CREATE TABLE redshift_sim.external_table (
    redshift_database_name text,
    schemaname text,
    tablename text,
    tabletype text,
    "location" text,
    input_format text,
    output_format text,
    serialization_lib text,
    serde_parameters text,
    compressed integer,
    "parameters" text,
    esoid oid                            -- private: its schema
);

CREATE TABLE redshift_sim.external_column (
    redshift_database_name text,
    schemaname text,
    tablename text,
    columnname text,
    external_type text,
    columnnum integer,
    part_key integer,
    is_nullable text,
    esoid oid                            -- private: its schema
);
