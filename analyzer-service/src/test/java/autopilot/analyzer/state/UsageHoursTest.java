package autopilot.analyzer.state;

import static org.assertj.core.api.Assertions.assertThat;

import autopilot.analyzer.model.UsageSeries;
import autopilot.testsupport.MotoTestResource;
import autopilot.testsupport.PostgresTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Usage hours in PostgreSQL ({@code usage_hour}, {@code usage_coverage}): a read replaces the hours it covers, the
 * same read stored twice changes nothing, and an older read stored late (re-delivered after a newer one) does not
 * overwrite what the newer one knew. Retention prunes usage like the other hourly state.
 */
@QuarkusTest
@QuarkusTestResource(MotoTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class UsageHoursTest {

    private static final Instant T0 = Instant.parse("2026-05-10T00:00:00Z");

    @Inject
    UsageHours usageHours;
    @Inject
    AgroalDataSource state;
    @Inject
    Retention retention;

    private static Instant hour(int h) {
        return T0.plus(Duration.ofHours(h));
    }

    /** RPU-seconds per hour from hour {@code from} on, read at {@code observedAt}. */
    private static UsageSeries read(int from, Instant observedAt, double... perHour) {
        TreeMap<Instant, Double> rpu = new TreeMap<>();
        for (int i = 0; i < perHour.length; i++) rpu.put(hour(from + i), perHour[i]);
        return new UsageSeries(hour(from), rpu, new TreeMap<>(), observedAt);
    }

    private void save(String cluster, UsageSeries read) throws Exception {
        try (Connection c = state.getConnection()) {
            usageHours.save(c, cluster, read);
        }
    }

    private UsageSeries stored(String cluster) throws Exception {
        try (Connection c = state.getConnection()) {
            return usageHours.since(c, cluster, T0.minus(Duration.ofDays(1)));
        }
    }

    @Test
    void theSameReadStoredTwiceChangesNothing() throws Exception {
        UsageSeries read = read(0, hour(3).plusSeconds(120), 1920, 0, 3840, 600);
        save("twice", read);
        UsageSeries once = stored("twice");
        save("twice", read);

        UsageSeries twice = stored("twice");
        assertThat(twice).isEqualTo(once);
        assertThat(twice.rpuSeconds()).containsExactlyEntriesOf(read.rpuSeconds());
        assertThat(twice.coveredFrom()).isEqualTo(hour(0));
        assertThat(twice.observedAt()).isEqualTo(read.observedAt());
        assertThat(UsageSeries.sum(twice.rpuSeconds(), hour(0), hour(4))).isEqualTo(1920 + 3840 + 600);
    }

    @Test
    void aNewerReadReplacesTheHoursItCoversAndAnOlderOneLateChangesNothing() throws Exception {
        UsageSeries older = read(0, hour(2).plusSeconds(60), 1000, 2000, 100);
        UsageSeries newer = read(1, hour(3).plusSeconds(60), 2500, 1800, 700);
        save("late", older);
        save("late", newer);
        UsageSeries before = stored("late");
        // Hour 0 from the older read alone; hours 1 and 2 grew after the older read: the newer values replace them.
        assertThat(before.rpuSeconds()).containsExactlyEntriesOf(new TreeMap<>(Map.of(hour(0), 1000.0, hour(1), 2500.0,
                hour(2), 1800.0, hour(3), 700.0)));

        save("late", older);

        assertThat(stored("late")).isEqualTo(before);
    }

    @Test
    void aClusterWithoutUsageHasNone() throws Exception {
        assertThat(stored("never")).isNull();
    }

    @Test
    void retentionPrunesHoursAfterThirtyFiveDaysAndTheCoverageOfAClusterNoLongerRead() throws Exception {
        save("pruned", read(0, hour(3), 1000, 2000, 3000));
        save("gone", read(0, hour(3), 500));
        Instant later = T0.plus(Duration.ofDays(36));
        save("pruned", new UsageSeries(later, new TreeMap<>(Map.of(later, 4000.0)), new TreeMap<>(), later.plusSeconds(600)));

        // 35 days before 01:30 on day 36 is 01:30 on day 1: every hour of day 0 goes, and "gone" with them.
        retention.sweep(later.plus(Duration.ofMinutes(90)));

        UsageSeries pruned = stored("pruned");
        assertThat(pruned.rpuSeconds()).containsExactly(Map.entry(later, 4000.0));
        assertThat(pruned.coveredFrom()).isEqualTo(T0.plus(Duration.ofDays(1)).plus(Duration.ofHours(2)));
        assertThat(stored("gone")).isNull();
    }
}
