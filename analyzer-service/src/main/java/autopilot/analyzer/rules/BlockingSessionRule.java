package autopilot.analyzer.rules;

import autopilot.analyzer.model.OnCall;
import autopilot.analyzer.model.TableState;
import autopilot.analyzer.model.Workload;
import autopilot.analyzer.snapshot.SnapshotData;
import autopilot.events.Evidence;
import autopilot.events.FindingCategory;
import autopilot.events.ObjectRef;
import autopilot.events.RecommendedAction;
import autopilot.events.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Sessions that block others: an open transaction holding a table lock another transaction waits
 * for (SVV_TRANSACTIONS, {@code granted} false), critical once the longest wait reaches
 * {@code locks.block-seconds}. Redshift has three lock modes (AWS Knowledge Center, "How do I detect
 * and release locks in Amazon Redshift?", repost.aws/knowledge-center/prevent-locks-blocking-queries-redshift):
 * AccessExclusiveLock blocks every other; ShareRowExclusiveLock blocks AccessExclusiveLock and
 * another ShareRowExclusiveLock; AccessShareLock blocks only AccessExclusiveLock. A mode outside
 * these counts as conflicting: a blocker wrongly named is checked by a person, a missed one is not.
 *
 * <p>The action is {@code SELECT PG_TERMINATE_BACKEND(pid);} to copy, never a work item: terminating
 * a session rolls back its transaction (PG_TERMINATE_BACKEND page), which only its owner can weigh.
 * The headline is the number of waiting sessions, not the growing wait, so a blocker that stays
 * is refreshed each snapshot, not updated.
 */
public final class BlockingSessionRule implements Rule {

    /** The lock modes of Redshift, weakest first. */
    private enum Mode {
        ACCESS_SHARE, SHARE_ROW_EXCLUSIVE, ACCESS_EXCLUSIVE;

        static Mode of(String name) {
            if (name == null) return null;
            return switch (name.trim()) {
                case "AccessShareLock" -> ACCESS_SHARE;
                case "ShareRowExclusiveLock" -> SHARE_ROW_EXCLUSIVE;
                case "AccessExclusiveLock" -> ACCESS_EXCLUSIVE;
                default -> null;
            };
        }
    }

    /** Whether a lock held in one mode keeps a lock in the other from being granted; unknown modes conflict. */
    static boolean conflicts(String held, String wanted) {
        Mode h = Mode.of(held);
        Mode w = Mode.of(wanted);
        if (h == null || w == null) return true;
        return switch (h) {
            case ACCESS_EXCLUSIVE -> true;
            case SHARE_ROW_EXCLUSIVE -> w != Mode.ACCESS_SHARE;
            case ACCESS_SHARE -> w == Mode.ACCESS_EXCLUSIVE;
        };
    }

    /**
     * One session waiting for a lock another holds.
     *
     * @param seconds how long the waiter has waited: since its running statement started, else since its transaction did
     */
    public record Wait(OnCall.Lock waiter, OnCall.Lock holder, double seconds) {
    }

    @Override
    public Scope scope() {
        return Scope.WORKLOAD;
    }

    @Override
    public Set<FindingCategory> categories() {
        return Set.of(FindingCategory.BLOCKING_SESSION);
    }

    @Override
    public Set<String> sources() {
        return Set.of(SnapshotData.LOCKS);
    }

    /** Every (waiter, holder) pair of conflicting table locks, with the waiter's wait at {@code now}. */
    public static List<Wait> waits(OnCall onCall, Instant now) {
        Map<Long, Instant> statementStart = new HashMap<>();
        for (OnCall.Running r : onCall.running()) {
            if (r.pid() != null && r.start() != null) statementStart.merge(r.pid(), r.start(), (a, b) -> a.isBefore(b) ? a : b);
        }
        List<OnCall.Lock> held = onCall.locks().stream().filter(l -> l.onTable() && l.granted()).toList();
        List<Wait> waits = new ArrayList<>();
        for (OnCall.Lock w : onCall.locks()) {
            if (!w.onTable() || w.granted()) continue;
            Instant since = statementStart.getOrDefault(w.pid(), w.txnStart());
            double seconds = since == null ? 0 : Math.max(0, Duration.between(since, now).toMillis() / 1000.0);
            for (OnCall.Lock h : held) {
                if (h.pid() != w.pid() && h.tableId().equals(w.tableId()) && conflicts(h.mode(), w.mode())) {
                    waits.add(new Wait(w, h, seconds));
                }
            }
        }
        return waits;
    }

    @Override
    public List<FindingDraft> evaluate(ClusterView view) {
        Thresholds t = view.thresholds();
        OnCall onCall = view.onCall();
        Instant now = onCall.observedAt() != null ? onCall.observedAt() : view.asOf();
        Map<Long, List<Wait>> byBlocker = new TreeMap<>();
        for (Wait w : waits(onCall, now)) byBlocker.computeIfAbsent(w.holder().pid(), p -> new ArrayList<>()).add(w);
        Map<Long, TableState> tables = view.tablesById();
        List<FindingDraft> drafts = new ArrayList<>();
        byBlocker.forEach((pid, waits) -> {
            double longest = waits.stream().mapToDouble(Wait::seconds).max().orElse(0);
            if (longest >= t.locks().blockSeconds()) drafts.add(draft(view, pid, waits, longest, tables, now));
        });
        return drafts;
    }

    private static FindingDraft draft(ClusterView view, long pid, List<Wait> waits, double longest, Map<Long, TableState> tables,
                                      Instant now) {
        Thresholds t = view.thresholds();
        OnCall.Lock blocker = waits.get(0).holder();
        // One line per waiting session, the tables it waits for named once each.
        Map<Long, List<Wait>> byWaiter = new LinkedHashMap<>();
        waits.stream().sorted(Comparator.comparingDouble(Wait::seconds).reversed().thenComparingLong(w -> w.waiter().pid()))
                .forEach(w -> byWaiter.computeIfAbsent(w.waiter().pid(), p -> new ArrayList<>()).add(w));
        Set<String> lockedTables = new TreeSet<>();
        Set<String> heldLocks = new TreeSet<>();
        for (Wait w : waits) {
            String table = tableName(tables, w.holder().tableId());
            lockedTables.add(table);
            heldLocks.add(w.holder().mode() + " on " + table);
        }
        Double txnAge = blocker.txnStart() == null ? null : Math.max(0, Duration.between(blocker.txnStart(), now).toMillis() / 1000.0);
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(Evidence.measured("waiting_sessions", byWaiter.size(), "sessions", 1.0));
        evidence.add(Evidence.measured("longest_wait_seconds", Math.round(longest), "s", t.locks().blockSeconds()));
        evidence.add(Evidence.measured("blocker_pid", pid, null, null));
        evidence.add(Evidence.text("blocker_user", String.valueOf(blocker.user())));
        if (blocker.database() != null) evidence.add(Evidence.text("blocker_database", blocker.database()));
        if (blocker.xid() != null) evidence.add(Evidence.measured("blocker_xid", blocker.xid(), null, null));
        if (txnAge != null) evidence.add(Evidence.measured("transaction_age_seconds", Math.round(txnAge), "s", null));
        evidence.add(Evidence.text("locks_held", String.join("; ", heldLocks)));
        OnCall.Statement last = blocker.xid() == null ? null : view.onCall().statements().get(blocker.xid());
        String lastText = last == null ? "not known (no statement of the transaction in SYS_QUERY_HISTORY)"
                : (last.text() == null ? "" : last.text()) + " (" + last.status() + (last.start() == null ? "" : ", started " + last.start()) + ")";
        evidence.add(Evidence.text("last_statement", lastText));
        byWaiter.forEach((waiterPid, ws) -> {
            Wait w = ws.get(0);
            Set<String> wanted = new TreeSet<>();
            ws.forEach(x -> wanted.add(x.waiter().mode() + " on " + tableName(tables, x.waiter().tableId())));
            evidence.add(new Evidence("waiting_session", (double) Math.round(w.seconds()), "s", null,
                    "pid " + waiterPid + ", user " + w.waiter().user() + ", wants " + String.join("; ", wanted)));
        });
        Workload workload = view.workload();
        long conflicts = 0;
        for (Wait w : waits) {
            Workload.Conflicts c = workload == null ? null : workload.conflicts.get(w.holder().tableId());
            if (c != null) conflicts += c.count;
        }
        if (conflicts > 0) {
            evidence.add(Evidence.measured("serialization_conflicts_in_window", conflicts, "conflicts", null));
        }
        String tablesText = String.join(", ", lockedTables);
        String title = "Session " + pid + " (" + blocker.user() + ") blocks " + byWaiter.size() + " session"
                + (byWaiter.size() == 1 ? "" : "s") + " on " + tablesText + ", the longest waiting " + minutes(longest);
        String explanation = "Transaction " + blocker.xid() + " of " + blocker.user() + " holds " + String.join("; ", heldLocks)
                + (txnAge == null ? "" : " and has been open " + minutes(txnAge)) + ". " + byWaiter.size() + " session"
                + (byWaiter.size() == 1 ? " waits" : "s wait") + " for a lock it blocks, the longest " + minutes(longest)
                + "; Redshift keeps them waiting until the transaction ends (no lock timeout unless statement_timeout is set)."
                + (conflicts > 0 ? " The same tables saw " + conflicts + " serializable isolation conflicts in the window." : "")
                + " Last statement of the blocking transaction: " + lastText + ".";
        RecommendedAction action = new RecommendedAction("Terminate the blocking session after checking with its owner ("
                + blocker.user() + ")", List.of("SELECT PG_TERMINATE_BACKEND(" + pid + ");"),
                "Copy the statement; Autopilot never runs it. Terminating the session rolls back its open transaction and releases"
                        + " its locks (PG_TERMINATE_BACKEND), so whatever it wrote is lost. An idle session in a transaction usually"
                        + " means a client that did not commit. If the blocker is Autopilot's own VACUUM or ANALYZE (query_group "
                        + t.runaway().ignoredQueryGroup() + "), terminating it is safe: the maintenance service retries it.");
        ObjectRef subject = new ObjectRef(ObjectRef.Kind.SESSION, "pid " + pid + " xid " + blocker.xid(), null, null, pid);
        return new FindingDraft(FindingCategory.BLOCKING_SESSION, Severity.CRITICAL, subject, title, explanation, evidence, action,
                null, null);
    }

    static String tableName(Map<Long, TableState> tables, long tableId) {
        TableState table = tables.get(tableId);
        return table != null ? table.qualifiedName() : "table id " + tableId;
    }

    /** A duration for people: seconds under two minutes, else whole minutes. */
    static String minutes(double seconds) {
        return seconds < 120 ? Math.round(seconds) + " s" : Math.round(seconds / 60) + " min";
    }
}
