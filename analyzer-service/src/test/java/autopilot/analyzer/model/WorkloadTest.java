package autopilot.analyzer.model;

import static org.assertj.core.api.Assertions.assertThat;

import autopilot.analyzer.SnapshotBuilder;
import autopilot.analyzer.snapshot.SnapshotData;
import autopilot.events.ClusterKind;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkloadTest {

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final String LIKE = "select count(*) from tickets where body like '%refund%'";
    private static final String EQUAL = "select count(*) from tickets where id = 7";
    private static final String DISTINCT = "select distinct subject from tickets where body like '%refund%'";

    private static SnapshotBuilder snapshot(Instant collectedAt) {
        return SnapshotBuilder.of("c1", ClusterKind.PROVISIONED, collectedAt).source(SnapshotData.QUERIES, SnapshotBuilder.QUERIES);
    }

    private static void query(SnapshotBuilder b, long id, String text, Instant start, long execMs, long queueMs) {
        b.source(SnapshotData.QUERIES).row(id, 100, id, 1, "", "dev", start, start.plusMillis(queueMs + execMs), 0, 0, 7, "bi", 1,
                start, start.plusMillis(queueMs), queueMs * 1000, execMs * 1000, text);
    }

    private static void scan(SnapshotBuilder b, long query, int type, long rows, Instant start, double seconds, int rangeRestricted) {
        b.source(SnapshotData.SCANS, SnapshotBuilder.SCANS).row(query, 42, "tickets", type, 4, rows, rows, rows, rows * 10, start,
                start.plusMillis((long) (seconds * 1000)), rangeRestricted);
    }

    /** Two hours of one table: an AQUA first touch and later scans, cluster scans, a spill, an alert. */
    private static SnapshotData twoHours(Instant collectedAt) {
        SnapshotBuilder b = snapshot(collectedAt);
        query(b, 1, LIKE, T0, 41_000, 0);
        scan(b, 1, 35, 4, T0, 41, 0);
        query(b, 2, EQUAL, T0.plusSeconds(120), 9_000, 2_000);
        scan(b, 2, 2, 1, T0.plusSeconds(120), 9, 0);
        query(b, 3, EQUAL, T0.plusSeconds(300), 400, 0);
        scan(b, 3, 2, 1, T0.plusSeconds(300), 0.3, 1);
        query(b, 4, LIKE, T0.plus(Duration.ofHours(1)), 1_700, 0);
        scan(b, 4, 35, 4, T0.plus(Duration.ofHours(1)), 1.7, 0);
        query(b, 5, DISTINCT, T0.plus(Duration.ofMinutes(70)), 9_800, 0);
        scan(b, 5, 35, 1_200_000, T0.plus(Duration.ofMinutes(70)), 9.8, 0);
        b.source(SnapshotData.DISK_STEPS, SnapshotBuilder.DISK_STEPS).row(5, 1, 3, 2_000_000, 1_200_000, 150_000_000, "unique tbl=0");
        b.source(SnapshotData.ALERTS, SnapshotBuilder.ALERTS).row(2, "Very selective query filter",
                "Very selective query filter: ratio of rows returned to rows scanned is less than 0.05",
                "Review the choice of sort key to enable range restricted scans", T0);
        b.source(SnapshotData.WLM_CONFIG, SnapshotBuilder.WLM_CONFIG).row(7, "bi", 5, 5, 1024, 0, "off", "normal");
        return b.build();
    }

    @Test
    void contributorsKeepTheLargestUsersByNameAndSumTheRestAsOthersAcrossHours() {
        SnapshotBuilder b = snapshot(T0.plusSeconds(7200)).source(SnapshotData.USERS, "usesysid", "usename");
        for (int user = 0; user < 25; user++) {
            b.source(SnapshotData.USERS).row(200 + user, "u" + user);
            // user u<n> waits n+1 seconds in the first hour; u0 also runs one query in the second hour under query group etl.
            b.source(SnapshotData.QUERIES).row(1000L + user, 200 + user, 1, 1, "default", "dev", T0.plusSeconds(user),
                    T0.plusSeconds(user + 10), 0, 0, 7, "bi", 1, T0, T0, (user + 1) * 1_000_000L, 1_000_000L, EQUAL);
        }
        b.source(SnapshotData.QUERIES).row(2000L, 200, 1, 1, "etl", "dev", T0.plusSeconds(3600), T0.plusSeconds(3610), 0, 0, 7, "bi",
                1, T0, T0, 500_000_000L, 1_000_000L, EQUAL);
        Map<Instant, Workload> hours = WorkloadAggregator.byHour(b.build());

        Workload first = hours.get(T0);
        assertThat(first.contributors.users).hasSize(Workload.HOUR_CONTRIBUTORS + 1).containsKeys("u24", "u5", Contributors.OTHERS)
                .doesNotContainKeys("u0", "u4");
        assertThat(first.contributors.users.get(Contributors.OTHERS).queries).isEqualTo(5);
        assertThat(first.contributors.users.get(Contributors.OTHERS).queueMs).isEqualTo((1 + 2 + 3 + 4 + 5) * 1000.0);
        assertThat(first.contributors.groups).containsOnlyKeys("default");
        Workload.QueueHour bi = first.queueHours.values().iterator().next();
        assertThat(bi.contributors.users).hasSize(Workload.QUEUE_CONTRIBUTORS + 1);
        assertThat(first.patterns.values().iterator().next().who().users).containsOnlyKeys("u24", "u23", "u22", Contributors.OTHERS);

        Workload.Pattern alone = hours.get(T0.plusSeconds(3600)).patterns.values().iterator().next();
        assertThat(alone.contributors).as("a pattern one user ran keeps just the names").isNull();
        assertThat(alone.user + " " + alone.group).isEqualTo("u0 etl");
        assertThat(alone.who().users.get("u0").queueMs).as("its own totals").isEqualTo(500_000.0);

        Workload day = Workload.sumForReading(hours.values());
        // u0 waited 500 s in the second hour: it is named in the day, its first-hour second stays in the first hour's others.
        assertThat(day.contributors.users.get("u0").queueMs).isEqualTo(500_000.0);
        assertThat(day.contributors.users).hasSize(Workload.HOUR_CONTRIBUTORS + 1);
        assertThat(day.contributors.groups).containsOnlyKeys("default", "etl");
        assertThat(first.contributors.users).as("the stored hour untouched").doesNotContainKey("u0");
        assertThat(day.queries).isEqualTo(26);
        // The first hour's pattern (25 users) and the second's (u0 alone) are one pattern over the day.
        Workload.Pattern both = day.patterns.values().iterator().next();
        assertThat(both.user).isNull();
        assertThat(both.who().users.get("u0").queueMs).isEqualTo(500_000.0);
        assertThat(both.who().groups).containsOnlyKeys("default", "etl");
        assertThat(alone.user).as("the stored hour untouched").isEqualTo("u0");
    }

    @Test
    void aggregatesWhatTheWorkloadRulesRead() {
        Workload w = WorkloadAggregator.total(WorkloadAggregator.byHour(twoHours(T0.plus(Duration.ofHours(3)))));

        Workload.TableUsage t = w.tables.get(42L);
        assertThat(t.firstAquaSeconds).isEqualTo(41.0);
        assertThat(t.aquaSeconds.values()).containsExactly(1.7, 9.8);
        assertThat(t.clusterSeconds.values()).containsExactly(9.0, 0.3);
        assertThat(t.fullScanSeconds.values()).containsExactly(9.0); // the range-restricted scan read few blocks
        assertThat(t.aquaRowsScans).isEqualTo(2);
        assertThat(t.aquaRowsReturned).isEqualTo(8);
        assertThat(t.aquaDistinctRowsMax).isEqualTo(1_200_000);
        Workload.Pattern distinct = w.patterns.get(QueryText.hash(QueryText.normalise(DISTINCT)));
        assertThat(distinct.diskStepLabels).isEqualTo(Map.of("unique", 1L));
        Workload.Pattern equal = w.patterns.get(QueryText.hash(QueryText.normalise(EQUAL)));
        assertThat(equal.alertEvents.get("Very selective query filter")).startsWith("Very selective query filter: ratio");
        assertThat(equal.alertSolutions.get("Very selective query filter")).contains("sort key");
        assertThat(w.wlmQueues.get(7)).isEqualTo(new Workload.QueueConfig(7, "bi", 5, 1024, 0L, "off", "normal"));
        assertThat(w.wlmQueues.get(7).automatic()).isFalse();
        Workload.QueueHour first = w.queueHours.get("7|" + T0);
        assertThat(first.execs.count()).isEqualTo(3);
        assertThat(first.execs.percentile(100)).isBetween(40_000.0, 42_000.0);
    }

    @Test
    void addingHoursIntoAWindowLeavesTheStoredHoursAsTheyWere() {
        Map<Instant, Workload> hours = WorkloadAggregator.byHour(twoHours(T0.plus(Duration.ofHours(3))));
        List<Workload> stored = List.copyOf(hours.values());
        Workload firstHour = stored.get(0);
        long scansBefore = firstHour.tables.get(42L).scans;
        long aquaBefore = firstHour.tables.get(42L).aquaSeconds.count();
        long queriesBefore = firstHour.patterns.get(QueryText.hash(QueryText.normalise(LIKE))).queries;

        Workload window = new Workload();
        stored.forEach(window::add);
        window.add(stored.get(1));

        assertThat(window.tables.get(42L).scans).isEqualTo(scansBefore + 2 * stored.get(1).tables.get(42L).scans);
        assertThat(firstHour.tables.get(42L).scans).isEqualTo(scansBefore);
        assertThat(firstHour.tables.get(42L).aquaSeconds.count()).isEqualTo(aquaBefore);
        assertThat(firstHour.patterns.get(QueryText.hash(QueryText.normalise(LIKE))).queries).isEqualTo(queriesBefore);
        assertThat(firstHour.queueHours.values()).allMatch(q -> q.queries == 3);
    }

    @Test
    void theNewestWlmConfigurationWinsWhateverTheOrderOfAdding() {
        Workload older = WorkloadAggregator.total(WorkloadAggregator.byHour(twoHours(T0.plus(Duration.ofHours(3)))));
        SnapshotBuilder b = snapshot(T0.plus(Duration.ofHours(9)));
        query(b, 9, EQUAL, T0.plus(Duration.ofHours(8)), 100, 0);
        b.source(SnapshotData.WLM_CONFIG, SnapshotBuilder.WLM_CONFIG).row(100, "auto", -1, -1, -1, 0, "auto", "normal");
        Workload newer = WorkloadAggregator.total(WorkloadAggregator.byHour(b.build()));

        Workload a = new Workload().add(newer).add(older);
        Workload c = new Workload().add(older).add(newer);

        assertThat(a.wlmQueues).isEqualTo(c.wlmQueues).containsOnlyKeys(100);
        assertThat(a.wlmQueues.get(100).automatic()).isTrue();
        assertThat(a.wlmQueues.get(100).concurrencyScalingOn()).isTrue();
    }

    @Test
    void survivesBeingStoredAsJson() throws Exception {
        ObjectMapper json = new ObjectMapper().findAndRegisterModules();
        Workload w = WorkloadAggregator.total(WorkloadAggregator.byHour(twoHours(T0.plus(Duration.ofHours(3)))));

        Workload back = json.readValue(json.writeValueAsString(w), Workload.class);

        assertThat(json.writeValueAsString(back)).isEqualTo(json.writeValueAsString(w));
        assertThat(back.wlmQueues.get(7).slots()).isEqualTo(5);
        assertThat(back.tables.get(42L).fullScanSeconds.values()).containsExactly(9.0);
        assertThat(back.queueHours.get("7|" + T0).execs.count()).isEqualTo(3);
    }

    @Test
    void aPatternsExecutionSpreadGivesAnUpperBoundOfItsP99AndAddsUp() {
        Workload.Pattern p = new Workload.Pattern();
        for (int i = 0; i < 98; i++) p.recordExec(900); // [512, 1024) ms
        p.recordExec(3_000); // [2048, 4096)
        p.recordExec(70_000); // [65 536, 131 072)
        assertThat(p.execPercentileAtMost(50)).isEqualTo(1_024);
        assertThat(p.execPercentileAtMost(99)).isEqualTo(4_096).isGreaterThanOrEqualTo(3_000).isLessThan(2 * 3_000);
        assertThat(p.execPercentileAtMost(100)).isEqualTo(131_072);
        assertThat(new Workload.Pattern().execPercentileAtMost(99)).isZero();

        Workload.Pattern sum = Workload.Pattern.empty(p).add(p).add(p);
        assertThat(sum.execPercentileAtMost(99)).isEqualTo(4_096);
        assertThat(sum.execSpread[9]).isEqualTo(196);
        assertThat(p.execSpread[9]).as("the added pattern is left as it was").isEqualTo(98);
    }

    @Test
    void commitsRuleActionsAndConflictsAddUpAcrossHoursWithoutTouchingTheStoredHours() {
        Workload a = new Workload();
        Workload b = new Workload();
        Instant hourA = T0;
        Instant hourB = T0.plus(Duration.ofHours(1));
        a.commitHours.put(hourA, new Workload.CommitHour());
        a.commitHours.get(hourA).record(12_000, 4);
        b.commitHours.put(hourB, new Workload.CommitHour());
        b.commitHours.get(hourB).record(1_000, 1);
        for (Workload w : List.of(a, b)) {
            Workload.QmrAction action = new Workload.QmrAction();
            action.serviceClass = 7;
            action.rule = "bi_abort_long";
            action.action = "abort";
            action.queue = "bi";
            w.qmrActions.put("7|bi_abort_long|abort", action);
            Workload.Conflicts c = new Workload.Conflicts();
            w.conflicts.put(40L, c);
        }
        for (int i = 0; i < 60; i++) a.qmrActions.get("7|bi_abort_long|abort").record(100 + i, 200L + i, hourA.plusSeconds(i));
        for (int i = 0; i < 60; i++) b.qmrActions.get("7|bi_abort_long|abort").record(300 + i, 100L, hourB.plusSeconds(i));
        a.conflicts.get(40L).record(hourA);
        b.conflicts.get(40L).record(hourB);

        Workload sum = Workload.sumForReading(List.of(a, b));
        assertThat(sum.commitHours).containsOnlyKeys(hourA, hourB);
        Workload.QmrAction summed = sum.qmrActions.get("7|bi_abort_long|abort");
        assertThat(summed.count).isEqualTo(120);
        assertThat(summed.recent).hasSize(Workload.QmrAction.RECENT).startsWith(hourA.plusSeconds(20)).endsWith(hourB.plusSeconds(59));
        assertThat(summed.since(hourB)).isEqualTo(60);
        assertThat(summed.users).containsExactly(100L, 200L, 201L, 202L, 203L);
        assertThat(summed.queries).containsExactly(355L, 356L, 357L, 358L, 359L);
        assertThat(sum.conflicts.get(40L).count).isEqualTo(2);
        assertThat(sum.conflicts.get(40L).last).isEqualTo(hourB);
        assertThat(a.qmrActions.get("7|bi_abort_long|abort").count).as("the stored hour is left as it was").isEqualTo(60);
        assertThat(a.conflicts.get(40L).count).isEqualTo(1);

        Workload added = new Workload().add(a).add(b);
        assertThat(added.qmrActions.get("7|bi_abort_long|abort").count).isEqualTo(120);
        assertThat(added.commitHours.get(hourA).waits.percentile(50)).isEqualTo(12_000);
    }
}
