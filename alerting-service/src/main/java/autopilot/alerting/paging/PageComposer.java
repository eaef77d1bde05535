package autopilot.alerting.paging;

import autopilot.events.PageSent;
import autopilot.events.Severity;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Turns a cluster's gathered page candidates into the pages that go out: one page each, or, when
 * there are more than the digest threshold (a storm, e.g. 300 findings from one snapshot), a
 * single digest page that lists them.
 */
public final class PageComposer {

    /** Lines of a digest that name single problems; the rest are counted. */
    static final int DIGEST_LINES = 100;

    /**
     * A page waiting to be sent, as recorded when its signal was accepted.
     *
     * @param id          store id
     * @param clusterId   cluster
     * @param fingerprint problem
     * @param kind        {@code PROBLEM} or {@code RESOLVED}
     * @param severity    severity
     * @param category    category
     * @param title       the problem in one line
     * @param body        full body for a single page
     */
    public record Candidate(long id, String clusterId, String fingerprint, PageSent.Kind kind, Severity severity,
                            String category, String title, String body) {
    }

    /** A page and the candidates it covers. */
    public record Composed(PageSent page, List<Long> candidateIds) {
    }

    private final int digestThreshold;
    private final Supplier<UUID> ids;

    public PageComposer(int digestThreshold, Supplier<UUID> ids) {
        this.digestThreshold = digestThreshold;
        this.ids = ids;
    }

    /** Pages for one cluster's candidates (all of the same cluster), oldest first. */
    public List<Composed> compose(String clusterId, List<Candidate> candidates) {
        if (candidates.size() <= digestThreshold) {
            return candidates.stream().map(c -> new Composed(new PageSent(ids.get().toString(), c.kind(), c.severity(),
                    c.category(), PageText.subject(c.kind(), c.severity().name(), clusterId, c.title()), c.body(),
                    List.of(c.fingerprint())), List.of(c.id()))).toList();
        }
        return List.of(new Composed(digest(clusterId, candidates), candidates.stream().map(Candidate::id).toList()));
    }

    private PageSent digest(String clusterId, List<Candidate> candidates) {
        long started = candidates.stream().filter(c -> c.kind() == PageSent.Kind.PROBLEM).count();
        long resolved = candidates.size() - started;
        Severity highest = candidates.stream().filter(c -> c.kind() == PageSent.Kind.PROBLEM).map(Candidate::severity)
                .min(Comparator.naturalOrder()).orElse(Severity.INFO);
        Map<String, Long> byCategory = candidates.stream()
                .collect(Collectors.groupingBy(Candidate::category, TreeMap::new, Collectors.counting()));
        String title = started + " problems started, " + resolved + " resolved";
        StringBuilder body = new StringBuilder()
                .append("Cluster: ").append(clusterId).append('\n')
                .append("Digest: ").append(title).append(" at about the same time (one page instead of ")
                .append(candidates.size()).append(").\n")
                .append("By category: ").append(byCategory.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                        .collect(Collectors.joining(", "))).append("\n\n");
        candidates.stream().sorted(Comparator.comparing(Candidate::kind).thenComparing(Candidate::severity))
                .limit(DIGEST_LINES).forEach(c -> {
                    body.append("  - ").append(c.kind() == PageSent.Kind.RESOLVED ? "RESOLVED" : c.severity())
                            .append(' ').append(c.category()).append(": ").append(c.title()).append(" [").append(c.fingerprint())
                            .append("]\n");
                    // Each line keeps its finding's console page, so the digest is one click from the detail.
                    c.body().lines().filter(l -> l.startsWith(PageText.LINK_LINE)).findFirst()
                            .ifPresent(l -> body.append("      ").append(l).append('\n'));
                    // Who causes it (workload findings) stays on its line, so a storm still says whom to call.
                    if (c.kind() == PageSent.Kind.PROBLEM) {
                        PageText.causedBy(c.body()).ifPresent(who -> body.append("      ").append(who).append('\n'));
                    }
                    // A storm must not take the statements to copy (terminate a blocker, cancel a runaway query) off the critical lines.
                    if (c.kind() == PageSent.Kind.PROBLEM && c.severity() == Severity.CRITICAL) {
                        PageSent.statements(c.body()).forEach(sql -> body.append("      ").append(sql).append('\n'));
                    }
                });
        if (candidates.size() > DIGEST_LINES) {
            body.append("  ... and ").append(candidates.size() - DIGEST_LINES).append(" more\n");
        }
        body.append("\nRecommended action: start with the CRITICAL lines (their statements are under them; copy, never run unread);")
                .append(" each finding's SQL is in its recommendation event ")
                .append("and in GET /api/v1/alerts of the alerting service.\n")
                .append("Runbook: many problems at once usually share a cause (a large load, a failed maintenance window, ")
                .append("a WLM change); check the cluster dashboard before acting on single tables.\n");
        List<String> fingerprints = candidates.stream().map(Candidate::fingerprint).toList();
        return new PageSent(ids.get().toString(), PageSent.Kind.DIGEST, highest, "DIGEST",
                PageText.subject(PageSent.Kind.DIGEST, highest.name(), clusterId, title), body.toString(), fingerprints);
    }
}
