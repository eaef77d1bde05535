package autopilot.collector.rest;

import autopilot.collector.cluster.ClusterStatus;
import autopilot.collector.cluster.UnknownClusterException;
import autopilot.collector.cluster.CollectorClusters;
import autopilot.collector.lease.ClusterLeases;
import autopilot.registry.ClusterRegistry;
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

    /**
     * One cluster as the API shows it: its state as this instance knows it, where it comes from
     * ({@code configured} or {@code discovered}), and its lease (the collector instance that holds it
     * and until when; {@code owner} null: not held yet).
     */
    public record ClusterView(String id, String origin, String owner, Instant leaseExpires, boolean up, String kind,
                              Instant lastCollection, String lastSnapshotId, String lastError, long failures,
                              Map<String, Instant> watermarks, Long lagSeconds) {
    }

    /** This instance and the discovery sources' last calls. */
    public record DiscoveryView(String instanceId, boolean enabled, List<ClusterRegistry.SourceStatus> sources) {
    }

    /** Answer of a triggered collection. */
    public record Collected(String clusterId, String snapshotId) {
    }

    private final CollectionService collections;
    private final Watermarks watermarks;
    private final CollectorClusters clusters;
    private final ClusterLeases leases;
    private final ClusterRegistry registry;
    private final Clock clock;

    ClustersResource(CollectionService collections, Watermarks watermarks, CollectorClusters clusters, ClusterLeases leases,
                     ClusterRegistry registry, Clock clock) {
        this.collections = collections;
        this.watermarks = watermarks;
        this.clusters = clusters;
        this.leases = leases;
        this.registry = registry;
        this.clock = clock;
    }

    @GET
    public List<ClusterView> clusters() {
        Map<String, ClusterLeases.Lease> all = leases.all();
        return collections.statuses().values().stream().map(s -> view(s, all.get(s.clusterId()))).toList();
    }

    @GET
    @Path("/discovery")
    public DiscoveryView discovery() {
        return new DiscoveryView(leases.instanceId(), registry.enabled(), registry.statuses());
    }

    @POST
    @Path("/{id}/collect")
    public Response collect(@PathParam("id") String id) {
        if (!clusters.known(id)) {
            return Response.status(Response.Status.NOT_FOUND)
                    .entity(Map.of("error", new UnknownClusterException(id, clusters.ids()).getMessage())).build();
        }
        java.util.Optional<String> elsewhere = leases.heldElsewhere(id);
        if (elsewhere.isPresent()) {
            // One collection of a cluster at a time, fleet-wide: the holder collects it.
            return Response.status(Response.Status.CONFLICT).entity(Map.of("error", "cluster " + id
                    + " is collected by collector instance " + elsewhere.get() + "; ask that instance")).build();
        }
        try {
            String snapshotId = collections.collect(id, List.of(Source.Group.TABLE_HEALTH, Source.Group.WORKLOAD)).toString();
            return Response.ok(new Collected(id, snapshotId)).build();
        } catch (RuntimeException e) {
            return Response.status(Response.Status.SERVICE_UNAVAILABLE).entity(Map.of("error", String.valueOf(e.getMessage()))).build();
        }
    }

    private ClusterView view(ClusterStatus s, ClusterLeases.Lease lease) {
        Map<String, Instant> marks = watermarks.all(s.clusterId());
        Long lag = marks.values().stream().min(Instant::compareTo)
                .map(w -> Duration.between(w, clock.instant()).toSeconds()).orElse(null);
        boolean held = lease != null && lease.owner() != null && lease.expiresAt() != null && lease.expiresAt().isAfter(clock.instant());
        // State is this instance's: a cluster another instance collects says where its state is instead of "not collected yet".
        String error = held && !lease.owner().equals(leases.instanceId()) && s.lastCollection() == null
                ? "collected by instance " + lease.owner() + " (its GET /api/v1/clusters shows the state)" : s.lastError();
        return new ClusterView(s.clusterId(), clusters.discovered(s.clusterId()) ? "discovered" : "configured",
                held ? lease.owner() : null, held ? lease.expiresAt() : null, s.up(), s.kind(), s.lastCollection(), s.lastSnapshotId(), error,
                s.failures(), marks, lag);
    }
}
