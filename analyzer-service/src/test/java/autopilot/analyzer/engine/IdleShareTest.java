package autopilot.analyzer.engine;

import static org.assertj.core.api.Assertions.assertThat;

import autopilot.analyzer.SnapshotBuilder;
import autopilot.analyzer.model.UsageCost;
import autopilot.analyzer.rules.TestThresholds;
import autopilot.analyzer.snapshot.SnapshotData;
import autopilot.events.ClusterKind;
import autopilot.events.UsageFigures;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The idle share of a provisioned cluster's last day in {@code ClusterHealthReported.usage}: minutes no user query
 * executed in, from the queries' end and execution times; the same queries delivered again change nothing.
 */
class IdleShareTest {

    private static final Instant AT = Instant.parse("2026-03-02T12:00:00Z");
    private static final String[] SCALING = {"read_from", "starttime", "endtime", "queries", "usage_in_seconds"};

    /** Two queries executing 09:00-09:30 and 09:20-10:00 (overlapping: 60 busy minutes) and one 11:59:30-12:00. */
    private static SnapshotData snapshot() {
        SnapshotBuilder b = SnapshotBuilder.of("idle", ClusterKind.PROVISIONED, AT).source(SnapshotData.QUERIES, SnapshotBuilder.QUERIES);
        long id = 1;
        for (Instant[] run : List.of(new Instant[] {at(9, 0), at(9, 30)}, new Instant[] {at(9, 20), at(10, 0)},
                new Instant[] {at(11, 59).plusSeconds(30), AT})) {
            long execMicros = Duration.between(run[0], run[1]).toNanos() / 1000;
            b.row(id, 100, id, 1, "", "dev", run[0], run[1], 0, 0, 6, "Default queue", 1, run[0], run[0], 0, execMicros,
                    "select * from sales where id = " + id);
            id++;
        }
        b.source(SnapshotData.CONCURRENCY_SCALING, SCALING).row(at(0, 0).minus(Duration.ofDays(1)), null, null, null, null);
        return b.build();
    }

    private static Instant at(int hour, int minute) {
        return AT.truncatedTo(java.time.temporal.ChronoUnit.DAYS).plus(Duration.ofHours(hour).plusMinutes(minute));
    }

    @Test
    void theDaysIdleShareCountsTheMinutesNoQueryRanAndARepeatCountsNothingTwice() {
        Pipeline pipeline = new Pipeline(TestThresholds.defaults(), t -> false, UsageCost.NONE);
        Outcome first = pipeline.run(snapshot(), PriorState.empty(), AT);
        UsageFigures usage = first.health().usage();
        assertThat(usage).isNotNull();
        double expected = Math.round(100_000.0 * (1440 - 61) / 1440) / 1000.0;
        assertThat(usage.idlePctLastDay()).isEqualTo(expected);
        assertThat(usage.rpuHoursToday()).as("provisioned: no RPU-hours").isNull();

        // Delivered again without the watermark that would skip its queries: counted twice, the busy minutes stay the same.
        PriorState prior = new PriorState(List.of(), first.workloadHours(), Map.of(), Map.of(), Map.of(), null);
        Outcome again = pipeline.run(snapshot(), prior, AT);
        assertThat(again.health().usage().idlePctLastDay()).isEqualTo(expected);
    }

    @Test
    void serverlessHasNoIdleShare() {
        SnapshotData serverless = SnapshotBuilder.of("sl", ClusterKind.SERVERLESS, AT)
                .source(SnapshotData.SERVERLESS_USAGE, "read_from", "hour", "charged_seconds", "compute_seconds", "minutes")
                .row(at(0, 0), at(9, 0), 1920.0, 1920.0, 1).build();
        UsageFigures usage = new Pipeline(TestThresholds.defaults(), t -> false, UsageCost.NONE)
                .run(serverless, PriorState.empty(), AT).health().usage();
        assertThat(usage.rpuHoursToday()).isEqualTo(Math.round(1000 * 1920 / 3600.0) / 1000.0);
        assertThat(usage.idlePctLastDay()).isNull();
    }
}
