package autopilot.sim.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The moments of a scenario's timeline (what live mode ends, grows, frees or runs again): checked
 * with their paths when loaded, scaled together by {@link Scenario#withTimeScale}, and the disk's
 * extra share at any moment.
 */
class TimelineFormatTest {

    private static final String CLUSTER = """
            cluster: {nodeType: ra3.xlplus, nodes: 2, slicesPerNode: 2}
            users: [{name: admin, password: x, superuser: true}, {name: bob, password: y}]
            tables:
              - {name: t, columns: [{name: a, type: INTEGER}]}
            """;

    private static Scenario read(String yaml) throws Exception {
        return ScenarioLoader.read(new ByteArrayInputStream((CLUSTER + yaml).getBytes(StandardCharsets.UTF_8)), "inline");
    }

    @Test
    void aTimelineWithoutLiveModeIsRefusedWithItsPaths() {
        String yaml = """
                inflight:
                  - {text: "select 1", user: bob, pid: 50, endsAfter: PT5M}
                  - {text: "select 2", user: bob, pid: 50, state: Waiting, endStatus: failed}
                transactions:
                  - {user: bob, table: t, lockMode: ExclusiveLock, ago: PT5M, pid: 60, endsAfter: PT6M, statement: "truncate t"}
                  - {user: bob, table: t, ago: PT5M, pid: 60, endsAfter: PT7M, statement: "lock t"}
                  - {user: ghost, table: nope, ago: PT1M}
                activity:
                  disk: {extraUsedPct: 90, growthPctPerHour: -1, freedPct: 20}
                  loads:
                    - {table: t, user: bob, ago: PT1H, source: "s3://b/p/", rows: 2, failUntil: PT6M,
                       errors: [{file: 0, line: 1, column: a, code: 1207, reason: bad}]}
                    - {table: t, user: bob, ago: PT1H, source: "s3://b/p/", rows: 2, repeatEvery: PT0S, failUntil: PT6M}
                """;
        assertThatThrownBy(() -> read(yaml))
                .hasMessageContaining("inflight[0].endsAfter: only live mode plays a timeline; add a live block")
                .hasMessageContaining("inflight[1].pid: 50 is the pid of inflight[0]; a session runs one query at a time")
                .hasMessageContaining("inflight[1].state: expected Running or Queued, found Waiting")
                .hasMessageContaining("inflight[1].endStatus: expected success or canceled, found failed")
                .hasMessageContaining("transactions[0].lockMode: expected AccessShareLock, ShareRowExclusiveLock or AccessExclusiveLock")
                .hasMessageContaining("transactions[0].endsAfter: only live mode plays a timeline")
                .hasMessageContaining("transactions[1].statement: the entries of pid 60 are one transaction; they name different statements")
                .hasMessageContaining("transactions[1].endsAfter: the entries of pid 60 are one transaction; they end it at PT6M and PT7M")
                .hasMessageContaining("transactions[2].table: 'nope' is not a scenario table")
                .hasMessageContaining("transactions[2].user: 'ghost' is not a scenario user")
                .hasMessageContaining("activity.disk.growthPctPerHour: 0 or more (freedPct frees space), found -1.0")
                .hasMessageContaining("activity.disk.freedPct: space is freed at until; give until too")
                .hasMessageContaining("activity.disk: growthPctPerHour and freedPct are played by live mode; add a live block")
                .hasMessageContaining("activity.loads[0].failUntil: only reruns fail until a moment; give repeatEvery too")
                .hasMessageContaining("activity.loads[1].repeatEvery: a moment after the simulator started, found PT0S")
                .hasMessageContaining("activity.loads[1].failUntil: the load's 0 error(s) are within maxErrors 0, so no run fails");
    }

    @Test
    void aTimeScalePlaysEveryMomentFasterAndTheDiskReachesTheSameLevel() throws Exception {
        Scenario s = read("""
                live: {tick: PT10S}
                inflight:
                  - {text: "select 1", user: bob, pid: 50, ago: PT2H, endsAfter: PT6M, endStatus: canceled}
                transactions:
                  - {user: bob, table: t, lockMode: AccessExclusiveLock, ago: PT5M, pid: 60, endsAfter: PT6M, statement: "truncate t"}
                activity:
                  disk: {extraUsedPct: 80, growthPctPerHour: 20, until: PT6M, freedPct: 30}
                  loads:
                    - {table: t, user: bob, ago: PT1H, source: "s3://b/p/", rows: 2, repeatEvery: PT2M, failUntil: PT6M,
                       errors: [{file: 0, line: 1, column: a, code: 1207, reason: bad}]}
                """);
        Scenario fast = s.withTimeScale(0.01);
        assertThat(fast.inflight().get(0).endsAfter()).isEqualTo(Duration.ofMillis(3600));
        assertThat(fast.inflight().get(0).ago()).as("ages stay").isEqualTo(Duration.ofHours(2));
        assertThat(fast.inflight().get(0).endsCanceled()).isTrue();
        assertThat(fast.transactions().get(0).endsAfter()).isEqualTo(Duration.ofMillis(3600));
        assertThat(fast.transactions().get(0).statement()).isEqualTo("truncate t");
        assertThat(fast.activity().loads().get(0).repeatEvery()).isEqualTo(Duration.ofMillis(1200));
        assertThat(fast.activity().loads().get(0).failUntil()).isEqualTo(Duration.ofMillis(3600));
        assertThat(fast.live().tick()).as("the tick stays").isEqualTo(Duration.ofSeconds(10));

        Activity.Disk disk = s.activity().disk();
        assertThat(disk.extraUsedPctAfter(Duration.ZERO)).isEqualTo(80);
        assertThat(disk.extraUsedPctAfter(Duration.ofMinutes(3))).isEqualTo(81);
        assertThat(disk.extraUsedPctAfter(Duration.ofMinutes(6))).as("grown, then freed once").isEqualTo(52);
        assertThat(disk.extraUsedPctAfter(Duration.ofHours(5))).isEqualTo(52);
        Activity.Disk fastDisk = fast.activity().disk();
        assertThat(fastDisk.extraUsedPctAfter(Duration.ofMillis(1800))).isEqualTo(81, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(fastDisk.extraUsedPctAfter(Duration.ofMillis(3600))).isEqualTo(52, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void aTransactionsPidAndLockModeDefaultAsTheStateWriterGivesThem() throws Exception {
        Scenario s = read("""
                transactions:
                  - {user: bob, table: t, ago: PT5M}
                  - {user: bob, table: t, ago: PT5M, pid: 7}
                """);
        assertThat(s.transactions()).extracting(Scenario.Transaction::pid).containsExactly(30_000, 7);
        assertThat(s.transactions()).extracting(Scenario.Transaction::lockMode).containsOnly("AccessShareLock");
    }
}
