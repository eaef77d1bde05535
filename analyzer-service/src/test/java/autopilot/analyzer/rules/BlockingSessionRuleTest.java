package autopilot.analyzer.rules;

import static autopilot.analyzer.rules.WlmQueueRuleTest.detail;
import static autopilot.analyzer.rules.WlmQueueRuleTest.value;
import static autopilot.analyzer.rules.WorkloadSnapshot.T0;
import static autopilot.analyzer.rules.WorkloadSnapshot.open;
import static autopilot.analyzer.rules.WorkloadSnapshot.run;
import static autopilot.analyzer.rules.WorkloadSnapshot.transitions;
import static org.assertj.core.api.Assertions.assertThat;

import autopilot.analyzer.SnapshotBuilder;
import autopilot.analyzer.lifecycle.Transition;
import autopilot.analyzer.snapshot.SnapshotData;
import autopilot.events.Finding;
import autopilot.events.FindingCategory;
import autopilot.events.ObjectRef;
import autopilot.events.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BlockingSessionRuleTest {

    /** When the snapshots below are collected. */
    static final Instant NOW = T0.plus(Duration.ofHours(6));
    static final long SALES = 108_234;

    /**
     * The night-incident shape: etl_user (pid 45001) truncated sales in a transaction left open; bi_user (45002) waits to
     * read it for {@code waitSeconds}, analyst (45003) for a third of that.
     */
    static WorkloadSnapshot blocked(double waitSeconds) {
        WorkloadSnapshot w = WorkloadSnapshot.provisioned().table(SALES, "sales", null, 1_000_000);
        Instant waitFrom = NOW.minusMillis((long) (waitSeconds * 1000));
        w.builder().source(SnapshotData.LOCKS, SnapshotBuilder.LOCKS)
                .row(45001, 9001, "etl_user", "dev", NOW.minus(Duration.ofMinutes(25)), "ExclusiveLock", "transactionid", null, true)
                .row(45001, 9001, "etl_user", "dev", NOW.minus(Duration.ofMinutes(25)), "AccessExclusiveLock", "relation", SALES, true)
                .row(45002, 9002, "bi_user", "dev", waitFrom, "AccessShareLock", "relation", SALES, false)
                .row(45003, 9003, "analyst", "dev", NOW.minusMillis((long) (waitSeconds * 333)), "AccessShareLock", "relation", SALES, false);
        w.builder().source(SnapshotData.LOCK_STATEMENTS, SnapshotBuilder.LOCK_STATEMENTS)
                .row(9001, 45001, 7001, "success", NOW.minus(Duration.ofMinutes(24)), NOW.minus(Duration.ofMinutes(24)), "truncate sales");
        return w;
    }

    /** Session 45001 holds a lock on sales in one mode since two hours; 45002 waits for another since one hour. */
    static WorkloadSnapshot holderAndWaiter(String held, String wanted) {
        WorkloadSnapshot w = WorkloadSnapshot.provisioned();
        w.builder().source(SnapshotData.LOCKS, SnapshotBuilder.LOCKS)
                .row(45001, 9001, "etl_user", "dev", NOW.minus(Duration.ofHours(2)), held, "relation", SALES, true)
                .row(45002, 9002, "bi_user", "dev", NOW.minus(Duration.ofHours(1)), wanted, "relation", SALES, false);
        return w;
    }

    @Test
    void theConflictMatrixIsRedshiftsThreeModesAndUnknownModesConflict() {
        assertThat(BlockingSessionRule.conflicts("AccessShareLock", "AccessShareLock")).isFalse();
        assertThat(BlockingSessionRule.conflicts("AccessShareLock", "ShareRowExclusiveLock")).isFalse();
        assertThat(BlockingSessionRule.conflicts("AccessShareLock", "AccessExclusiveLock")).isTrue();
        assertThat(BlockingSessionRule.conflicts("ShareRowExclusiveLock", "AccessShareLock")).isFalse();
        assertThat(BlockingSessionRule.conflicts("ShareRowExclusiveLock", "ShareRowExclusiveLock")).isTrue();
        assertThat(BlockingSessionRule.conflicts("ShareRowExclusiveLock", "AccessExclusiveLock")).isTrue();
        assertThat(BlockingSessionRule.conflicts("AccessExclusiveLock", "AccessShareLock")).isTrue();
        assertThat(BlockingSessionRule.conflicts("SomeFutureLock", "AccessShareLock")).isTrue();
    }

    @Test
    void aBlockerWhoseLongestWaiterWaitedFiveMinutesIsCriticalWithTheStatementToCopy() {
        List<FindingDraft> drafts = run(new BlockingSessionRule(), blocked(300).view());

        assertThat(drafts).hasSize(1);
        FindingDraft d = drafts.get(0);
        assertThat(d.category()).isEqualTo(FindingCategory.BLOCKING_SESSION);
        assertThat(d.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(d.subject()).isEqualTo(new ObjectRef(ObjectRef.Kind.SESSION, "pid 45001 xid 9001", null, null, 45001L));
        assertThat(value(d, "waiting_sessions")).isEqualTo(2);
        assertThat(value(d, "longest_wait_seconds")).isEqualTo(300);
        assertThat(value(d, "blocker_pid")).isEqualTo(45001);
        assertThat(detail(d, "blocker_user")).isEqualTo("etl_user");
        assertThat(value(d, "transaction_age_seconds")).isEqualTo(1500);
        assertThat(detail(d, "locks_held")).isEqualTo("AccessExclusiveLock on public.sales");
        assertThat(detail(d, "last_statement")).startsWith("truncate sales (success");
        assertThat(d.evidence()).filteredOn(e -> e.name().equals("waiting_session")).extracting(e -> e.detail())
                .containsExactly("pid 45002, user bi_user, wants AccessShareLock on public.sales",
                        "pid 45003, user analyst, wants AccessShareLock on public.sales");
        assertThat(d.action().sql()).containsExactly("SELECT PG_TERMINATE_BACKEND(45001);");
        assertThat(d.action().runbook()).contains("never runs it");
        assertThat(d.work()).as("never a work item: nothing executes it").isNull();
        assertThat(d.title()).contains("Session 45001 (etl_user) blocks 2 sessions on public.sales");
    }

    @Test
    void aWaitJustUnderTheThresholdRaisesNothing() {
        assertThat(run(new BlockingSessionRule(), blocked(299).view())).isEmpty();
        assertThat(run(new BlockingSessionRule(), blocked(60).view(TestThresholds.with(Map.of("locks.block-seconds", "60")))))
                .hasSize(1);
    }

    @Test
    void theWaitRunsFromTheWaitersRunningStatementWhenItIsKnown() {
        // The transaction has been open an hour, the SELECT that waits started two minutes ago: it waited two minutes.
        WorkloadSnapshot w = holderAndWaiter("AccessExclusiveLock", "AccessShareLock");
        w.builder().source(SnapshotData.INFLIGHT, SnapshotBuilder.INFLIGHT)
                .row(7002, 101, "bi_user", 45002, 9002, "", NOW.minus(Duration.ofMinutes(2)), 4, 7, "select * from sales", "select * from sales");
        assertThat(run(new BlockingSessionRule(), w.view())).isEmpty();
        assertThat(BlockingSessionRule.waits(w.view().onCall(), NOW)).singleElement()
                .satisfies(x -> assertThat(x.seconds()).isEqualTo(120));
    }

    @Test
    void readersAndWritersThatDoNotConflictBlockNobody() {
        // A COPY (ShareRowExclusiveLock) waits, but the only holder reads (AccessShareLock): they do not conflict.
        assertThat(run(new BlockingSessionRule(), holderAndWaiter("AccessShareLock", "ShareRowExclusiveLock").view())).isEmpty();
        assertThat(run(new BlockingSessionRule(), holderAndWaiter("ShareRowExclusiveLock", "ShareRowExclusiveLock").view())).hasSize(1);
    }

    @Test
    void aGrowingWaitRefreshesTheFindingAndItResolvesWhenNoOneWaits() {
        List<Transition> first = transitions(new BlockingSessionRule(), blocked(400).view(), Map.of());
        assertThat(first).singleElement().isInstanceOf(Transition.Raised.class);
        Map<String, Finding> open = open(first);

        // Ten minutes later the same two sessions still wait: the headline (waiting sessions) did not move.
        List<Transition> later = transitions(new BlockingSessionRule(), blocked(1000).view(), open);
        assertThat(later).singleElement().isInstanceOf(Transition.Refreshed.class);

        // The blocker committed: the locks source is there and shows no waiter.
        WorkloadSnapshot clear = WorkloadSnapshot.provisioned();
        clear.builder().source(SnapshotData.LOCKS, SnapshotBuilder.LOCKS)
                .row(45002, 9002, "bi_user", "dev", NOW.minus(Duration.ofMinutes(1)), "AccessShareLock", "relation", SALES, true);
        assertThat(transitions(new BlockingSessionRule(), clear.view(), open)).singleElement().isInstanceOf(Transition.Resolved.class);

        // A snapshot without the locks source says nothing either way.
        assertThat(transitions(new BlockingSessionRule(), WorkloadSnapshot.provisioned().view(), open)).isEmpty();
    }
}
