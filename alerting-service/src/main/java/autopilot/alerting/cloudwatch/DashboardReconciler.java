package autopilot.alerting.cloudwatch;

import autopilot.alerting.config.AlertingConfig;
import autopilot.alerting.config.MonitoredClusters;
import autopilot.runtime.aws.AwsConfig;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.DashboardEntry;
import software.amazon.awssdk.services.cloudwatch.model.DashboardNotFoundErrorException;
import software.amazon.awssdk.services.cloudwatch.model.ResourceNotFoundException;

/**
 * Keeps one dashboard per monitored cluster or workgroup ({@code <prefix><id>}) equal to
 * {@link DashboardBuilder}'s, and deletes dashboards it made for clusters no longer configured
 * (prefix and managed note both present).
 */
@ApplicationScoped
public class DashboardReconciler {

    /** What one run did, by dashboard name. */
    public record Report(List<String> written, List<String> unchanged, List<String> deleted) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CloudWatchClient cloudWatch;
    private final AlertingConfig config;
    private final MonitoredClusters clusters;
    private final DashboardBuilder builder;

    DashboardReconciler(CloudWatchClient cloudWatch, AlertingConfig config, MonitoredClusters clusters, AwsConfig aws) {
        this.cloudWatch = cloudWatch;
        this.config = config;
        this.clusters = clusters;
        this.builder = new DashboardBuilder(aws.region(), config.metricsNamespace());
    }

    public String dashboardName(String clusterId) {
        return config.alarms().namePrefix() + clusterId;
    }

    public synchronized Report reconcile() {
        Report report = new Report(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        Map<String, MonitoredClusters.Target> targets = clusters.targets();
        java.util.Set<String> monitored = targets.keySet();
        for (String cluster : monitored) {
            String name = dashboardName(cluster);
            JsonNode desired = builder.build(cluster, targets.get(cluster));
            if (current(name).filter(desired::equals).isPresent()) {
                report.unchanged().add(name);
            } else {
                cloudWatch.putDashboard(b -> b.dashboardName(name).dashboardBody(desired.toString()));
                report.written().add(name);
            }
        }
        for (DashboardEntry entry : cloudWatch.listDashboardsPaginator(b -> b.dashboardNamePrefix(config.alarms().namePrefix()))
                .dashboardEntries()) {
            String name = entry.dashboardName();
            boolean wanted = monitored.stream().map(this::dashboardName).anyMatch(name::equals);
            if (!wanted && current(name).map(body -> body.toString().contains(DashboardBuilder.MANAGED_MARK)).orElse(false)) {
                cloudWatch.deleteDashboards(b -> b.dashboardNames(name));
                report.deleted().add(name);
            }
        }
        if (!report.written().isEmpty() || !report.deleted().isEmpty()) {
            Log.infof("Dashboards reconciled: written %s, deleted %s", report.written(), report.deleted());
        }
        return report;
    }

    private Optional<JsonNode> current(String name) {
        try {
            return Optional.of(JSON.readTree(cloudWatch.getDashboard(b -> b.dashboardName(name)).dashboardBody()));
        } catch (DashboardNotFoundErrorException | ResourceNotFoundException e) {
            return Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty(); // unreadable body: overwrite it
        }
    }
}
