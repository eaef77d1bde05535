package autopilot.alerting.paging;

import autopilot.events.CollectionGapDetected;
import autopilot.events.EventEnvelope;
import autopilot.events.Finding;
import autopilot.events.FindingCategory;
import autopilot.events.FindingRaised;
import autopilot.events.FindingResolved;
import autopilot.events.FindingUpdated;
import autopilot.events.MaintenanceCompleted;
import autopilot.events.MaintenanceFailed;
import autopilot.events.ObjectRef;
import autopilot.events.Severity;
import autopilot.events.TableRef;
import java.util.List;

/**
 * Which inbound events concern on-call: critical findings (raised, escalated, downgraded, resolved),
 * maintenance that failed for good (and the next completion on that table, which ends it), and
 * collection gaps. Everything else (warnings, skipped maintenance, retried failures, health figures)
 * only feeds metrics.
 */
public final class PageSignals {

    /** Category of a maintenance-failure page (not a finding category: maintenance outcomes are not findings). */
    public static final String MAINTENANCE_FAILED = "MAINTENANCE_FAILED";

    private PageSignals() {
    }

    public static List<Signal> from(EventEnvelope<?> event) {
        String cluster = event.clusterId();
        String type = event.eventType();
        Object payload = event.payload();
        if (payload instanceof FindingRaised raised) {
            return raised.finding().severity() == Severity.CRITICAL ? List.of(problem(cluster, raised.finding(), type)) : List.of();
        }
        if (payload instanceof FindingUpdated updated) {
            if (updated.finding().severity() == Severity.CRITICAL) {
                return List.of(problem(cluster, updated.finding(), type));
            }
            return updated.previousSeverity() == Severity.CRITICAL
                    ? List.of(resolution(cluster, updated.finding(), type, "severity lowered to " + updated.finding().severity()))
                    : List.of();
        }
        if (payload instanceof FindingResolved resolved) {
            return List.of(resolution(cluster, resolved.finding(), type, resolved.reason()));
        }
        if (payload instanceof MaintenanceFailed failed) {
            // A failure that will be retried is not yet a person's problem; the final one is.
            return failed.willRetry() ? List.of() : List.of(new Signal(Signal.Type.PROBLEM, cluster,
                    maintenanceFingerprint(cluster, failed.table()), Severity.CRITICAL, MAINTENANCE_FAILED,
                    "maintenance failed on " + PageText.tableName(failed.table()), PageText.maintenanceFailed(cluster, failed),
                    type));
        }
        if (payload instanceof MaintenanceCompleted completed) {
            return List.of(new Signal(Signal.Type.RESOLUTION, cluster, maintenanceFingerprint(cluster, completed.table()),
                    Severity.INFO, MAINTENANCE_FAILED, "maintenance failed on " + PageText.tableName(completed.table()),
                    PageText.maintenanceRecovered(cluster, completed), type));
        }
        if (payload instanceof CollectionGapDetected gap) {
            return List.of(new Signal(Signal.Type.PROBLEM, cluster,
                    Finding.fingerprint(cluster, FindingCategory.COLLECTION_GAP,
                            new ObjectRef(ObjectRef.Kind.SOURCE, gap.source(), null, null, null)),
                    Severity.WARNING, FindingCategory.COLLECTION_GAP.name(),
                    "collection gap in " + gap.source(), PageText.collectionGap(cluster, gap), type));
        }
        return List.of();
    }

    private static Signal problem(String cluster, Finding finding, String eventType) {
        return new Signal(Signal.Type.PROBLEM, cluster, finding.fingerprint(), finding.severity(),
                finding.category().name(), finding.title(), PageText.findingProblem(cluster, finding), eventType);
    }

    private static Signal resolution(String cluster, Finding finding, String eventType, String reason) {
        return new Signal(Signal.Type.RESOLUTION, cluster, finding.fingerprint(), finding.severity(),
                finding.category().name(), finding.title(), PageText.findingResolved(cluster, finding, reason), eventType);
    }

    /** Maintenance failures have no finding; their fingerprint follows the finding scheme with their own category. */
    static String maintenanceFingerprint(String cluster, TableRef table) {
        return cluster + "/" + MAINTENANCE_FAILED.toLowerCase() + "/table:" + table.database() + "." + table.schema()
                + "." + table.table();
    }
}
