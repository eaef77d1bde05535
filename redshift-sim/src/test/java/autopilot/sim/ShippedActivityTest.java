package autopilot.sim;

import static autopilot.sim.ActivityTest.connect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import autopilot.sim.model.ScenarioLoader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every activity relation has rows in a shipped scenario (PG_LIBRARY exists and is empty: the
 * simulator has no libraries), Serverless usage follows from its workload, and a scenario whose
 * activity does not fit the rest of it is refused with every problem's path.
 */
class ShippedActivityTest {

    private static final Map<String, List<String>> WHERE_ROWS_ARE = Map.of(
            "star-schema", List.of("stv_sessions", "stl_connection_log", "sys_connection_log", "stl_tr_conflict", "stv_active_cursors",
                    "stl_commit_stats", "stl_load_errors", "stl_load_commits", "sys_load_history", "sys_load_error_detail", "stl_s3client",
                    "stl_unload_log", "stl_wlm_rule_action", "stv_wlm_qmr_config", "stv_wlm_classification_config",
                    "stv_wlm_service_class_state", "svl_query_queue_info", "stv_partitions", "stv_node_storage_capacity",
                    "svcs_concurrency_scaling_usage", "sys_userlog", "pg_external_schema", "svv_external_schemas", "svv_external_tables",
                    "svv_external_columns"),
            "maintenance-backlog", List.of("stv_locks", "svv_vacuum_progress", "svv_vacuum_summary"),
            "saturated-wlm", List.of("stv_wlm_query_queue_state", "stv_wlm_query_task_state"),
            "serverless", List.of("sys_connection_log", "sys_load_history", "sys_load_error_detail", "sys_serverless_usage", "sys_userlog"));

    @Test
    void everyActivityRelationHasRowsInAShippedScenario() throws Exception {
        for (Map.Entry<String, List<String>> scenario : WHERE_ROWS_ARE.entrySet()) {
            try (SimCluster cluster = SimCluster.start(ScenarioLoader.shipped(scenario.getKey()), 0);
                 Connection admin = connect(cluster, "admin")) {
                for (String relation : scenario.getValue()) {
                    assertThat(Rows.single(admin, "select count(*) from " + relation)).as(scenario.getKey() + ": " + relation).isPositive();
                }
                assertThat(Rows.single(admin, "select count(*) from pg_library")).isZero();
                if (scenario.getKey().equals("star-schema")) {
                    starSchemaTellsItsStory(admin);
                }
                if (scenario.getKey().equals("serverless")) {
                    serverlessBillsItsBusyMinutes(admin);
                }
            }
        }
    }

    /** The slow reports the rule logs are the dashboard's, and the failed COPY is the only aborted load. */
    private static void starSchemaTellsItsStory(Connection admin) throws SQLException {
        assertThat(Rows.stripped(admin, "select distinct trim(a.rule), trim(a.action) from stl_wlm_rule_action a"))
                .containsExactly(List.of("long_running_report", "log"));
        assertThat(Rows.single(admin, "select count(*) from stl_wlm_rule_action a join stl_wlm_query w on w.query = a.query "
                + "where w.total_exec_time <= 45000000")).isZero();
        assertThat(Rows.stripped(admin, "select table_name, status, error_count from sys_load_history order by start_time"))
                .containsExactly(List.of("sales", "completed", "2"), List.of("clickstream", "aborted", "1"));
        assertThat(Rows.single(admin, "select queries from svcs_concurrency_scaling_usage")).isEqualTo(12)
                .isEqualTo(Rows.single(admin, "select count(*) from stl_query where concurrency_scaling_status = 1"));
    }

    /**
     * A row per busy minute: the base capacity (32 RPUs) times the seconds some query ran in it,
     * never more than the whole minute; the COPYs are part of the workload that is billed.
     */
    private static void serverlessBillsItsBusyMinutes(Connection admin) throws SQLException {
        assertThat(Rows.stripped(admin, "select min(compute_capacity), max(compute_capacity) from sys_serverless_usage"))
                .containsExactly(List.of("32.0", "32.0"));
        assertThat(Rows.single(admin, "select count(*) from sys_serverless_usage where compute_seconds > 32 * 60 or compute_seconds <= 0 "
                + "or charged_seconds < compute_seconds or end_time <> start_time + interval '1 minute'")).isZero();
        assertThat(Rows.single(admin, "select count(*) from sys_query_history where query_type = 'COPY'")).isEqualTo(2);
        assertThat(Rows.single(admin, "select count(*) from sys_serverless_usage u join sys_query_history h on h.query_type = 'COPY' "
                + "and date_trunc('minute', h.start_time) = u.start_time")).isEqualTo(2);
        assertThat(Rows.single(admin, "select min(data_storage) from sys_serverless_usage")).isPositive();
        // The scenario keeps the default refusal of STL on Serverless: permission denied.
        assertThatThrownBy(() -> Rows.stripped(admin, "select * from stl_load_errors"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
    }

    @Test
    void activityThatDoesNotFitTheScenarioIsRefusedWithItsPaths() {
        String yaml = """
                cluster: {nodeType: ra3.xlplus, nodes: 2, slicesPerNode: 2}
                users: [{name: admin, password: x, superuser: true}, {name: bob, password: y}]
                tables:
                  - {name: t, columns: [{name: a, type: INTEGER}]}
                activity:
                  sessions:
                    - {user: bob, ago: PT1H, ended: PT2H}
                    - {user: ghost, ago: PT1H}
                  cursors:
                    - {user: admin, name: c1, ago: PT1M, rows: 10, fetchedRows: 20}
                  loads:
                    - {table: x, user: bob, ago: PT1H, source: "s3://b/p/", rows: 1}
                    - {table: t, user: bob, ago: PT1H, source: "http://b/p", files: 2, rows: 5,
                       errors: [{file: 2, line: 3, column: b, code: 1207, reason: bad}]}
                  qmrRules:
                    - {serviceClass: 6, name: r, action: stop, predicates: [{metric: cpu_time, operator: ">", value: 1}]}
                  usage: {baseRpu: 100}
                """;
        assertThatThrownBy(() -> ScenarioLoader.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "inline"))
                .hasMessageContaining("activity.sessions[0].ended: a session ends after it started")
                .hasMessageContaining("activity.sessions[1].user: 'ghost' is not a scenario user")
                .hasMessageContaining("activity.cursors[0]: user 'admin' has no open session")
                .hasMessageContaining("activity.cursors[0]: expected 0 <= fetchedRows <= rows, found 20 of 10")
                .hasMessageContaining("activity.loads[0].table: 'x' is not a scenario table")
                .hasMessageContaining("activity.loads[1].source: an S3 prefix (s3://bucket/prefix/) is needed, found http://b/p")
                .hasMessageContaining("activity.loads[1].errors[0].file: the load has 2 file(s), found 2")
                .hasMessageContaining("activity.loads[1].errors[0].column: 'b' is not a column of public.t")
                .hasMessageContaining("activity.qmrRules[0].action: expected log, hop, abort or change_query_priority, found stop")
                .hasMessageContaining("activity.qmrRules[0].predicates[0].metric: expected one of")
                .hasMessageContaining("activity.usage.baseRpu: 8 to 1024 in steps of 8, found 100");
    }
}
