package autopilot.collector.rest;

import autopilot.collector.cluster.ClusterStatus;
import autopilot.collector.cluster.UnknownClusterException;
import autopilot.collector.config.CollectorConfig;
import autopilot.collector.snapshot.CollectionService;
import autopilot.collector.snapshot.Watermarks;
import autopilot.collector.source.Source;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Clusters' status, and collection on demand. */
@Path("/api/v1/clusters")
@Produces(MediaType.APPLICATION_JSON)
public class ClustersResource {

    /** One cluster as the API shows it. */
    public record ClusterView(String id, boolean up, String kind, Instant lastCollection, String lastSnapshotId,
                              String lastError, long failures, Map<String, Instant> watermarks, Long lagSeconds) {
    }

    /** Answer of a triggered collection. */
    public record Collected(String clusterId, String snapshotId) {
    }

    private final CollectionService collections;
    private final Watermarks watermarks;
    private final CollectorConfig config;
    private final Clock clock;

    ClustersResource(CollectionService collections, Watermarks watermarks, CollectorConfig config, Clock clock) {
        this.collections = collections;
        this.watermarks = watermarks;
        this.config = config;
        this.clock = clock;
    }

    @GET
    public List<ClusterView> clusters() {
        return collections.statuses().values().stream().map(this::view).toList();
    }

    @POST
    @Path("/{id}/collect")
    public Response collect(@PathParam("id") String id) {
        if (!config.clusters().containsKey(id)) {
            return Response.status(Response.Status.NOT_FOUND)
                    .entity(Map.of("error", new UnknownClusterException(id, config.clusters().keySet()).getMessage())).build();
        }
        try {
            String snapshotId = collections.collect(id, List.of(Source.Group.TABLE_HEALTH, Source.Group.WORKLOAD)).toString();
            return Response.ok(new Collected(id, snapshotId)).build();
        } catch (RuntimeException e) {
            return Response.status(Response.Status.SERVICE_UNAVAILABLE).entity(Map.of("error", String.valueOf(e.getMessage()))).build();
        }
    }

    private ClusterView view(ClusterStatus s) {
        Map<String, Instant> marks = watermarks.all(s.clusterId());
        Long lag = marks.values().stream().min(Instant::compareTo)
                .map(w -> Duration.between(w, clock.instant()).toSeconds()).orElse(null);
        return new ClusterView(s.clusterId(), s.up(), s.kind(), s.lastCollection(), s.lastSnapshotId(), s.lastError(),
                s.failures(), marks, lag);
    }
}
