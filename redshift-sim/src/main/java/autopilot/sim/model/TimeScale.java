package autopilot.sim.model;

import java.time.Duration;
import java.util.List;

/**
 * Scales the moments of a scenario's timeline (what live mode plays), so that {@link Scenario#withTimeScale}
 * plays an incident of minutes in seconds without touching how long ago anything happened.
 */
final class TimeScale {

    private TimeScale() {
    }

    static Duration scale(Duration moment, double factor) {
        return moment == null ? null : Duration.ofNanos(Math.round(moment.toNanos() * factor));
    }

    static Activity scale(Activity a, double factor) {
        Activity.Disk d = a.disk();
        Activity.Disk disk = new Activity.Disk(d.partitionsPerNode(), d.extraUsedPct(), d.growthPctPerHour() / factor,
                scale(d.until(), factor), d.freedPct());
        List<Activity.Load> loads = a.loads().stream().map(l -> new Activity.Load(l.table(), l.user(), l.ago(), l.source(), l.format(),
                l.files(), l.rows(), l.bytes(), l.queueMillis(), l.millis(), l.serviceClass(), l.maxErrors(), l.errors(),
                l.commitQueueMillis(), l.commitMillis(), scale(l.repeatEvery(), factor), scale(l.failUntil(), factor))).toList();
        return new Activity(a.sessions(), a.authFailures(), a.cursors(), a.conflicts(), a.commits(), loads, a.unloads(), a.qmrRules(),
                a.classification(), disk, a.usage(), a.externalSchemas(), a.userlog());
    }
}
