package autopilot.sim.model;

import java.time.Duration;
import java.util.List;

/**
 * Checks the moments of a scenario's timeline (what live mode ends, grows, frees or runs again a
 * given time after the simulator started); every problem names its path, as the other checks do.
 */
final class TimelineCheck {

    private TimelineCheck() {
    }

    /**
     * A moment of the timeline (since the simulator started): positive, and only in a scenario with
     * a live block, since nothing else moves the clock on.
     */
    static void moment(Duration moment, boolean live, String at, List<String> problems) {
        if (moment == null) {
            return;
        }
        if (moment.isNegative() || moment.isZero()) {
            problems.add(at + ": a moment after the simulator started, found " + moment);
        }
        if (!live) {
            problems.add(at + ": only live mode plays a timeline; add a live block");
        }
    }

    /** A COPY's reruns: {@code failUntil} needs reruns, and errors enough to fail them. */
    static void load(Duration repeatEvery, Duration failUntil, int errors, int maxErrors, boolean live, String at, List<String> problems) {
        moment(repeatEvery, live, at + ".repeatEvery", problems);
        moment(failUntil, live, at + ".failUntil", problems);
        if (failUntil != null && repeatEvery == null) {
            problems.add(at + ".failUntil: only reruns fail until a moment; give repeatEvery too");
        }
        if (failUntil != null && errors <= maxErrors) {
            problems.add(at + ".failUntil: the load's " + errors + " error(s) are within maxErrors " + maxErrors
                    + ", so no run fails; add errors or leave failUntil out");
        }
    }

    /** The disk's growth and the space freed once at {@code until}. */
    static void disk(Activity.Disk d, boolean live, List<String> problems) {
        if (d.growthPctPerHour() < 0) {
            problems.add("activity.disk.growthPctPerHour: 0 or more (freedPct frees space), found " + d.growthPctPerHour());
        }
        if (d.freedPct() < 0 || d.freedPct() > 100) {
            problems.add("activity.disk.freedPct: a percentage (0-100), found " + d.freedPct());
        }
        if (d.freedPct() != 0 && d.until() == null) {
            problems.add("activity.disk.freedPct: space is freed at until; give until too");
        }
        if (d.changes() && !live) {
            problems.add("activity.disk: growthPctPerHour and freedPct are played by live mode; add a live block");
        }
        moment(d.until(), live, "activity.disk.until", problems);
    }
}
