package autopilot.sim.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Fills the defaults of what happens now ({@code inflight} queries, open {@code transactions}) and
 * checks them against the rest of the scenario, with the moments live mode ends them at; every
 * problem names its path ({@code transactions[2].lockMode: ...}).
 */
final class StateCheck {

    static final Set<String> STATES = Set.of("Running", "Queued");
    static final Set<String> END_STATUSES = Set.of("success", "canceled");
    static final Set<String> LOCK_MODES = Set.of("AccessShareLock", "ShareRowExclusiveLock", "AccessExclusiveLock");

    private final ActivityCheck references;
    private final List<String> databases;
    private final boolean live;
    private final List<String> problems;

    /** {@code references} checks users and tables, adding to {@code problems} as this does. */
    StateCheck(ActivityCheck references, List<String> databases, boolean live, List<String> problems) {
        this.references = references;
        this.databases = databases;
        this.live = live;
        this.problems = problems;
    }

    /** In-flight queries; {@code firstUser} runs those that name no user. */
    List<Scenario.Inflight> inflight(List<Scenario.Inflight> given, String firstUser) {
        List<Scenario.Inflight> inflight = new ArrayList<>();
        Map<Integer, Integer> pids = new HashMap<>();
        for (int i = 0; i < given.size(); i++) {
            Scenario.Inflight f = given.get(i);
            String at = "inflight[" + i + "]";
            String state = f.state() == null ? "Running" : STATES.stream().filter(s -> s.equalsIgnoreCase(f.state())).findFirst().orElse(null);
            if (state == null) {
                problems.add(at + ".state: expected Running or Queued, found " + f.state());
            }
            if (f.text() == null || f.text().isBlank()) {
                problems.add(at + ".text: missing");
            }
            if (f.user() != null) {
                references.user(f.user(), at);
            }
            if (f.pid() != null) {
                Integer other = pids.put(f.pid(), i);
                if (f.pid() <= 0) {
                    problems.add(at + ".pid: a process id is positive, found " + f.pid());
                } else if (other != null) {
                    problems.add(at + ".pid: " + f.pid() + " is the pid of inflight[" + other + "]; a session runs one query at a time");
                }
            }
            String endStatus = f.endStatus() == null ? "success" : f.endStatus().toLowerCase(java.util.Locale.ROOT);
            if (!END_STATUSES.contains(endStatus)) {
                problems.add(at + ".endStatus: expected success or canceled, found " + f.endStatus());
            } else if (f.endStatus() != null && f.endsAfter() == null) {
                problems.add(at + ".endStatus: only a query that ends has an end status; give endsAfter too");
            }
            TimelineCheck.moment(f.endsAfter(), live, at + ".endsAfter", problems);
            inflight.add(new Scenario.Inflight(f.text(), f.user() == null ? firstUser : f.user(),
                    f.serviceClass() == 0 ? 6 : f.serviceClass(), state == null ? f.state() : state,
                    f.ago() == null ? Duration.ofSeconds(30) : f.ago(), ScenarioLoader.database(f.database(), databases, at, problems),
                    ScenarioLoader.label(f.label(), at, problems), f.pid(), f.endsAfter(), endStatus));
        }
        return inflight;
    }

    /**
     * Open transactions, each entry with its pid (default: 30000 + its position); the entries of one
     * pid are one transaction, so they may not disagree on its last statement or its end.
     */
    List<Scenario.Transaction> transactions(List<Scenario.Transaction> given) {
        List<Scenario.Transaction> transactions = new ArrayList<>();
        Map<Integer, Scenario.Transaction> byPid = new HashMap<>();
        for (int i = 0; i < given.size(); i++) {
            Scenario.Transaction t = given.get(i);
            String at = "transactions[" + i + "]";
            if (t.table() != null) {
                references.table(t.table(), at);
            }
            String user = references.user(t.user(), at);
            String lockMode = t.lockMode() == null ? "AccessShareLock" : t.lockMode();
            if (!LOCK_MODES.contains(lockMode)) {
                problems.add(at + ".lockMode: expected AccessShareLock, ShareRowExclusiveLock or AccessExclusiveLock, found " + lockMode);
            }
            if (t.ago() == null || t.ago().isNegative()) {
                problems.add(at + ".ago: how long before load time it started (e.g. PT5M), found " + t.ago());
            }
            if (t.statement() != null && t.statement().isBlank()) {
                problems.add(at + ".statement: blank; leave it out or give the statement's text");
            }
            TimelineCheck.moment(t.endsAfter(), live, at + ".endsAfter", problems);
            int pid = t.pid() == null ? 30_000 + i : t.pid();
            Scenario.Transaction same = byPid.putIfAbsent(pid, new Scenario.Transaction(user, t.table(), lockMode, t.ago(), pid,
                    t.granted(), t.statement(), t.endsAfter()));
            if (same != null && !user.equals(same.user())) {
                problems.add(at + ".user: the entries of pid " + pid + " are one transaction, of " + same.user() + ", found " + user);
            }
            if (same != null && disagree(same.statement(), t.statement())) {
                problems.add(at + ".statement: the entries of pid " + pid + " are one transaction; they name different statements");
            }
            if (same != null && disagree(same.endsAfter(), t.endsAfter())) {
                problems.add(at + ".endsAfter: the entries of pid " + pid + " are one transaction; they end it at "
                        + same.endsAfter() + " and " + t.endsAfter());
            }
            transactions.add(new Scenario.Transaction(user, t.table(), lockMode, t.ago() == null ? Duration.ZERO : t.ago(), pid,
                    t.granted(), t.statement(), t.endsAfter()));
        }
        return transactions;
    }

    private static boolean disagree(Object a, Object b) {
        return a != null && b != null && !Objects.equals(a, b);
    }
}
