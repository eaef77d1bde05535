package autopilot.sim.live;

import autopilot.sim.catalog.LiveChanges;
import autopilot.sim.model.Activity;
import autopilot.sim.model.Scenario;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Plays a scenario's timeline: what ends or changes a given time after the simulator started
 * (transactions and in-flight queries with {@code endsAfter}, the disk's growth and freed space,
 * COPYs that run again). Each tick applies what has come due by then, each change at its own moment,
 * so the same scenario gives the same cluster at the same elapsed time, whatever the tick.
 */
final class Incident {

    private final Scenario scenario;
    private final Instant startedAt;
    private final Map<Integer, Duration> transactionEnds;
    /** What has been played and committed; a tick that fails plays its part again the next time. */
    private final Set<Integer> endedTransactions = new HashSet<>();
    private final Set<Integer> finishedInflight = new HashSet<>();
    private int[] loadRuns;
    /** What the current tick played, committed with it. */
    private final Set<Integer> endingTransactions = new HashSet<>();
    private final Set<Integer> finishingInflight = new HashSet<>();
    private int[] runningLoads;
    private List<Integer> inflightIds;

    Incident(Scenario scenario, Instant startedAt, Duration tick) {
        this.scenario = scenario;
        this.startedAt = startedAt;
        this.transactionEnds = transactionEnds(scenario.transactions(), tick);
        this.loadRuns = new int[scenario.activity().loads().size()];
    }

    /**
     * When each transaction (by pid) ends: its own {@code endsAfter}; a waiter without one a tick
     * after the last transaction holding a lock on a table it waits for (it gets its lock, runs and
     * commits); a transaction that waits on one that never ends, never.
     */
    static Map<Integer, Duration> transactionEnds(List<Scenario.Transaction> transactions, Duration tick) {
        Map<Integer, Duration> ends = new LinkedHashMap<>();
        for (int n = 0; n < transactions.size(); n++) {
            if (transactions.get(n).endsAfter() != null) {
                ends.put(pid(transactions, n), transactions.get(n).endsAfter());
            }
        }
        Map<Integer, Duration> waiters = new LinkedHashMap<>();
        Set<Integer> waitingOn = new HashSet<>();
        for (int n = 0; n < transactions.size(); n++) {
            Scenario.Transaction w = transactions.get(n);
            int waiter = pid(transactions, n);
            if (w.granted() || w.table() == null || ends.containsKey(waiter)) {
                continue;
            }
            Duration last = Duration.ZERO;
            for (int m = 0; m < transactions.size(); m++) {
                Scenario.Transaction h = transactions.get(m);
                if (h.granted() && w.table().equals(h.table()) && pid(transactions, m) != waiter) {
                    Duration end = ends.get(pid(transactions, m));
                    last = end == null || last == null ? null : (end.compareTo(last) > 0 ? end : last);
                }
            }
            if (last == null) {
                waitingOn.add(waiter);
            } else if (!last.isZero()) {
                waiters.merge(waiter, last.plus(tick), (a, b) -> a.compareTo(b) > 0 ? a : b);
            }
        }
        waitingOn.forEach(waiters::remove);
        ends.putAll(waiters);
        return ends;
    }

    /** A transaction entry's session, as the state writer gives it: its pid, else 30000 + its position. */
    private static int pid(List<Scenario.Transaction> transactions, int n) {
        Integer pid = transactions.get(n).pid();
        return pid == null ? 30_000 + n : pid;
    }

    /** Applies what has come due by {@code now}; the caller commits, then calls {@link #committed()}. */
    void play(Connection db, Instant now) throws SQLException {
        Duration elapsed = Duration.between(startedAt, now);
        endingTransactions.clear();
        finishingInflight.clear();
        runningLoads = loadRuns.clone();
        if (inflightIds == null) {
            inflightIds = LiveChanges.inflightQueryIds(db);
        }
        for (Map.Entry<Integer, Duration> end : transactionEnds.entrySet()) {
            if (elapsed.compareTo(end.getValue()) >= 0 && !endedTransactions.contains(end.getKey())
                    && endingTransactions.add(end.getKey())) {
                LiveChanges.endTransaction(db, end.getKey());
            }
        }
        List<Scenario.Inflight> inflight = scenario.inflight();
        for (int i = 0; i < inflight.size() && i < inflightIds.size(); i++) {
            Scenario.Inflight f = inflight.get(i);
            if (f.endsAfter() != null && elapsed.compareTo(f.endsAfter()) >= 0 && !finishedInflight.contains(i) && finishingInflight.add(i)) {
                LiveChanges.finishInflight(db, scenario, inflightIds.get(i), f, startedAt.plus(f.endsAfter()));
            }
        }
        Activity.Disk disk = scenario.activity().disk();
        if (disk.changes()) {
            LiveChanges.setDiskExtraUsedPct(db, disk.extraUsedPctAfter(elapsed));
        }
        List<Activity.Load> loads = scenario.activity().loads();
        for (int i = 0; i < loads.size(); i++) {
            Activity.Load load = loads.get(i);
            if (load.repeatEvery() == null) {
                continue;
            }
            // The k-th rerun ends k periods after the start; those before failUntil reject the load's lines.
            long due = elapsed.toNanos() / load.repeatEvery().toNanos();
            while (runningLoads[i] < due) {
                Duration at = load.repeatEvery().multipliedBy(++runningLoads[i]);
                boolean failing = load.failUntil() == null || at.compareTo(load.failUntil()) < 0;
                LiveChanges.rerunLoad(db, scenario, load, failing, startedAt.plus(at));
            }
        }
    }

    /** The tick's changes are committed: they are not played again. */
    void committed() {
        endedTransactions.addAll(endingTransactions);
        finishedInflight.addAll(finishingInflight);
        if (runningLoads != null) {
            loadRuns = runningLoads;
        }
    }
}
