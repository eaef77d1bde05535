package autopilot.analyzer.console;

import io.quarkus.qute.RawString;
import java.time.Instant;
import java.util.List;

/** What the console's templates show: plain values, formatted for people, so templates only place them. */
final class Views {

    private Views() {
    }

    record ClusterRow(String id, String href, int critical, int warning, int info, Instant lastAnalyzed, Instant workloadUpTo,
                      String lag, String designHref) {
        public int open() {
            return critical + warning + info;
        }
    }

    record FindingRow(String fingerprint, String href, String title, String severity, String category, String subject, String benefit,
                      Instant firstSeen, Instant lastSeen) {
    }

    /** A value one can filter by, with how many findings it has and the link that filters by it. */
    record Choice(String name, int count, String href, boolean selected) {
    }

    record EvidenceRow(String name, String value, String threshold, String detail, boolean crossed) {
    }

    record EventRow(String kind, Instant at, String severity, String previousSeverity, String title, String reason) {
    }

    record AttributionRow(String by, String name, String share, String value) {
    }

    record Chart(String id, String heading, RawString svg) {
    }

    record Detail(FindingRow row, String cluster, String clusterHref, String explanation, List<EvidenceRow> evidence, String actionSummary,
                  String sql, String runbook, String benefitDescription, List<AttributionRow> attribution, List<EventRow> history,
                  List<Chart> charts, String status, Instant resolvedAt, String resolveReason) {
    }

    /** One table's design advice: every finding about it and all their statements, in order, to run together. */
    record DesignGroup(String table, String anchor, List<FindingRow> findings, String sql) {
    }
}
