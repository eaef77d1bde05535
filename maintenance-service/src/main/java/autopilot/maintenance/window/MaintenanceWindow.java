package autopilot.maintenance.window;

import com.cronutils.model.Cron;
import com.cronutils.model.time.ExecutionTime;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * A recurring maintenance window: opens at each time a cron expression names (in a time zone) and
 * stays open for a fixed duration. Pure: the caller passes the time.
 */
public final class MaintenanceWindow {

    private final ExecutionTime openings;
    private final Duration duration;
    private final ZoneId zone;
    private final String description;

    public MaintenanceWindow(Cron cron, Duration duration, ZoneId zone) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("a maintenance window must last longer than zero, found " + duration);
        }
        this.openings = ExecutionTime.forCron(cron);
        this.duration = duration;
        this.zone = zone;
        this.description = cron.asString() + " for " + duration + " (" + zone + ")";
    }

    /** When the window that is open at {@code now} closes; empty when it is closed. */
    public Optional<Instant> closesAt(Instant now) {
        // The latest opening at or before now (cron-utils' lastExecution is strictly before its argument).
        return openings.lastExecution(now.plusNanos(1).atZone(zone))
                .map(opening -> opening.toInstant().plus(duration))
                .filter(closing -> closing.isAfter(now));
    }

    public boolean isOpen(Instant now) {
        return closesAt(now).isPresent();
    }

    /** The next opening strictly after {@code now}. */
    public Instant nextOpening(Instant now) {
        return openings.nextExecution(now.atZone(zone)).orElseThrow(() ->
                new IllegalStateException("the cron expression of window " + description + " never fires again")).toInstant();
    }

    public Duration duration() {
        return duration;
    }

    @Override
    public String toString() {
        return description;
    }
}
