package autopilot.alerting.cloudwatch;

import autopilot.alerting.config.AlertingConfig;
import autopilot.alerting.config.MonitoredClusters;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;

/**
 * Keeps CloudWatch's alarms equal to {@link AlarmCatalog}, idempotently: creates what is missing,
 * puts again what drifted, deletes alarms it owns that are no longer wanted. It owns an alarm only
 * when the name has the configured prefix and the alarm carries {@link AlarmSpec#OWNER_TAG}; other
 * alarms, even with the prefix, are never changed or deleted.
 */
@ApplicationScoped
public class AlarmReconciler {

    /** What one run did, by alarm name. */
    public record Report(List<String> created, List<String> updated, List<String> deleted, List<String> unchanged,
                         List<String> foreign) {
        public boolean changedNothing() {
            return created.isEmpty() && updated.isEmpty() && deleted.isEmpty();
        }
    }

    private final CloudWatchClient cloudWatch;
    private final AlertingConfig config;
    private final AlarmCatalog catalog;

    AlarmReconciler(CloudWatchClient cloudWatch, AlertingConfig config, MonitoredClusters clusters) {
        this.cloudWatch = cloudWatch;
        this.config = config;
        this.catalog = new AlarmCatalog(config, clusters::targets);
    }

    public synchronized Report reconcile() {
        Map<String, AlarmSpec> desired = catalog.desired();
        Map<String, MetricAlarm> existing = new LinkedHashMap<>();
        cloudWatch.describeAlarmsPaginator(b -> b.alarmNamePrefix(config.alarms().namePrefix())).metricAlarms()
                .forEach(a -> existing.put(a.alarmName(), a));
        Report report = new Report(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (AlarmSpec spec : desired.values()) {
            MetricAlarm current = existing.get(spec.name());
            if (current == null) {
                cloudWatch.putMetricAlarm(spec.toRequest());
                report.created().add(spec.name());
            } else if (!owned(current)) {
                report.foreign().add(spec.name());
                Log.warnf("Alarm %s exists but is not tagged as ours (%s=%s); left alone", spec.name(),
                        AlarmSpec.OWNER_TAG.key(), AlarmSpec.OWNER_TAG.value());
            } else if (!spec.matches(current)) {
                cloudWatch.putMetricAlarm(spec.toRequest());
                report.updated().add(spec.name());
            } else {
                report.unchanged().add(spec.name());
            }
        }
        List<String> stale = existing.values().stream()
                .filter(a -> !desired.containsKey(a.alarmName()))
                .filter(this::owned).map(MetricAlarm::alarmName).toList();
        if (!stale.isEmpty()) {
            // DeleteAlarms takes at most 100 names per call.
            for (int i = 0; i < stale.size(); i += 100) {
                List<String> chunk = stale.subList(i, Math.min(stale.size(), i + 100));
                cloudWatch.deleteAlarms(b -> b.alarmNames(chunk));
            }
            report.deleted().addAll(stale);
        }
        existing.keySet().stream().filter(n -> !desired.containsKey(n) && !stale.contains(n)).forEach(report.foreign()::add);
        if (!report.changedNothing()) {
            Log.infof("Alarms reconciled: created %s, updated %s, deleted %s", report.created(), report.updated(), report.deleted());
        }
        return report;
    }

    private boolean owned(MetricAlarm alarm) {
        return cloudWatch.listTagsForResource(b -> b.resourceARN(alarm.alarmArn())).tags().contains(AlarmSpec.OWNER_TAG);
    }
}
