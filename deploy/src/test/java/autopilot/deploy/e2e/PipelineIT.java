package autopilot.deploy.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import autopilot.events.EventCodec;
import autopilot.events.EventEnvelope;
import autopilot.events.EventPayload;
import autopilot.events.MaintenanceCompleted;
import autopilot.events.MaintenanceFailed;
import autopilot.events.MaintenanceSkipped;
import autopilot.events.TableRef;
import autopilot.sim.SimCluster;
import autopilot.sim.maintenance.MaintenanceRun;
import autopilot.testsupport.ServiceProcess;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole system, end to end, as deployed: the four packaged services as separate processes,
 * moto for SQS/SNS/CloudWatch, PostgreSQL for their state, and two redshift-sim clusters on the
 * maintenance-backlog scenario, one per test. Collection -> findings -> maintenance executed on the
 * simulator -> the next collection shows the improvement -> the finding is resolved -> alerting
 * sends the resolve page, read from a queue subscribed to the pages topic as an on-call subscriber
 * would; and the same with the maintenance service killed in the middle of a VACUUM.
 */
class PipelineIT {

    static final String CLUSTER = "local";
    /** The cluster of the crash test; its VACUUMs are slow enough to kill the service during one. */
    static final String CRASHING = "crashing";
    /** MB/s: the sort of orders_history (about 1 GB of unsorted blocks) takes about 12 s. */
    static final double SLOW_VACUUM = 90;
    static final String SORTED_TABLE = "orders_history";
    static final String SORT = "VACUUM SORT ONLY \"public\".\"" + SORTED_TABLE + "\"";

    static Pipeline system;

    @BeforeAll
    static void startSystem() throws Exception {
        system = Pipeline.start("pipeline", Map.of(CLUSTER, 2_000.0, CRASHING, SLOW_VACUUM), Map.of(
                // orders_history (about 1.5 GB, 70 % unsorted, heavily scanned) pages on-call, so the
                // crash is followed up to the resolve page; with the default (10 GB) it is a warning.
                "analyzer-service", List.of("-Dautopilot.analyzer.thresholds.page-min-size-mb=1024"),
                // Items a dead instance held come back within seconds, not the default two minutes.
                "maintenance-service", List.of("-Dautopilot.maintenance.poller.visibility-timeout=PT3S",
                        "-Dautopilot.maintenance.poller.heartbeat=PT1S")));
    }

    @AfterAll
    static void stopSystem() throws Exception {
        if (system != null) system.close();
    }

    @Test
    void collectionFindingsMaintenanceResolutionAndTheResolvePage() throws Exception {
        String lookup = CLUSTER + "/missing_statistics/table:dev.public.lookup";

        assertThat(system.collect(CLUSTER)).isTrue();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(() -> system.finding(lookup).contains("\"status\":\"OPEN\"") && system.finding(lookup).contains("CRITICAL"));
        // Critical: on-call is paged once (one page, or one digest naming it).
        await().atMost(Duration.ofSeconds(60)).until(() -> system.pages(CLUSTER).stream().anyMatch(m -> m.body().contains("lookup")));

        // The work item reaches maintenance, which analyzes the table on the simulated cluster.
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() -> analyzesOfLookup() > 0);
        long analyzes = analyzesOfLookup();

        // The next collection shows fresh statistics: the finding resolves and the resolve page goes out.
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(5)).until(() -> {
            system.collect(CLUSTER);
            return system.finding(lookup).contains("\"status\":\"RESOLVED\"");
        });
        await().atMost(Duration.ofSeconds(60)).until(() -> system.paged(CLUSTER, "RESOLVED", "lookup"));
        assertThat(system.pages(CLUSTER).stream().filter(m -> "RESOLVED".equals(Pipeline.pageKind(m)) && m.body().contains("lookup")))
                .hasSize(1);
        assertThat(analyzesOfLookup()).as("the ANALYZE ran once").isEqualTo(analyzes).isEqualTo(1);
    }

    /**
     * The maintenance service is killed (SIGKILL, as a crashed task) during a VACUUM: the cluster
     * ends the dead client's session and its VACUUM with it; the restarted service gets the item
     * back after the visibility timeout, re-checks the table and runs the VACUUM once; its outcome
     * reaches the topic once, the next collection shows the table sorted, the finding resolves and
     * on-call gets the resolve page. Nothing is lost: every item the dead instance held gets its
     * outcome, and no dead-letter queue holds anything.
     */
    @Test
    void maintenanceKilledMidVacuumRunsItOnceAfterRestartAndLosesNothing() throws Exception {
        Instant began = Instant.now();
        SimCluster sim = system.sim(CRASHING);
        String unsorted = CRASHING + "/unsorted_region/table:dev.public." + SORTED_TABLE;
        ServiceProcess maintenance = system.service("maintenance-service");

        assertThat(system.collect(CRASHING)).isTrue();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(() -> system.finding(unsorted).contains("\"status\":\"OPEN\""));
        assertThat(system.finding(unsorted)).contains("CRITICAL");

        // The work item reaches maintenance; the service is killed while the VACUUM runs on the cluster.
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100)).until(() -> sortsReceived(sim) == 1);
        Thread.sleep(1_000);
        assertThat(sorts(sim)).as("the VACUUM is still running when the service is killed").isEmpty();
        maintenance.kill();

        // The cluster ends the dead client's session, and its VACUUM with it.
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> !sorts(sim).isEmpty());
        assertThat(sorts(sim)).singleElement().extracting(MaintenanceRun::outcome).asString().startsWith("error 57P01");

        // A fresh process, same configuration and state store: the item comes back, is checked again and runs.
        maintenance.start().awaitReady(Duration.ofSeconds(120));
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() -> !outcomes(SORTED_TABLE).isEmpty());

        // The next collection sees the table sorted: the finding resolves and the resolve page goes out.
        assertThat(system.collect(CRASHING)).isTrue();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> system.finding(unsorted).contains("\"status\":\"RESOLVED\""));
        await().atMost(Duration.ofSeconds(60)).until(() -> system.paged(CRASHING, "RESOLVED", SORTED_TABLE));
        // Every item the dead instance held, or that waited behind it, gets its outcome.
        List<String> done = List.of(SORTED_TABLE, "inventory", "lookup", "customers");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> done.stream().noneMatch(t -> outcomes(t).isEmpty()));

        // One completed VACUUM on the cluster: the killed one aborted, the re-run complete, never two at once.
        assertThat(sorts(sim)).extracting(MaintenanceRun::outcome).hasSize(2).last().isEqualTo("ok");
        assertThat(sortsReceived(sim)).isEqualTo(2);
        assertNoOverlappingVacuums(sim.maintenanceRuns());
        assertThat(sortHistory(sim, began)).as("SYS_VACUUM_HISTORY").containsExactly("Failed", "Complete");
        assertThat(sortLog(sim, began)).as("STL_VACUUM").containsExactly("Started Sort Only", "Started Sort Only", "Finished");

        // One outcome on the topic, completed, starting from the table as the killed run left it.
        assertThat(outcomes(SORTED_TABLE)).singleElement().isInstanceOfSatisfying(MaintenanceCompleted.class, c -> {
            assertThat(c.statements()).anySatisfy(s -> assertThat(s).startsWith(SORT));
            assertThat(c.before().unsortedPct()).as("the killed run changed nothing").isEqualTo(70.0);
            assertThat(c.after().unsortedPct()).isZero();
        });
        for (String table : done) {
            assertThat(outcomes(table)).as("outcomes of %s", table).singleElement().isInstanceOf(MaintenanceCompleted.class);
        }
        // The state store: the dead attempt abandoned, the next one completed; events waits out its open transaction.
        assertThat(attempts(SORTED_TABLE)).containsExactly("completed", "abandoned");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() -> !attempts("events").isEmpty());
        assertThat(attempts("events")).allMatch("postponed"::equals);
        assertThat(outcomes("events")).isEmpty();

        // On-call was paged about the table, and told once that it is resolved.
        assertThat(system.pages(CRASHING)).anyMatch(m -> !"RESOLVED".equals(Pipeline.pageKind(m)) && m.body().contains(SORTED_TABLE));
        assertThat(system.pages(CRASHING).stream().filter(m -> "RESOLVED".equals(Pipeline.pageKind(m))
                && m.body().contains(SORTED_TABLE))).hasSize(1);
        assertThat(system.deadLetters()).as("messages in dead-letter queues").allSatisfy((queue, depth) -> assertThat(depth).isZero());
    }

    private static long analyzesOfLookup() {
        return system.sim(CLUSTER).receivedStatements().stream().filter(s -> s.sql().toUpperCase().startsWith("ANALYZE")
                && s.sql().contains("lookup")).count();
    }

    /** VACUUMs of the sorted table the simulator received. */
    private static long sortsReceived(SimCluster sim) {
        return sim.receivedStatements().stream().filter(s -> s.sql().startsWith(SORT)).count();
    }

    /** VACUUMs of the sorted table the simulator answered (finished or aborted), oldest first. */
    private static List<MaintenanceRun> sorts(SimCluster sim) {
        return sim.maintenanceRuns().stream().filter(r -> r.statement().startsWith(SORT)).toList();
    }

    private static void assertNoOverlappingVacuums(List<MaintenanceRun> runs) {
        List<MaintenanceRun> vacuums = runs.stream().filter(r -> r.statement().startsWith("VACUUM")).toList();
        for (MaintenanceRun x : vacuums) {
            for (MaintenanceRun y : vacuums) {
                assertThat(x != y && x.overlaps(y)).as("%s overlaps %s", x, y).isFalse();
            }
        }
    }

    /** Maintenance outcomes published for a table of the crashing cluster, oldest first. */
    private static List<EventPayload> outcomes(String table) {
        List<EventPayload> found = new ArrayList<>();
        for (EventEnvelope<? extends EventPayload> e : system.recommendations(CRASHING)) {
            tableOf(e.payload()).filter(t -> t.table().equals(table)).ifPresent(t -> found.add(e.payload()));
        }
        return found;
    }

    private static Optional<TableRef> tableOf(EventPayload p) {
        if (p instanceof MaintenanceCompleted c) return Optional.of(c.table());
        if (p instanceof MaintenanceSkipped s) return Optional.of(s.table());
        if (p instanceof MaintenanceFailed f) return Optional.of(f.table());
        return Optional.empty();
    }

    /** States of the table's attempts on the crashing cluster, newest first, as the maintenance API shows them. */
    private static List<String> attempts(String table) throws Exception {
        JsonNode view = new EventCodec().mapper().readTree(system.service("maintenance-service").get("/api/v1/maintenance").body());
        List<String> states = new ArrayList<>();
        for (JsonNode cluster : view.path("clusters")) {
            if (!CRASHING.equals(cluster.path("clusterId").asText())) continue;
            for (JsonNode run : cluster.path("recent")) {
                if (run.path("table").asText().endsWith("." + table)) states.add(run.path("outcome").asText());
            }
        }
        return states;
    }

    /** Statuses in SYS_VACUUM_HISTORY of the sorted table's manual VACUUMs since {@code since}, oldest first. */
    private static List<String> sortHistory(SimCluster sim, Instant since) throws Exception {
        return sortStatuses(sim, since, "select trim(status) from redshift_sim.sys_vacuum_history where table_name = ? "
                + "and not is_automatic and start_time >= ? order by start_time");
    }

    /** Statuses in STL_VACUUM of the sorted table since {@code since}, oldest first. */
    private static List<String> sortLog(SimCluster sim, Instant since) throws Exception {
        return sortStatuses(sim, since, "select trim(v.status) from redshift_sim.stl_vacuum v join redshift_sim.table_meta m "
                + "on m.table_id = v.table_id where m.table_name = ? and v.eventtime >= ? order by v.eventtime");
    }

    private static List<String> sortStatuses(SimCluster sim, Instant since, String query) throws Exception {
        List<String> statuses = new ArrayList<>();
        try (Connection c = sim.underlyingConnection(); PreparedStatement ps = c.prepareStatement(query)) {
            ps.setString(1, SORTED_TABLE);
            ps.setTimestamp(2, Timestamp.valueOf(LocalDateTime.ofInstant(since, ZoneOffset.UTC)));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) statuses.add(rs.getString(1));
            }
        }
        return statuses;
    }
}
