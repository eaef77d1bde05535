package autopilot.analyzer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Busy minutes of queries as 60-bit masks per hour, and the idle share of a day they give (fixed times: no wall clock). */
class BusyMinutesTest {

    private static final Instant H9 = Instant.parse("2026-03-02T09:00:00Z");
    private static final Instant H10 = H9.plus(Duration.ofHours(1));

    /** A query that executed {@code execMs} and ended {@code endAfter9} after 09:00. */
    private static void query(BusyMinutes busy, Workload bucket, Duration endAfter9, long execMs) {
        busy.add(bucket, H9.plus(endAfter9).toEpochMilli(), execMs);
    }

    private static long minutes(int... m) {
        long mask = 0;
        for (int i : m) mask |= 1L << i;
        return mask;
    }

    @Test
    void aQueryMarksTheMinutesItExecutedInAndOnlyThose() {
        Workload nine = new Workload();
        BusyMinutes busy = new BusyMinutes();
        // Executed 09:10:30 to 09:12:00 (ends on the minute: 12 stays idle); a zero-length one at 09:30:05.
        query(busy, nine, Duration.ofMinutes(12), 90_000);
        query(busy, nine, Duration.ofMinutes(30).plusSeconds(5), 0);
        busy.flush();
        assertThat(nine.busyMinutes).containsExactly(Map.entry(H9, minutes(10, 11, 30)));
    }

    @Test
    void aQueryAcrossTheHourMarksBothHoursInTheBucketOfItsEnd() {
        Workload ten = new Workload();
        BusyMinutes busy = new BusyMinutes();
        query(busy, ten, Duration.ofMinutes(62), 4 * 60_000); // 09:58 to 10:02
        busy.flush();
        assertThat(ten.busyMinutes).containsExactly(Map.entry(H9, minutes(58, 59)), Map.entry(H10, minutes(0, 1)));
    }

    @Test
    void theSameQueriesCountedTwiceChangeNothing() {
        Workload first = new Workload();
        Workload again = new Workload();
        for (Workload w : List.of(first, again)) {
            BusyMinutes busy = new BusyMinutes();
            query(busy, w, Duration.ofMinutes(5), 120_000);
            query(busy, w, Duration.ofMinutes(40), 600_000);
            busy.flush();
        }
        Map<Instant, Long> once = Map.copyOf(first.busyMinutes);
        first.add(again);
        assertThat(first.busyMinutes).isEqualTo(once);
        assertThat(Workload.sumForReading(List.of(first, again)).busyMinutes).isEqualTo(once);
    }

    @Test
    void theIdleShareIsTheDaysMinutesWithoutAQuery() {
        Workload nine = new Workload();
        BusyMinutes busy = new BusyMinutes();
        query(busy, nine, Duration.ofMinutes(60), 3_600_000); // all of 09:00 to 10:00
        busy.flush();
        Map<Instant, Long> masks = BusyMinutes.merged(List.of(nine));
        // A day up to 12:30: 60 of its 1440 minutes busy.
        assertThat(BusyMinutes.idlePct(masks, H9.plus(Duration.ofMinutes(210)))).isCloseTo(100.0 * 1380 / 1440, within(1e-9));
        // A day up to 09:30 the next day: only 09:30 to 10:00 of that hour is in it.
        assertThat(BusyMinutes.idlePct(masks, H9.plus(Duration.ofHours(24).plusMinutes(30)))).isCloseTo(100.0 * 1410 / 1440, within(1e-9));
        assertThat(BusyMinutes.idlePct(masks, H9.plus(Duration.ofDays(2)))).isEqualTo(100.0);
    }
}
