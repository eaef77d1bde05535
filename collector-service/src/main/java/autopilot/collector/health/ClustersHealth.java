package autopilot.collector.health;

import autopilot.collector.cluster.ClusterStatus;
import autopilot.collector.snapshot.CollectionService;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Each cluster's state (UP / DOWN with the reason). A cluster that is down does not make the
 * service unready: the others are still collected.
 */
@Readiness
@ApplicationScoped
class ClustersHealth implements HealthCheck {

    private final CollectionService collections;

    ClustersHealth(CollectionService collections) {
        this.collections = collections;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("clusters").up();
        for (ClusterStatus s : collections.statuses().values()) {
            response.withData(s.clusterId(), s.up() ? "UP" : "DOWN" + (s.lastError() == null ? "" : ": " + s.lastError()));
        }
        return response.build();
    }
}
