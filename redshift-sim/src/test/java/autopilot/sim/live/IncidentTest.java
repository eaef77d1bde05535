package autopilot.sim.live;

import static org.assertj.core.api.Assertions.assertThat;

import autopilot.sim.Rows;
import autopilot.sim.SimCluster;
import autopilot.sim.model.Scenario;
import autopilot.sim.model.ScenarioLoader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code night-incident} timeline played moment by moment on an installed cluster (its own live
 * mode off, so only these moments move it), read through the Redshift driver: what has come due by
 * each moment has happened, at its own time, once.
 */
class IncidentTest {

    private static final Scenario NIGHT = ScenarioLoader.shipped("night-incident");
    private static SimCluster cluster;
    private static Connection monitor;
    private static Incident incident;
    private static Instant started;
    private static long runaway;
    private static long runawayXid;

    @BeforeAll
    static void start() throws Exception {
        cluster = SimCluster.start(NIGHT.withLive(null), 0);
        monitor = DriverManager.getConnection(cluster.jdbcUrl(), "monitor", "Monitor-pass1");
        started = Instant.now();
        incident = new Incident(NIGHT, started, NIGHT.live().tick());
        runaway = Rows.single(monitor, "select distinct query from stv_inflight where pid = 45010");
        runawayXid = Rows.single(monitor, "select distinct xid from stv_inflight where pid = 45010");
    }

    @AfterAll
    static void stop() throws Exception {
        monitor.close();
        cluster.close();
    }

    private static void playUntil(Duration elapsed) throws Exception {
        try (Connection db = cluster.underlyingConnection()) {
            db.setAutoCommit(false);
            incident.play(db, started.plus(elapsed));
            db.commit();
            incident.committed();
        }
    }

    private static long diskPerMille() throws Exception {
        return Rows.single(monitor, "select max(per_mille) from (select (sum(used - tossed) * 1000 / sum(capacity))::int as per_mille "
                + "from stv_partitions group by owner) p");
    }

    @Test
    void aWaiterWithoutAnEndEndsATickAfterItsLastBlocker() {
        Map<Integer, Duration> ends = Incident.transactionEnds(NIGHT.transactions(), Duration.ofSeconds(10));
        assertThat(ends).containsExactlyInAnyOrderEntriesOf(Map.of(45001, Duration.ofMinutes(6), 45010, Duration.ofMinutes(6),
                45002, Duration.ofSeconds(370), 45003, Duration.ofSeconds(370)));
        // A waiter whose blocker never ends waits on.
        List<Scenario.Transaction> stuck = List.of(new Scenario.Transaction("a", "t", "AccessExclusiveLock", Duration.ofMinutes(1), 1, true),
                new Scenario.Transaction("b", "t", "AccessShareLock", Duration.ofMinutes(1), 2, false));
        assertThat(Incident.transactionEnds(stuck, Duration.ofSeconds(10))).isEmpty();
    }

    @Test
    void theIncidentEndsSixMinutesInAndTheWaitersATickLater() throws Exception {
        // Five minutes in: still blocked, still running, the disk fuller, two more failed COPYs.
        playUntil(Duration.ofMinutes(5));
        playUntil(Duration.ofMinutes(5));
        assertThat(Rows.single(monitor, "select count(distinct pid) from svv_transactions")).isEqualTo(4);
        assertThat(Rows.single(monitor, "select count(distinct query) from stv_inflight")).isEqualTo(3);
        assertThat(diskPerMille()).isBetween(920L, 922L);
        assertThat(Rows.stripped(monitor, "select trim(status), error_count from sys_load_history order by start_time"))
                .as("played twice, run once").containsExactly(List.of("aborted", "2"), List.of("aborted", "2"), List.of("aborted", "2"));

        // Six minutes in: the truncate's transaction commits and its waiters get their lock; the runaway is canceled.
        playUntil(Duration.ofMinutes(6));
        assertThat(Rows.stripped(monitor, "select pid, case when granted then 't' else 'f' end from svv_transactions "
                + "where lockable_object_type = 'relation' order by pid")).containsExactly(List.of("45002", "t"), List.of("45003", "t"));
        assertThat(Rows.stripped(monitor, "select lock_owner_pid, trim(lock_status) from stv_locks order by 1"))
                .containsExactly(List.of("45002", "Holding read lock"), List.of("45003", "Holding read lock"));
        assertThat(Rows.single(monitor, "select count(*) from stv_inflight where pid = 45010")).isZero();
        assertThat(Rows.single(monitor, "select count(*) from stv_wlm_query_state where query = " + runaway)).isZero();
        // Ran 2 h 40 min before the install and 6 min after it: 166 minutes, compared in seconds (datediff(minute) counts
        // minute boundaries crossed, 166 or 167 depending on the install's seconds).
        assertThat(Rows.stripped(monitor, "select trim(status), session_id, transaction_id, "
                + "datediff(second, end_time, '" + java.sql.Timestamp.valueOf(java.time.LocalDateTime.ofInstant(started.plus(Duration.ofMinutes(6)),
                java.time.ZoneOffset.UTC)) + "') from sys_query_history where query_id = " + runaway))
                .containsExactly(List.of("canceled", "45010", Long.toString(runawayXid), "0"));
        assertThat(Rows.single(monitor, "select datediff(second, start_time, end_time) from sys_query_history where query_id = " + runaway))
                .isBetween(166 * 60L - 5, 166 * 60L + 60);
        assertThat(Rows.stripped(monitor, "select pid, xid, aborted from stl_query where query = " + runaway))
                .containsExactly(List.of("45010", Long.toString(runawayXid), "1"));
        assertThat(Rows.stripped(monitor, "select service_class, trim(final_state) from stl_wlm_query where query = " + runaway))
                .containsExactly(List.of("7", "Completed"));
        assertThat(Rows.single(monitor, "select count(*) from stv_recents where trim(status) = 'Done' and pid = -1")).isEqualTo(1);
        assertThat(diskPerMille()).as("92.5 % less the 20 % freed").isBetween(724L, 726L);
        assertThat(Rows.stripped(monitor, "select trim(status), error_count, loaded_rows from sys_load_history order by start_time desc limit 1"))
                .as("from failUntil on the COPY loads cleanly").containsExactly(List.of("completed", "0", "20000"));

        // A tick later the waiters' selects finish and their transactions end: no lock is left.
        playUntil(Duration.ofSeconds(370));
        assertThat(Rows.single(monitor, "select count(*) from svv_transactions")).isZero();
        assertThat(Rows.single(monitor, "select count(*) from stv_inflight")).isZero();
        assertThat(Rows.stripped(monitor, "select session_id, trim(status) from sys_query_history where session_id in (45002, 45003) "
                + "and query_type = 'SELECT' order by 1")).containsExactly(List.of("45002", "success"), List.of("45003", "success"));
        assertThat(diskPerMille()).as("no more growth after until").isBetween(724L, 726L);
        assertThat(Rows.single(monitor, "select count(*) from stl_load_errors")).as("only the failed runs' lines").isEqualTo(6);
    }
}
