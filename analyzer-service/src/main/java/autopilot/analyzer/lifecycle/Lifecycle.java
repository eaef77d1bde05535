package autopilot.analyzer.lifecycle;

import autopilot.analyzer.rules.FindingDraft;
import autopilot.events.Evidence;
import autopilot.events.Finding;
import autopilot.events.FindingCategory;
import autopilot.events.ObjectRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Raised once, updated while it persists, resolved when data that could show it no longer does.
 * Pure: open findings and this analysis's drafts in, transitions out. A finding whose category
 * was not evaluated (its data was not in this snapshot) is left alone.
 *
 * <p>A finding keeps its identity whatever sources a snapshot carries. A workload finding about a
 * table the catalog did not know yet (a workload-only snapshot before any SVV_TABLE_INFO, or a table
 * created since) can only be named as STL_SCAN names it, without database and schema; once a
 * snapshot brings the catalog it is named {@code schema.table}. Both name the same table id, so the
 * later draft continues the open finding under its fingerprint (with the fuller name) instead of
 * resolving it and raising a second one: subscribers would otherwise hear a resolve that is not true.
 */
public final class Lifecycle {

    private Lifecycle() {
    }

    public static List<Transition> apply(String clusterId, Map<String, Finding> open, List<FindingDraft> drafts,
                                         Set<FindingCategory> evaluated, Instant now, UUID snapshotId) {
        Map<String, FindingDraft> current = new LinkedHashMap<>();
        for (FindingDraft draft : drafts) {
            String fingerprint = Finding.fingerprint(clusterId, draft.category(), draft.subject());
            if (!open.containsKey(fingerprint)) fingerprint = sameTable(open, draft).orElse(fingerprint);
            current.putIfAbsent(fingerprint, draft);
        }
        List<Transition> transitions = new ArrayList<>();
        current.forEach((fingerprint, draft) -> {
            Finding before = open.get(fingerprint);
            // A draft that knows the table only by STL_SCAN's name does not take the catalog's name away again.
            ObjectRef subject = before != null && named(before.subject()) && !named(draft.subject()) ? before.subject() : draft.subject();
            Finding after = new Finding(fingerprint, draft.category(), draft.severity(), subject, draft.title(),
                    draft.explanation(), draft.evidence(), draft.action(), draft.benefit(),
                    before == null ? now : before.firstSeen(), now, snapshotId, draft.attribution().isEmpty() ? null : draft.attribution(),
                    null);
            if (before == null) {
                transitions.add(new Transition.Raised(after));
            } else if (before.severity() != after.severity() || !before.subject().equals(after.subject())
                    || materiallyChanged(before, after)) {
                transitions.add(new Transition.Updated(after, before.severity()));
            } else {
                transitions.add(new Transition.Refreshed(after));
            }
        });
        open.forEach((fingerprint, finding) -> {
            if (!current.containsKey(fingerprint) && evaluated.contains(finding.category())) {
                transitions.add(new Transition.Resolved(finding, reason(finding, now)));
            }
        });
        return transitions;
    }

    /**
     * The open finding of the draft's category about the same table id, where one of the two knows the table only by the
     * name STL_SCAN gave it (no schema): the same finding, named before and after the catalog was known.
     */
    private static Optional<String> sameTable(Map<String, Finding> open, FindingDraft draft) {
        ObjectRef s = draft.subject();
        if (s.kind() != ObjectRef.Kind.TABLE || s.id() == null) return Optional.empty();
        return open.values().stream()
                .filter(f -> f.category() == draft.category() && f.subject().kind() == ObjectRef.Kind.TABLE
                        && s.id().equals(f.subject().id()) && (!named(f.subject()) || !named(s)))
                .map(Finding::fingerprint).sorted().findFirst();
    }

    /** Whether a table reference comes from the catalog (database and schema known), not only from STL_SCAN. */
    private static boolean named(ObjectRef table) {
        return table.schema() != null;
    }

    /**
     * Whether the headline measurement (the first evidence compared to a threshold) moved by more
     * than 10 %: subscribers hear about that, not about every refreshed count.
     */
    static boolean materiallyChanged(Finding before, Finding after) {
        Evidence a = headline(before);
        Evidence b = headline(after);
        if (a == null || b == null) return a != b;
        if (!a.name().equals(b.name())) return true;
        double base = Math.max(Math.abs(a.value()), 1e-9);
        return Math.abs(b.value() - a.value()) / base > 0.10;
    }

    private static Evidence headline(Finding finding) {
        return finding.evidence().stream().filter(e -> e.threshold() != null && e.value() != null).findFirst().orElse(null);
    }

    private static String reason(Finding finding, Instant now) {
        Evidence first = finding.evidence().stream().filter(e -> e.threshold() != null).findFirst().orElse(null);
        String what = first == null ? finding.category().name().toLowerCase().replace('_', ' ')
                : first.name() + " is back within " + format(first.threshold()) + (first.unit() == null ? "" : " " + first.unit());
        return "the snapshot of " + now + " no longer shows it: " + what;
    }

    private static String format(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
