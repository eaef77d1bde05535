package autopilot.alerting.cloudwatch;

import autopilot.registry.ClusterRegistry;
import io.quarkus.logging.Log;
import jakarta.enterprise.event.Observes;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Reconciles alarms and dashboards at start-up and then every {@code reconcile-interval}, which
 * also repairs hand edits and recreates what an outage or a deletion removed. A failure (CloudWatch
 * unreachable) is logged and retried at the next run; it never stops the service.
 */
@ApplicationScoped
class ReconcileSchedule {

    private final AlarmReconciler alarms;
    private final DashboardReconciler dashboards;

    ReconcileSchedule(AlarmReconciler alarms, DashboardReconciler dashboards) {
        this.alarms = alarms;
        this.dashboards = dashboards;
    }

    /** A cluster discovered or dropped gets or loses its alarms and dashboard now, not at the next run. */
    void registryChanged(@Observes ClusterRegistry.Change change) {
        run();
    }

    @Scheduled(every = "${autopilot.alerting.alarms.reconcile-interval:15m}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        try {
            alarms.reconcile();
            dashboards.reconcile();
        } catch (SdkException e) {
            Log.warnf("Alarms/dashboards not reconciled (%s); retried at the next run", e.getMessage());
        }
    }
}
