package autopilot.maintenance;

import static autopilot.maintenance.WorkItemsFixture.item;
import static autopilot.maintenance.WorkItemsFixture.send;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import autopilot.events.AnalyzeSpec;
import autopilot.events.MaintenanceCompleted;
import autopilot.events.MaintenanceFailed;
import autopilot.events.MaintenanceSkipped;
import autopilot.events.MessageAttributes;
import autopilot.events.VacuumSpec;
import autopilot.events.VacuumSpec.Variant;
import autopilot.sim.SimCluster;
import autopilot.sim.maintenance.MaintenanceRun;
import autopilot.testsupport.Moto;
import autopilot.testsupport.MotoTestResource;
import autopilot.testsupport.PostgresTestResource;
import autopilot.testsupport.PrometheusText;
import autopilot.testsupport.QueueProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The service end to end: work items on the FIFO queue (moto), VACUUM/ANALYZE on simulated
 * clusters through the Redshift driver, outcome events read from a subscription of the
 * recommendations topic, the simulator's statement log as the record of what ran.
 */
@QuarkusTest
@QuarkusTestResource(MotoTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(SimClustersResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MaintenanceServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(40);

    private static <T> T payload(Outcomes.Received r, Class<T> type) {
        assertThat(r.event().payload()).isInstanceOf(type);
        return type.cast(r.event().payload());
    }

    private static Outcomes.Received outcome(String workItemId) {
        return Outcomes.await(Outcomes.of(workItemId), 1, WAIT).get(0);
    }

    private static List<MaintenanceRun> runsOn(SimCluster sim, String tableFragment) {
        return sim.maintenanceRuns().stream().filter(r -> r.statement().contains(tableFragment)).toList();
    }

    private static String value(SimCluster sim, String sql) throws Exception {
        try (Connection c = sim.underlyingConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    @Test
    @Order(1)
    void eachVariantAndAnalyzeRunOnTheClusterWithTheirEffectsVisible() {
        String sort = send("fast", item("public", "orders_history", new VacuumSpec(Variant.SORT_ONLY, 75, false),
                new AnalyzeSpec(AnalyzeSpec.Columns.PREDICATE_COLUMNS), 5, false));
        String recluster = send("fast", item("public", "inventory", new VacuumSpec(Variant.RECLUSTER, null, false), null, 5, false));
        String analyze = send("fast", item("public", "customers", null, new AnalyzeSpec(AnalyzeSpec.Columns.ALL_COLUMNS), 5, false));
        String noSortKey = send("fast", item("public", "staging_raw", new VacuumSpec(Variant.SORT_ONLY, 100, false), null, 5, false));
        String reindex = send("fast", item("archive", "clicks_archive", new VacuumSpec(Variant.REINDEX, null, false), null, 5, false));
        String automatic = send("fast", item("public", "audit_log", new VacuumSpec(Variant.SORT_ONLY, 90, false), null, 5, false));

        Outcomes.Received sorted = outcome(sort);
        MaintenanceCompleted done = payload(sorted, MaintenanceCompleted.class);
        assertThat(done.statements()).containsExactly("VACUUM SORT ONLY \"public\".\"orders_history\" TO 75 PERCENT",
                "ANALYZE \"public\".\"orders_history\" PREDICATE COLUMNS");
        assertThat(done.before().unsortedPct()).isEqualTo(70.0);
        assertThat(done.after().unsortedPct()).isZero();
        assertThat(sorted.attribute(MessageAttributes.EVENT_TYPE)).isEqualTo("MaintenanceCompleted");
        assertThat(sorted.attribute(MessageAttributes.CLUSTER)).isEqualTo("fast");
        assertThat(runsOn(SimClustersResource.fast, "orders_history")).extracting(MaintenanceRun::outcome).containsExactly("ok", "ok");

        MaintenanceCompleted reclustered = payload(outcome(recluster), MaintenanceCompleted.class);
        assertThat(reclustered.statements()).containsExactly("VACUUM RECLUSTER \"public\".\"inventory\"");
        assertThat(reclustered.after().unsortedPct()).isZero();

        MaintenanceCompleted analyzed = payload(outcome(analyze), MaintenanceCompleted.class);
        assertThat(analyzed.before().statsOffPct()).isEqualTo(40.0);
        assertThat(analyzed.after().statsOffPct()).isZero();

        MaintenanceSkipped never = payload(outcome(noSortKey), MaintenanceSkipped.class);
        assertThat(never.code()).isEqualTo(MaintenanceSkipped.Code.NO_LONGER_NEEDED);
        assertThat(never.reason()).contains("no sort key");
        assertThat(payload(outcome(reindex), MaintenanceSkipped.class).reason()).contains("REINDEX is for interleaved");
        assertThat(payload(outcome(automatic), MaintenanceSkipped.class).code()).isEqualTo(MaintenanceSkipped.Code.AUTOMATIC_MAINTENANCE_RAN);
        assertThat(runsOn(SimClustersResource.fast, "staging_raw")).isEmpty();
        assertThat(runsOn(SimClustersResource.fast, "audit_log")).isEmpty();
    }

    @Test
    @Order(2)
    void hostileNameIsHandledAsANameAndSkippedWhenNoSuchTableExists() throws Exception {
        String hostile = send("fast", item("public", "x\"; DROP TABLE customers; --", new VacuumSpec(Variant.FULL, 90, false), null, 5, false));
        MaintenanceSkipped skipped = payload(outcome(hostile), MaintenanceSkipped.class);
        assertThat(skipped.code()).isEqualTo(MaintenanceSkipped.Code.TABLE_NOT_FOUND);
        assertThat(value(SimClustersResource.fast, "select count(*) from public.customers")).isNotNull();
        assertThat(runsOn(SimClustersResource.fast, "DROP")).isEmpty();
    }

    @Test
    @Order(3)
    void tableDroppedBetweenRequestAndRunIsSkipped() throws Exception {
        var item = item("public", "lookup", null, new AnalyzeSpec(AnalyzeSpec.Columns.ALL_COLUMNS), 5, false);
        try (Connection c = SimClustersResource.slow.underlyingConnection(); Statement st = c.createStatement()) {
            st.execute("DELETE FROM redshift_sim.stv_tbl_perm WHERE id = 'public.lookup'::regclass::oid");
            st.execute("DELETE FROM redshift_sim.table_meta WHERE table_id = 'public.lookup'::regclass::oid");
            st.execute("DROP TABLE public.lookup");
        }
        MaintenanceSkipped skipped = payload(outcome(send("slow", item)), MaintenanceSkipped.class);
        assertThat(skipped.code()).isEqualTo(MaintenanceSkipped.Code.TABLE_NOT_FOUND);
        assertThat(skipped.reason()).contains("dropped or renamed");
    }

    @Test
    @Order(4)
    void denyListAndDryRunExecuteNothing() {
        int before = SimClustersResource.fast.maintenanceRuns().size();
        String denied = send("fast", item("public", "lookup", null, new AnalyzeSpec(AnalyzeSpec.Columns.ALL_COLUMNS), 5, false));
        String dry = send("dry", item("public", "customers", new VacuumSpec(Variant.SORT_ONLY, 99, false), null, 5, false));
        MaintenanceSkipped deny = payload(outcome(denied), MaintenanceSkipped.class);
        assertThat(deny.code()).isEqualTo(MaintenanceSkipped.Code.DENIED_BY_POLICY);
        assertThat(deny.reason()).contains("public[.]lookup");
        MaintenanceSkipped dryRun = payload(outcome(dry), MaintenanceSkipped.class);
        assertThat(dryRun.code()).isEqualTo(MaintenanceSkipped.Code.DRY_RUN).as(dryRun.reason());
        assertThat(dryRun.reason()).contains("VACUUM SORT ONLY \"public\".\"customers\" TO 99 PERCENT");
        assertThat(SimClustersResource.fast.maintenanceRuns()).hasSize(before);
    }

    @Test
    @Order(4)
    void maintenanceByAUserThatOwnsNothingIsReportedAsHavingNoEffect() throws Exception {
        String id = send("foreign", item("public", "inventory", new VacuumSpec(Variant.SORT_ONLY, 99, false),
                new AnalyzeSpec(AnalyzeSpec.Columns.ALL_COLUMNS), 5, false));
        MaintenanceSkipped skipped = payload(outcome(id), MaintenanceSkipped.class);
        assertThat(skipped.code()).isEqualTo(MaintenanceSkipped.Code.NO_EFFECT);
        assertThat(skipped.reason()).contains("VACUUM SORT ONLY \"public\".\"inventory\" TO 99 PERCENT: ran without error")
                .contains("ANALYZE \"public\".\"inventory\" ALL COLUMNS: ran without error").contains("neither owns the table nor is superuser");
        assertThat(runsOn(SimClustersResource.slow, "inventory")).as("both statements reached the cluster").hasSize(2);
        assertThat(value(SimClustersResource.slow, "select unsorted from svv_table_info where \"table\" = 'inventory'")).startsWith("45");
    }

    @Test
    @Order(4)
    void aUserThatSeesOnlyItsOwnRowsIsRefusedSayingWhatToGrant() {
        String id = send("blind", item("public", "customers", null, new AnalyzeSpec(AnalyzeSpec.Columns.ALL_COLUMNS), 5, false));
        MaintenanceFailed failed = payload(outcome(id), MaintenanceFailed.class);
        assertThat(failed.errorClass()).isEqualTo("VISIBILITY");
        assertThat(failed.willRetry()).isFalse();
        assertThat(failed.message()).contains("SYSLOG ACCESS UNRESTRICTED").contains("SVV_TRANSACTIONS");
        assertThat(runsOn(SimClustersResource.durable, "customers")).as("nothing ran").isEmpty();
        assertThat(given().get("/api/v1/maintenance").then().statusCode(200).extract().jsonPath()
                .getString("clusters.find { it.clusterId == 'blind' }.refusal")).contains("ALTER USER <user> SYSLOG ACCESS UNRESTRICTED");
        assertThat(metric("autopilot_maintenance_items_total", Map.of("cluster", "blind", "outcome", "failed", "code", "VISIBILITY")))
                .isEqualTo(1);
    }

    /** A figure of SVV_TABLE_INFO as a session in the given database sees it. */
    private static double tableInfo(SimCluster sim, String database, String column, String table) throws Exception {
        java.util.Properties login = new java.util.Properties();
        login.setProperty("user", "monitor");
        login.setProperty("password", "Monitor-pass1");
        try (Connection c = new com.amazon.redshift.Driver().connect(sim.jdbcUrl(database), login);
             java.sql.PreparedStatement ps = c.prepareStatement("select " + column + " from svv_table_info where \"schema\" = 'public' "
                     + "and \"table\" = ?")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("%s.public.%s in svv_table_info", database, table).isTrue();
                return rs.getDouble(1);
            }
        }
    }

    @Test
    @Order(4)
    void anItemOfAnotherDatabaseRunsInThatDatabase() throws Exception {
        SimCluster multi = SimClustersResource.multi;
        assertThat(tableInfo(multi, "analytics", "stats_off", "orders")).isEqualTo(25.0);
        assertThat(tableInfo(multi, "dev", "stats_off", "orders")).isEqualTo(2.0);
        String id = send("multi", item(new autopilot.events.TableRef("analytics", "public", "orders", null),
                new VacuumSpec(Variant.SORT_ONLY, 99, false), new AnalyzeSpec(AnalyzeSpec.Columns.ALL_COLUMNS), 5, false));
        MaintenanceCompleted done = payload(outcome(id), MaintenanceCompleted.class);
        assertThat(done.before().unsortedPct()).isEqualTo(18.0);
        assertThat(done.before().statsOffPct()).isEqualTo(25.0);
        assertThat(done.after().unsortedPct()).isZero();
        assertThat(done.after().statsOffPct()).isZero();
        // The effect is in analytics' orders; dev's table of the same name is untouched.
        assertThat(tableInfo(multi, "analytics", "stats_off", "orders")).isZero();
        assertThat(tableInfo(multi, "analytics", "unsorted", "orders")).isZero();
        assertThat(tableInfo(multi, "dev", "stats_off", "orders")).isEqualTo(2.0);
        assertThat(tableInfo(multi, "dev", "unsorted", "orders")).isEqualTo(1.0);
    }

    @Test
    @Order(5)
    void clusterThatRefusesConnectionsFailsIsRetriedThenGoesToTheDlqWithItsError() {
        var work = item("public", "orders_history", new VacuumSpec(Variant.SORT_ONLY, 90, false), null, 5, true);
        String id = send("down", work);
        List<Outcomes.Received> failures = Outcomes.await(Outcomes.of(id), 2, WAIT);
        assertThat(failures).extracting(r -> payload(r, MaintenanceFailed.class))
                .extracting(MaintenanceFailed::errorClass, MaintenanceFailed::attempt, MaintenanceFailed::willRetry)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("CONNECTION", 1, true),
                        org.assertj.core.groups.Tuple.tuple("CONNECTION", 2, false));
        Moto moto = WorkItemsFixture.moto();
        var dead = new QueueProbe(moto.clients().sqs(), moto.topology().maintenanceWorkDlqUrl())
                .awaitMessage(m -> m.body().contains(id), WAIT);
        assertThat(dead).hasValueSatisfying(m -> {
            assertThat(m.messageAttributes().get("errorClass").stringValue()).isEqualTo("CONNECTION");
            assertThat(m.messageAttributes().get("reason").stringValue()).startsWith("after 2 attempt(s)");
        });
    }

    @Test
    @Order(6)
    void statementTimeoutIsReportedAsFailedAndRetriedPerPolicy() throws Exception {
        String id = send("slowcap", item("archive", "clicks_archive", new VacuumSpec(Variant.SORT_ONLY, 99, false), null, 5, false));
        List<Outcomes.Received> failures = Outcomes.await(Outcomes.of(id), 2, Duration.ofSeconds(60));
        MaintenanceFailed first = payload(failures.get(0), MaintenanceFailed.class);
        assertThat(first.errorClass()).isEqualTo("STATEMENT_TIMEOUT");
        assertThat(first.sqlState()).isEqualTo("57014");
        assertThat(first.willRetry()).isTrue();
        assertThat(payload(failures.get(1), MaintenanceFailed.class).willRetry()).isFalse();
        assertThat(value(SimClustersResource.slow, "select unsorted from svv_table_info where \"table\" = 'clicks_archive'"))
                .startsWith("60");
    }

    @Test
    @Order(7)
    void vacuumLongerThanTheVisibilityTimeoutCompletesOnce() throws Exception {
        String id = send("slow", item("archive", "clicks_archive", new VacuumSpec(Variant.SORT_ONLY, 99, false), null, 5, false));
        MaintenanceCompleted done = payload(outcome(id), MaintenanceCompleted.class);
        assertThat(done.durationMillis()).as("longer than the 3 s visibility").isGreaterThan(3_000);
        List<MaintenanceRun> sorts = runsOn(SimClustersResource.slow, "clicks_archive").stream()
                .filter(r -> r.outcome().equals("ok")).toList();
        assertThat(sorts).hasSize(1);
        Thread.sleep(5_000); // more than a visibility period after the end: nothing comes back, nothing runs again
        assertThat(Outcomes.matching(Outcomes.of(id))).hasSize(1);
        assertThat(runsOn(SimClustersResource.slow, "clicks_archive").stream().filter(r -> r.outcome().equals("ok"))).hasSize(1);
    }

    @Test
    @Order(8)
    void outsideTheWindowNothingRunsAndAtItsOpeningTheBacklogDrainsInPriorityOrder() {
        Instant opening = SimClustersResource.NIGHT_OPENS_AT;
        ShiftedClock.shift(Duration.between(Instant.now(), opening.minusSeconds(8)));
        try {
            String low = send("night", item("public", "customers", null, new AnalyzeSpec(AnalyzeSpec.Columns.ALL_COLUMNS), 1, false));
            String high = send("night", item("public", "orders_history", new VacuumSpec(Variant.SORT_ONLY, 90, false), null, 9, false));
            String mid = send("night", item("public", "inventory", new VacuumSpec(Variant.FULL, 90, false), null, 5, false));
            await().atMost(Duration.ofSeconds(6)).until(() -> metric("autopilot_maintenance_deferred_total",
                    Map.of("cluster", "night", "reason", "WINDOW_CLOSED")) >= 1);
            assertThat(SimClustersResource.night.maintenanceRuns()).as("nothing runs while the window is closed").isEmpty();

            for (String id : List.of(low, high, mid)) {
                payload(Outcomes.await(Outcomes.of(id), 1, Duration.ofSeconds(45)).get(0), MaintenanceCompleted.class);
            }
            assertThat(SimClustersResource.night.maintenanceRuns()).extracting(MaintenanceRun::statement).containsExactly(
                    "VACUUM SORT ONLY \"public\".\"orders_history\" TO 90 PERCENT",
                    "VACUUM FULL \"public\".\"inventory\" TO 90 PERCENT",
                    "ANALYZE \"public\".\"customers\" ALL COLUMNS");
        } finally {
            ShiftedClock.shift(Duration.ZERO);
        }
    }

    @Test
    @Order(9)
    void apiAndMetricsShowWhatRan() {
        given().get("/api/v1/maintenance").then().statusCode(200)
                .body("clusters.find { it.clusterId == 'night' }.window.open", org.hamcrest.Matchers.is(false))
                .body("clusters.find { it.clusterId == 'fast' }.window.open", org.hamcrest.Matchers.is(true))
                .body("clusters.find { it.clusterId == 'fast' }.recent.outcome", org.hamcrest.Matchers.hasItem("completed"))
                .body("clusters.find { it.clusterId == 'dry' }.dryRun", org.hamcrest.Matchers.is(true));
        assertThat(metric("autopilot_maintenance_items_total", Map.of("cluster", "fast", "outcome", "completed", "code", "OK")))
                .isGreaterThanOrEqualTo(3);
        assertThat(metric("autopilot_maintenance_items_total", Map.of("cluster", "slowcap", "outcome", "failed", "code", "STATEMENT_TIMEOUT")))
                .isEqualTo(2);
        assertThat(metric("autopilot_maintenance_duration_seconds_count", Map.of("cluster", "slow"))).isGreaterThanOrEqualTo(1);
        assertThat(metric("autopilot_maintenance_wait_seconds_count", Map.of("cluster", "night"))).isEqualTo(3);
    }

    private static double metric(String name, Map<String, String> labels) {
        return PrometheusText.value(given().get("/q/metrics").then().statusCode(200).extract().asString(), name, labels);
    }
}
