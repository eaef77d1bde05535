package autopilot.alerting.paging;

import autopilot.events.Attribution;
import autopilot.events.Benefit;
import autopilot.events.CollectionGapDetected;
import autopilot.events.Evidence;
import autopilot.events.Finding;
import autopilot.events.MaintenanceCompleted;
import autopilot.events.MaintenanceFailed;
import autopilot.events.PageSent;
import autopilot.events.TableRef;
import java.util.Locale;

/**
 * The words of a page, for a person on call: a subject that fits SNS (ASCII, one line, under 100
 * characters) and names cluster and problem; a body with the evidence, the recommended action (SQL)
 * and a runbook line.
 */
public final class PageText {

    /** SNS: "Subjects must be ASCII text ... and must be less than 100 characters long." */
    public static final int SUBJECT_MAX = 99;
    /** Opens the line naming who causes a workload finding (users, query groups, queues with their shares). */
    static final String CAUSED_BY = "Caused by: ";

    private PageText() {
    }

    /** {@code [CRITICAL] c1: Table public.sales is 63% unsorted}, cut to fit. */
    public static String subject(PageSent.Kind kind, String severity, String clusterId, String title) {
        String tag = kind == PageSent.Kind.RESOLVED ? "RESOLVED" : kind == PageSent.Kind.DIGEST ? "DIGEST " + severity : severity;
        return fit("[" + tag + "] " + clusterId + ": " + title);
    }

    /** ASCII printable only, whitespace collapsed, cut with "..." to {@link #SUBJECT_MAX}. */
    static String fit(String text) {
        String ascii = text.replaceAll("\\s+", " ").replaceAll("[^\\x20-\\x7E]", "?").trim();
        return ascii.length() <= SUBJECT_MAX ? ascii : ascii.substring(0, SUBJECT_MAX - 3) + "...";
    }

    static String findingProblem(String cluster, Finding f) {
        StringBuilder b = header(cluster, f.title(), f.severity().name(), f.category().name(), f.fingerprint());
        link(b, f);
        b.append("Object: ").append(f.subject().key()).append('\n');
        b.append("First seen: ").append(f.firstSeen()).append("; last seen: ").append(f.lastSeen());
        if (f.snapshotId() != null) {
            b.append(" (snapshot ").append(f.snapshotId()).append(')');
        }
        if (f.attribution() != null && !f.attribution().isEmpty()) {
            b.append('\n').append(CAUSED_BY).append(attribution(f.attribution()));
        }
        b.append("\n\n").append(f.explanation()).append("\n\nEvidence:\n");
        for (Evidence e : f.evidence()) {
            b.append("  - ").append(evidence(e)).append('\n');
        }
        b.append('\n');
        if (f.action() != null) {
            b.append(PageSent.ACTION_LINE).append(" ").append(f.action().summary()).append('\n');
            for (String sql : f.action().sql()) {
                b.append("  ").append(sql).append('\n');
            }
        } else {
            b.append("Recommended action: none that can be run as SQL; investigate with the evidence above.\n");
        }
        Benefit benefit = f.benefit();
        if (benefit != null) {
            b.append("Estimated benefit: ").append(number(benefit.value())).append(' ').append(benefit.unit())
                    .append(" (").append(benefit.description()).append(")\n");
        }
        String runbook = f.action() != null && !f.action().runbook().isBlank() ? f.action().runbook()
                : "compare the evidence with the thresholds; the recommendation event for " + f.fingerprint()
                + " carries the full detail.";
        return b.append("Runbook: ").append(runbook).append('\n').toString();
    }

    static String findingResolved(String cluster, Finding f, String reason) {
        return link(header(cluster, "resolved: " + f.title(), f.severity().name(), f.category().name(), f.fingerprint()), f)
                .append("Why: ").append(reason).append("\nFirst seen: ").append(f.firstSeen())
                .append("; last seen: ").append(f.lastSeen())
                .append("\n\nRunbook: nothing to do; if it comes back within the repeat window it is not paged again.\n")
                .toString();
    }

    static String maintenanceFailed(String cluster, MaintenanceFailed m) {
        StringBuilder b = header(cluster, "maintenance failed on " + tableName(m.table()), "CRITICAL",
                PageSignals.MAINTENANCE_FAILED, PageSignals.maintenanceFingerprint(cluster, m.table()));
        b.append("Work item: ").append(m.workItemId()).append(" (attempt ").append(m.attempt()).append(", no retry left)\n")
                .append("Error: ").append(m.errorClass());
        if (m.sqlState() != null) {
            b.append(" (SQLSTATE ").append(m.sqlState()).append(')');
        }
        b.append("\n  ").append(m.message()).append("\n\n")
                .append("Recommended action: see what ran on the table, fix the cause, then let the next maintenance window retry:\n");
        if (m.table().tableId() != null) {
            b.append("  SELECT vacuum_type, status, start_time, end_time FROM sys_vacuum_history WHERE table_id = ")
                    .append(m.table().tableId()).append(" ORDER BY start_time DESC LIMIT 10;\n");
        } else {
            b.append("  SELECT vacuum_type, status, start_time, end_time FROM sys_vacuum_history WHERE schema_name = ")
                    .append(literal(m.table().schema())).append(" AND table_name = ").append(literal(m.table().table()))
                    .append(" ORDER BY start_time DESC LIMIT 10;\n");
        }
        return b.append("Runbook: a timeout means the table outgrew the window (widen it or split the work); a lock or ")
                .append("connection error usually clears by the next window; a permission error needs the grants in maintenance-service/README.md.\n")
                .toString();
    }

    static String maintenanceRecovered(String cluster, MaintenanceCompleted m) {
        return header(cluster, "maintenance ran again on " + tableName(m.table()), "INFO", PageSignals.MAINTENANCE_FAILED,
                PageSignals.maintenanceFingerprint(cluster, m.table()))
                .append("Work item ").append(m.workItemId()).append(" completed in ").append(m.durationMillis()).append(" ms:\n")
                .append(String.join("\n", m.statements().stream().map(s -> "  " + s).toList()))
                .append("\n\nRunbook: nothing to do.\n").toString();
    }

    static String collectionGap(String cluster, CollectionGapDetected gap) {
        return header(cluster, "collection gap in " + gap.source(), "WARNING", "COLLECTION_GAP",
                cluster + "/collection_gap/source:" + gap.source())
                .append("Lost range: ").append(gap.from()).append(" .. ").append(gap.to()).append('\n')
                .append("Why: ").append(gap.reason()).append("\n\n")
                .append("Recommended action: none in SQL; the cluster no longer holds this history. Make sure the ")
                .append("collector runs (ECS service events, its /q/health and logs) so the next gap does not happen.\n")
                .append("Runbook: findings about workload in the lost range are incomplete; table findings are unaffected.\n")
                .toString();
    }

    /** {@code db.schema.table}, as a person reads it. */
    static String tableName(TableRef t) {
        return t.database() + "." + t.schema() + "." + t.table();
    }

    /** A SQL string literal, for SQL shown to a person (names come from events and may hold quotes). */
    static String literal(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    /** The finding's console page, when the analyzer knows the console's address ({@code autopilot.console.base-url}). */
    static StringBuilder link(StringBuilder b, Finding f) {
        if (f.link() != null) {
            b.append(LINK_LINE).append(' ').append(f.link()).append('\n');
        }
        return b;
    }

    /** How a page's line with the finding's console page starts. */
    public static final String LINK_LINE = "Console:";

    private static StringBuilder header(String cluster, String problem, String severity, String category, String fingerprint) {
        return new StringBuilder().append("Cluster: ").append(cluster).append('\n')
                .append("Problem: ").append(problem).append('\n')
                .append("Severity: ").append(severity).append("; category: ").append(category).append('\n')
                .append("Fingerprint: ").append(fingerprint).append('\n');
    }

    /** The "Caused by: ..." line of a problem page's body, if its finding names who causes it. */
    static java.util.Optional<String> causedBy(String body) {
        return body.lines().filter(l -> l.startsWith(CAUSED_BY)).findFirst();
    }

    /** {@code user etl_user 72% (1234 s), user bi 20% (340 s), query group etl 70% (1200 s)}: who causes a workload finding. */
    static String attribution(java.util.List<Attribution> who) {
        return String.join(", ", who.stream().map(a -> a.by().name().toLowerCase(Locale.ROOT).replace('_', ' ') + " " + a.name() + " "
                + String.format(Locale.ROOT, a.sharePct() >= 10 ? "%.0f" : "%.1f", a.sharePct()) + "%" + (a.value() == null ? "" : " (" + amount(a.value(), a.unit()) + ")"))
                .toList());
    }

    /** An amount as a person reads it: seconds past two hours in hours ({@code 46.6 h}), whole seconds otherwise. */
    static String amount(double value, String unit) {
        if ("s".equals(unit)) {
            return value >= 7200 ? String.format(Locale.ROOT, "%.1f h", value / 3600) : String.format(Locale.ROOT, "%.0f s", value);
        }
        return number(value) + (unit == null ? "" : " " + unit);
    }

    private static String evidence(Evidence e) {
        StringBuilder b = new StringBuilder(e.name());
        if (e.value() != null) {
            b.append(" = ").append(number(e.value()));
            if (e.unit() != null) {
                b.append(' ').append(e.unit());
            }
        }
        if (e.threshold() != null) {
            b.append(" (threshold ").append(number(e.threshold())).append(e.unit() == null ? "" : " " + e.unit()).append(')');
        }
        if (e.detail() != null) {
            b.append(e.value() == null ? ": " : "; ").append(e.detail());
        }
        return b.toString();
    }

    static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%.2f", value);
    }
}
