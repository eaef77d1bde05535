package autopilot.maintenance.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Maintenance windows as a tag writes them (UTC): daily, past midnight, weekly like Redshift's own. */
class TagWindowTest {

    @Test
    void dailyWindow() {
        MaintenanceWindow w = TagWindow.parse("02:00-05:00");
        assertThat(w.isOpen(Instant.parse("2026-12-07T01:59:00Z"))).isFalse();
        assertThat(w.isOpen(Instant.parse("2026-12-07T02:00:00Z"))).isTrue();
        assertThat(w.closesAt(Instant.parse("2026-12-07T04:30:00Z"))).contains(Instant.parse("2026-12-07T05:00:00Z"));
        assertThat(w.isOpen(Instant.parse("2026-12-07T05:00:00Z"))).isFalse();
    }

    @Test
    void aDailyWindowRunsPastMidnight() {
        MaintenanceWindow w = TagWindow.parse("23:30-01:00");
        assertThat(w.isOpen(Instant.parse("2026-12-08T00:30:00Z"))).isTrue();
        assertThat(w.closesAt(Instant.parse("2026-12-07T23:45:00Z"))).contains(Instant.parse("2026-12-08T01:00:00Z"));
        assertThat(w.isOpen(Instant.parse("2026-12-08T01:00:00Z"))).isFalse();
    }

    @Test
    void weeklyWindowInRedshiftsFormat() {
        // 2026-12-06 is a Sunday.
        MaintenanceWindow w = TagWindow.parse("Sun:22:00-Mon:01:30");
        assertThat(w.isOpen(Instant.parse("2026-12-06T21:59:00Z"))).isFalse();
        assertThat(w.isOpen(Instant.parse("2026-12-06T22:00:00Z"))).isTrue();
        assertThat(w.closesAt(Instant.parse("2026-12-07T00:00:00Z"))).contains(Instant.parse("2026-12-07T01:30:00Z"));
        assertThat(w.isOpen(Instant.parse("2026-12-07T22:30:00Z"))).isFalse(); // Monday night: not this window
        assertThat(w.nextOpening(Instant.parse("2026-12-07T12:00:00Z"))).isEqualTo(Instant.parse("2026-12-13T22:00:00Z"));
    }

    @Test
    void otherFormsAreRefusedSayingWhichAreAccepted() {
        assertThatThrownBy(() -> TagWindow.parse("0 2 * * *")).hasMessageContaining("hh:mm-hh:mm");
        assertThatThrownBy(() -> TagWindow.parse("25:00-02:00")).hasMessageContaining("outside 00:00-23:59");
        assertThatThrownBy(() -> TagWindow.parse("sun:02:00-xyz:03:00")).hasMessageContaining("names no day");
    }
}
