package autopilot.maintenance.rest;

import autopilot.maintenance.queue.WorkPoller;
import autopilot.runtime.outbox.OutboxRelay;
import autopilot.maintenance.state.WorkRuns;
import autopilot.maintenance.window.MaintenanceWindow;
import autopilot.maintenance.work.Clusters;
import autopilot.maintenance.work.StatusBoard;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/maintenance}: per cluster, its window, the items this instance holds and runs,
 * and the latest attempts of every instance (from the state store); SQS's queue depth and the
 * outcome events still waiting to be published.
 */
@Path("/api/v1/maintenance")
public class MaintenanceResource {

    /** One cluster's view; {@code refusal} says why maintenance refuses to run there, null when it runs. */
    public record ClusterView(String clusterId, WindowView window, boolean dryRun, String refusal, List<StatusBoard.Pending> pending,
                              StatusBoard.Running running, List<WorkRuns.Run> recent) {
    }

    /** The window now. */
    public record WindowView(String schedule, boolean open, Instant closesAt, Instant nextOpening) {
    }

    /**
     * The whole answer; {@code queue} holds SQS's approximate counts of waiting and in-flight items,
     * {@code unpublishedOutcomes} the outcome events recorded but not yet accepted by SNS (all instances).
     */
    public record MaintenanceView(List<ClusterView> clusters, Map<String, String> queue, int unpublishedOutcomes) {
    }

    private static final int RECENT = 20;

    private final Clusters clusters;
    private final StatusBoard board;
    private final WorkPoller poller;
    private final WorkRuns runs;
    private final OutboxRelay relay;
    private final Clock clock;

    MaintenanceResource(Clusters clusters, StatusBoard board, WorkPoller poller, WorkRuns runs, OutboxRelay relay, Clock clock) {
        this.clusters = clusters;
        this.board = board;
        this.poller = poller;
        this.runs = runs;
        this.relay = relay;
        this.clock = clock;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public MaintenanceView status() {
        Instant now = clock.instant();
        List<ClusterView> views = clusters.ids().stream().map(id -> {
            MaintenanceWindow w = clusters.window(id);
            WindowView window = new WindowView(w.toString(), w.isOpen(now), w.closesAt(now).orElse(null), w.nextOpening(now));
            return new ClusterView(id, window, clusters.dryRun(id), board.refusal(id), board.pending(id), board.running(id), runs.recent(id, RECENT));
        }).toList();
        Map<String, String> queue;
        try {
            queue = poller.queueDepth();
        } catch (RuntimeException e) {
            queue = Map.of("error", String.valueOf(e.getMessage()));
        }
        return new MaintenanceView(views, queue, relay.waiting());
    }
}
