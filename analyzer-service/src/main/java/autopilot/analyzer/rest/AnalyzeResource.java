package autopilot.analyzer.rest;

import autopilot.analyzer.config.AnalysisSettings;
import autopilot.analyzer.engine.Outcome;
import autopilot.analyzer.engine.Pipeline;
import autopilot.analyzer.engine.PriorState;
import autopilot.analyzer.rules.Thresholds;
import autopilot.analyzer.snapshot.SnapshotData;
import autopilot.analyzer.work.WorkPlanner;
import autopilot.events.ClusterHealthReported;
import autopilot.events.EventCodec;
import autopilot.events.EventDecodingException;
import autopilot.events.EventEnvelope;
import autopilot.events.Finding;
import autopilot.events.MaintenanceRequested;
import autopilot.events.SnapshotPartCollected;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What-if analysis: snapshot parts in (the same JSON as on the queue), findings and work items
 * out, through the same pipeline as the queue consumer but with no prior state and nothing stored
 * or sent.
 */
@Path("/api/v1/analyze")
public class AnalyzeResource {

    private final EventCodec codec;
    private final Thresholds thresholds;
    private final AnalysisSettings settings;
    private final Clock clock;

    AnalyzeResource(EventCodec codec, Thresholds thresholds, AnalysisSettings settings, Clock clock) {
        this.codec = codec;
        this.thresholds = thresholds;
        this.settings = settings;
        this.clock = clock;
    }

    /** The answer: findings as they would be raised, the work items, what was left out and the health figures. */
    public record Answer(String clusterId, List<Finding> findings, List<MaintenanceRequested> workItems,
                         List<WorkPlanner.Skip> skipped, ClusterHealthReported health) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response analyze(JsonNode body) {
        if (body == null || !body.isArray() || body.isEmpty()) {
            return bad("expected a JSON array of SnapshotPartCollected events (the messages of the snapshots queue)");
        }
        List<SnapshotPartCollected> parts = new ArrayList<>();
        String clusterId = null;
        for (int i = 0; i < body.size(); i++) {
            EventEnvelope<SnapshotPartCollected> event;
            try {
                event = codec.decode(body.get(i).toString(), SnapshotPartCollected.class);
            } catch (EventDecodingException e) {
                return bad("element " + i + " is not a valid SnapshotPartCollected event: " + e.getMessage());
            }
            if (clusterId != null && !clusterId.equals(event.clusterId())) {
                return bad("element " + i + " is of cluster " + event.clusterId() + ", the first of " + clusterId
                        + "; send one cluster's snapshot at a time");
            }
            clusterId = event.clusterId();
            parts.add(event.payload());
        }
        SnapshotData snapshot;
        try {
            snapshot = SnapshotData.of(clusterId, parts);
        } catch (IllegalArgumentException e) {
            return bad(e.getMessage());
        }
        Outcome outcome = new Pipeline(thresholds, settings.denied(clusterId)).run(snapshot, PriorState.empty(), clock.instant());
        List<Finding> findings = outcome.transitions().stream().map(t -> t.finding()).toList();
        return Response.ok(new Answer(clusterId, findings, outcome.plan().items(), outcome.plan().skipped(), outcome.health())).build();
    }

    private static Response bad(String message) {
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON).entity(Map.of("error", message)).build();
    }
}
