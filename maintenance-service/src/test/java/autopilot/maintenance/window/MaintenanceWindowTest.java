package autopilot.maintenance.window;

import static org.assertj.core.api.Assertions.assertThat;

import autopilot.maintenance.config.CronConverter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class MaintenanceWindowTest {

    private final MaintenanceWindow nightly = new MaintenanceWindow(new CronConverter().convert("0 2 * * *"),
            Duration.ofHours(3), ZoneOffset.UTC);

    @Test
    void defaultNightlyWindowIsOpenFromTwoUntilFiveUtc() {
        assertThat(nightly.isOpen(Instant.parse("2026-11-05T01:59:59Z"))).isFalse();
        assertThat(nightly.closesAt(Instant.parse("2026-11-05T02:00:00Z"))).contains(Instant.parse("2026-11-05T05:00:00Z"));
        assertThat(nightly.closesAt(Instant.parse("2026-11-05T04:59:59Z"))).contains(Instant.parse("2026-11-05T05:00:00Z"));
        assertThat(nightly.isOpen(Instant.parse("2026-11-05T05:00:00Z"))).isFalse();
        assertThat(nightly.isOpen(Instant.parse("2026-11-05T12:00:00Z"))).isFalse();
    }

    @Test
    void nextOpeningIsTheNextCronTime() {
        assertThat(nightly.nextOpening(Instant.parse("2026-11-05T12:00:00Z"))).isEqualTo(Instant.parse("2026-11-06T02:00:00Z"));
        assertThat(nightly.nextOpening(Instant.parse("2026-11-05T01:00:00Z"))).isEqualTo(Instant.parse("2026-11-05T02:00:00Z"));
    }

    @Test
    void windowFollowsItsTimeZone() {
        MaintenanceWindow sundays = new MaintenanceWindow(new CronConverter().convert("30 22 * * 0"), Duration.ofHours(2),
                ZoneId.of("Europe/Berlin"));
        // Sunday 2026-11-08 22:30 in Berlin (UTC+1) is 21:30 UTC.
        assertThat(sundays.nextOpening(Instant.parse("2026-11-05T00:00:00Z"))).isEqualTo(Instant.parse("2026-11-08T21:30:00Z"));
        assertThat(sundays.isOpen(Instant.parse("2026-11-08T23:00:00Z"))).isTrue();
        assertThat(sundays.isOpen(Instant.parse("2026-11-08T23:30:00Z"))).isFalse();
    }
}
