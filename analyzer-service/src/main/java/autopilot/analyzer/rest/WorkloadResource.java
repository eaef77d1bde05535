package autopilot.analyzer.rest;

import autopilot.analyzer.model.Workload;
import autopilot.analyzer.model.WorkloadView;
import autopilot.analyzer.rules.Thresholds;
import autopilot.analyzer.state.WorkloadHours;
import io.agroal.api.AgroalDataSource;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Who causes a cluster's load (issue 20): the stored workload of the last window (the workload findings' window,
 * {@code workload-window}, a day by default) by user, query group or WLM queue, ending where the workload is counted up to.
 */
@Path("/api/v1/workload")
@Produces(MediaType.APPLICATION_JSON)
public class WorkloadResource {

    private final AgroalDataSource state;
    private final WorkloadHours workload;
    private final Thresholds thresholds;

    WorkloadResource(AgroalDataSource state, WorkloadHours workload, Thresholds thresholds) {
        this.state = state;
        this.workload = workload;
        this.thresholds = thresholds;
    }

    @GET
    public Response view(@QueryParam("cluster") String cluster, @QueryParam("by") String by) throws SQLException {
        if (cluster == null || cluster.isBlank()) return error(Response.Status.BAD_REQUEST, "cluster is required, e.g. ?cluster=prod&by=user");
        WorkloadView.By rows = WorkloadView.By.parse(by);
        if (rows == null) return error(Response.Status.BAD_REQUEST, "by must be user, query_group or queue, was " + by);
        try (Connection c = state.getConnection()) {
            Optional<Instant> to = workload.countedUpTo(c, cluster);
            if (to.isEmpty()) {
                return error(Response.Status.NOT_FOUND, "no workload is known for cluster " + cluster
                        + ": it is not monitored, or no snapshot with queries was analysed yet");
            }
            Map<Instant, Workload> hours = workload.window(c, cluster, to.get().minus(thresholds.workloadWindow()));
            return Response.ok(WorkloadView.of(cluster, rows, hours, to.get(), thresholds.workloadWindow())).build();
        }
    }

    private static Response error(Response.Status status, String message) {
        return Response.status(status).entity(Map.of("error", message)).build();
    }
}
