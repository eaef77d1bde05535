package autopilot.collector.source;

import static autopilot.collector.source.CollectedRows.connect;
import static org.assertj.core.api.Assertions.assertThat;

import autopilot.events.ClusterKind;
import autopilot.sim.SimCluster;
import java.math.BigInteger;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sources that show what pages people (issue 19), read as the monitoring user through the
 * Redshift driver: locks and who waits, the statement a blocking transaction ran last, running
 * queries with their session, user, queue and whole text, disk per node, rule actions and rules,
 * leader-node commits, conflicts, loads and their rejected lines; and on Serverless the ones it has.
 */
class OnCallSourcesTest {

    private static final QueryGroupLabel LABEL = new QueryGroupLabel("autopilot-collector");
    private static SimCluster provisioned;
    private static SimCluster serverless;

    @BeforeAll
    static void start() {
        provisioned = CollectedRows.scenario("on-call");
        serverless = CollectedRows.scenario("on-call-serverless");
    }

    @AfterAll
    static void stop() {
        provisioned.close();
        serverless.close();
    }


    /** Each row as column -> value. */
    private static List<Map<String, Object>> rows(CollectedRows read) {
        return read.rows.stream().map(r -> IntStream.range(0, read.columns.size()).boxed()
                .collect(Collectors.toMap(read.columns::get, i -> r.get(i) == null ? "" : r.get(i)))).toList();
    }

    private static long number(Object value) {
        return value instanceof BigInteger b ? b.longValue() : ((Number) value).longValue();
    }

    @Test
    void locksShowTheHolderAndTheSessionWaitingForIt() throws Exception {
        for (SimCluster cluster : List.of(provisioned, serverless)) {
            ClusterKind kind = cluster == provisioned ? ClusterKind.PROVISIONED : ClusterKind.SERVERLESS;
            try (Connection c = connect(cluster)) {
                CollectedRows locks = CollectedRows.read(c, kind, "locks", LABEL);
                assertThat(locks.columns).containsExactly("pid", "xid", "username", "database", "txn_start", "lock_mode",
                        "object_type", "table_id", "granted");
                List<Map<String, Object>> relation = rows(locks).stream().filter(r -> "relation".equals(r.get("object_type"))).toList();
                assertThat(relation).extracting(r -> number(r.get("pid")) + " " + r.get("username") + " " + r.get("lock_mode") + " " + r.get("granted"))
                        .containsExactlyInAnyOrder("40001 etl AccessExclusiveLock true", "40000 analyst AccessShareLock false");
                assertThat(relation).extracting(r -> r.get("table_id")).doesNotContain("").hasSize(2).allMatch(id -> id.equals(relation.get(0).get("table_id")));
                Instant start = Instant.parse((String) relation.stream().filter(r -> number(r.get("pid")) == 40001).findFirst().orElseThrow()
                        .get("txn_start"));
                assertThat(Duration.between(start, Instant.now())).isBetween(Duration.ofMinutes(19), Duration.ofMinutes(22));
            }
        }
    }

    @Test
    void runningQueriesCarryTheirSessionUserQueueAndWholeText() throws Exception {
        try (Connection c = connect(provisioned)) {
            CollectedRows inflight = CollectedRows.read(c, ClusterKind.PROVISIONED, "inflight", LABEL);
            assertThat(inflight.columns).containsExactly("query", "userid", "username", "pid", "xid", "label", "starttime", "slices",
                    "service_class", "text", "querytxt");
            List<Map<String, Object>> running = rows(inflight);
            assertThat(running).hasSize(1); // the collector's own is left out
            Map<String, Object> q = running.get(0);
            assertThat(q.get("username")).isEqualTo("analyst");
            assertThat(number(q.get("service_class"))).isEqualTo(7);
            assertThat(number(q.get("slices"))).isEqualTo(4);
            assertThat(number(q.get("pid"))).isPositive();
            assertThat(q.get("querytxt")).isEqualTo("select o.* from orders o, events e where o.order_id > 0");
            assertThat(Duration.between(Instant.parse((String) q.get("starttime")), Instant.now())).isGreaterThan(Duration.ofMinutes(175));
        }
        try (Connection c = connect(serverless)) {
            List<Map<String, Object>> running = rows(CollectedRows.read(c, ClusterKind.SERVERLESS, "inflight", LABEL));
            assertThat(running).extracting(r -> r.get("querytxt")).containsExactly("select e1.kind from events e1, events e2");
            assertThat(number(running.get(0).get("pid"))).isPositive();
        }
    }

    @Test
    void diskIsOneRowPerNodeInMegabytes() throws Exception {
        try (Connection c = connect(provisioned)) {
            List<Map<String, Object>> nodes = rows(CollectedRows.read(c, ClusterKind.PROVISIONED, "disk", LABEL));
            assertThat(nodes).hasSize(2);
            for (Map<String, Object> node : nodes) {
                double pct = 100.0 * (number(node.get("used_mb")) - number(node.get("tossed_mb"))) / number(node.get("capacity_mb"));
                assertThat(pct).isBetween(85.0, 90.0);
                assertThat(number(node.get("partitions"))).isEqualTo(2);
            }
        }
    }

    @Test
    void ruleActionsRulesCommitsAndConflictsOfTheWindow() throws Exception {
        try (Connection c = connect(provisioned)) {
            List<Map<String, Object>> actions = rows(CollectedRows.read(c, ClusterKind.PROVISIONED, "qmr_actions", LABEL));
            // The long query met both rules: abort wins and the log rule's action reads none (STL_WLM_RULE_ACTION page).
            assertThat(actions).extracting(r -> r.get("rule") + " " + r.get("action")).containsExactlyInAnyOrder("kill_long abort", "long_log none");
            assertThat(rows(CollectedRows.read(c, ClusterKind.PROVISIONED, "qmr_config", LABEL)))
                    .extracting(r -> r.get("rule") + " " + r.get("metric") + " " + r.get("operator"))
                    .containsExactlyInAnyOrder("kill_long query_execution_time >", "long_log query_execution_time >");

            List<Map<String, Object>> commits = rows(CollectedRows.read(c, ClusterKind.PROVISIONED, "commits", LABEL));
            assertThat(commits).isNotEmpty();
            assertThat(commits).allSatisfy(r -> assertThat(Instant.parse((String) r.get("startqueue"))).isAfter(Instant.now().minus(Duration.ofDays(8))));
            assertThat(commits).anySatisfy(r -> assertThat(Duration.between(Instant.parse((String) r.get("startqueue")),
                    Instant.parse((String) r.get("startwork")))).isEqualTo(Duration.ofSeconds(30)));

            assertThat(rows(CollectedRows.read(c, ClusterKind.PROVISIONED, "conflicts", LABEL))).hasSize(1);
        }
    }

    @Test
    void loadsAndTheirRejectedLinesSinceTheLookback() throws Exception {
        for (SimCluster cluster : List.of(provisioned, serverless)) {
            ClusterKind kind = cluster == provisioned ? ClusterKind.PROVISIONED : ClusterKind.SERVERLESS;
            try (Connection c = connect(cluster)) {
                List<Map<String, Object>> loads = rows(CollectedRows.read(c, kind, "loads", LABEL));
                assertThat(loads).extracting(r -> r.get("table_name") + " " + r.get("status"))
                        .containsExactly("events completed");
                CollectedRows errors = CollectedRows.read(c, kind, "load_errors", LABEL);
                assertThat(errors.columns).containsExactly("query", "table_id", "starttime", "filename", "line_number", "column", "err_code",
                        "reason", "position");
                assertThat(rows(errors)).extracting(r -> number(r.get("err_code"))).contains(1206L);
                assertThat(rows(errors)).extracting(r -> number(r.get("query"))).containsOnly(number(loads.get(0).get("query")));
            }
        }
    }

    @Test
    void onTheShippedNightIncidentTheBlockersLastStatementAndTheRunawayAreRead() throws Exception {
        try (SimCluster night = SimCluster.start(autopilot.sim.model.ScenarioLoader.shipped("night-incident"), 0);
             Connection c = connect(night)) {
            List<Map<String, Object>> locks = rows(CollectedRows.read(c, ClusterKind.PROVISIONED, "locks", LABEL));
            Object blockerXid = locks.stream().filter(r -> number(r.get("pid")) == 45001).findFirst().orElseThrow().get("xid");
            assertThat(locks).filteredOn(r -> Boolean.FALSE.equals(r.get("granted"))).extracting(r -> number(r.get("pid")))
                    .containsExactlyInAnyOrder(45002L, 45003L);

            CollectedRows statements = CollectedRows.read(c, ClusterKind.PROVISIONED, "lock_statements", LABEL);
            assertThat(statements.columns).containsExactly("xid", "pid", "query", "status", "starttime", "endtime", "text");
            Map<String, Object> last = rows(statements).stream().filter(r -> number(r.get("xid")) == number(blockerXid)).findFirst()
                    .orElseThrow();
            assertThat(last.get("text")).isEqualTo("truncate sales");
            assertThat(number(last.get("pid"))).isEqualTo(45001);

            List<Map<String, Object>> running = rows(CollectedRows.read(c, ClusterKind.PROVISIONED, "inflight", LABEL));
            Map<String, Object> runaway = running.stream().filter(r -> number(r.get("pid")) == 45010).findFirst().orElseThrow();
            assertThat(runaway.get("username")).isEqualTo("analyst");
            assertThat(number(runaway.get("service_class"))).isEqualTo(7);
            assertThat((String) runaway.get("querytxt")).startsWith("select page, count(*), avg(seconds) from web_sessions");
            assertThat(Duration.between(Instant.parse((String) runaway.get("starttime")), Instant.now())).isGreaterThan(Duration.ofMinutes(159));
        }
    }
}
