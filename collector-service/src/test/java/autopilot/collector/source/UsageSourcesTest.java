package autopilot.collector.source;

import static autopilot.collector.source.CollectedRows.connect;
import static org.assertj.core.api.Assertions.assertThat;

import autopilot.events.ClusterKind;
import autopilot.sim.SimCluster;
import autopilot.testsupport.RedshiftSimExtension;
import autopilot.testsupport.SimUsage;
import java.math.BigInteger;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The usage and cost sources (issue 20) read as the monitoring user through the Redshift driver: a Serverless
 * workgroup's RPU-seconds per hour from the hour the lookback starts in (the shipped {@code serverless} scenario
 * bills its busy minutes at 32 RPU), and a provisioned cluster's concurrency-scaling periods that reach into it.
 */
class UsageSourcesTest {

    private static final QueryGroupLabel LABEL = new QueryGroupLabel("autopilot-collector");

    private static CollectedRows readSince(Connection c, ClusterKind kind, String name, Instant from) throws Exception {
        Source source = Sources.of(kind).stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
        assertThat(source.recent()).as("read whole each cycle: rows grow after they appear").isTrue();
        CollectedRows collected = new CollectedRows();
        Instant now = Instant.now();
        new SourceReader(LABEL).read(c, kind, source, new Window(from, from.isAfter(now) ? from : now), collected);
        return collected;
    }

    private static double number(Object value) {
        return value instanceof BigInteger b ? b.doubleValue() : ((Number) value).doubleValue();
    }

    /** The shipped Serverless workgroup, shared, live mode off: its usage does not grow between two reads. */
    private static SimCluster serverless() {
        return RedshiftSimExtension.sharedStill("serverless");
    }

    @Test
    void serverlessUsageIsChargedRpuSecondsPerHourFromTheLookbacksHour() throws Exception {
        try (Connection c = connect(serverless())) {
            Instant from = Instant.now().minus(Duration.ofHours(30));
            CollectedRows usage = readSince(c, ClusterKind.SERVERLESS, "serverless_usage", from);
            assertThat(usage.columns).containsExactly("read_from", "hour", "charged_seconds", "compute_seconds", "minutes");
            Instant hourOfFrom = from.truncatedTo(ChronoUnit.HOURS);
            assertThat(usage.column("read_from")).containsOnly(hourOfFrom.toString());
            List<Instant> hours = usage.column("hour").stream().map(h -> Instant.parse((String) h)).toList();
            assertThat(hours).isSorted().allSatisfy(h -> assertThat(h).isAfterOrEqualTo(hourOfFrom));
            double charged = usage.column("charged_seconds").stream().mapToDouble(UsageSourcesTest::number).sum();
            // The same sum as a superuser reads it straight from the view; 32 RPU for every busy second.
            assertThat(charged).isPositive().isEqualTo(SimUsage.chargedSecondsSince(serverless(), hourOfFrom));
            assertThat(usage.column("minutes")).allSatisfy(m -> assertThat(number(m)).isBetween(1.0, 60.0));
            for (int i = 0; i < usage.rows.size(); i++) {
                assertThat(number(usage.column("charged_seconds").get(i))).isLessThanOrEqualTo(32 * 60 * number(usage.column("minutes").get(i)));
            }
        }
    }

    @Test
    void aWorkgroupIdleSinceTheLookbackGivesOneRowSayingSo() throws Exception {
        try (Connection c = connect(serverless())) {
            Instant future = Instant.now().plus(Duration.ofHours(2));
            CollectedRows usage = readSince(c, ClusterKind.SERVERLESS, "serverless_usage", future);
            assertThat(usage.rows).hasSize(1);
            assertThat(usage.column("read_from")).containsExactly(future.truncatedTo(ChronoUnit.HOURS).toString());
            assertThat(usage.column("hour")).containsExactly((Object) null);
        }
    }

    @Test
    void concurrencyScalingPeriodsThatReachIntoTheLookback() throws Exception {
        try (SimCluster cluster = CollectedRows.scenario("usage"); Connection c = connect(cluster)) {
            CollectedRows periods = readSince(c, ClusterKind.PROVISIONED, "concurrency_scaling", Instant.now().minus(Duration.ofDays(1)));
            assertThat(periods.columns).containsExactly("read_from", "starttime", "endtime", "queries", "usage_in_seconds");
            assertThat(periods.rows).hasSize(1); // the one of three days ago ended before the lookback
            assertThat(number(periods.column("usage_in_seconds").get(0))).isEqualTo(1800);
            assertThat(number(periods.column("queries").get(0))).isEqualTo(3);
            Instant start = Instant.parse((String) periods.column("starttime").get(0));
            assertThat(Duration.between(start, Instant.now())).isBetween(Duration.ofMinutes(359), Duration.ofMinutes(362));

            CollectedRows week = readSince(c, ClusterKind.PROVISIONED, "concurrency_scaling", Instant.now().minus(Duration.ofDays(4)));
            assertThat(week.column("usage_in_seconds")).extracting(UsageSourcesTest::number).containsExactly(1800.0, 1200.0);
        }
    }
}
