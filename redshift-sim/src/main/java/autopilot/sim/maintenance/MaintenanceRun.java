package autopilot.sim.maintenance;

import java.time.Instant;

/**
 * A maintenance statement the simulator received and answered, with when it ran: tests assert on
 * what was run and on overlaps.
 *
 * @param connectionId gateway connection it came on
 * @param user         the session user
 * @param statement    the SQL as sent
 * @param startedAt    when the simulator started on it
 * @param endedAt      when it answered
 * @param outcome      {@code ok}, {@code skipped: ...} or {@code error SQLSTATE: message}
 */
public record MaintenanceRun(long connectionId, String user, String statement, Instant startedAt, Instant endedAt,
                             String outcome) {

    /** Whether the two runs overlapped in time. */
    public boolean overlaps(MaintenanceRun other) {
        return startedAt.isBefore(other.endedAt) && other.startedAt.isBefore(endedAt);
    }
}
