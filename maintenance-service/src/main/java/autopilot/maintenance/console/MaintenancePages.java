package autopilot.maintenance.console;

import autopilot.console.Params;
import autopilot.console.Pager;
import autopilot.maintenance.state.LedgerQuery;
import autopilot.maintenance.window.MaintenanceWindow;
import autopilot.maintenance.work.Clusters;
import autopilot.maintenance.work.StatusBoard;
import io.agroal.api.AgroalDataSource;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The maintenance service's console: every cluster's window and its work at a glance, a cluster's items waiting and
 * running (every instance's, from the run ledger) with their priority and the findings they address, its runs with the
 * table's figures before and after (filtered by state: the failures with their reason), and one item with all its
 * attempts. Server-rendered (Qute, console-kit's layout); filters and pages are query parameters.
 */
@Path(Views.ROOT)
@Produces(MediaType.TEXT_HTML)
public class MaintenancePages {

    static final int PAGE_SIZE = 50;
    static final int MAX_PAGE_SIZE = 500;
    private static final Duration LAST_DAY = Duration.ofDays(1);

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance clusters(List<Views.ClusterRow> clusters, Instant now);

        static native TemplateInstance cluster(Views.ClusterRow cluster, List<Views.RunRow> running, List<Views.ItemRow> waiting, Pager pager,
                                               String path, Map<String, String> query, Instant now);

        static native TemplateInstance runs(Views.ClusterRow cluster, List<Views.RunRow> runs, List<String> states, String state, Pager pager,
                                            String path, Map<String, String> query, Instant now);

        static native TemplateInstance item(Views.ItemRow item, List<Views.RunRow> runs, Instant now);
    }

    @CheckedTemplate(basePath = "console")
    static class Kit {
        static native TemplateInstance error(int status, String heading, String message, String backHref, String backLabel);
    }

    private final AgroalDataSource state;
    private final LedgerQuery ledger;
    private final Clusters clusters;
    private final StatusBoard board;
    private final Clock clock;

    MaintenancePages(AgroalDataSource state, LedgerQuery ledger, Clusters clusters, StatusBoard board, Clock clock) {
        this.state = state;
        this.ledger = ledger;
        this.clusters = clusters;
        this.board = board;
        this.clock = clock;
    }

    @GET
    public Response overview() throws SQLException {
        Instant now = clock.instant();
        try (Connection c = state.getConnection()) {
            Map<String, LedgerQuery.Counts> counts = ledger.counts(c, now.minus(LAST_DAY));
            TreeSet<String> ids = new TreeSet<>(clusters.ids());
            ids.addAll(counts.keySet());
            List<Views.ClusterRow> rows = ids.stream().map(id -> row(id, counts.getOrDefault(id, null), now)).toList();
            return html(200, Templates.clusters(rows, now).render());
        }
    }

    @GET
    @Path("clusters/{cluster}")
    public Response cluster(@PathParam("cluster") String clusterId, @QueryParam("page") String page, @QueryParam("size") String size)
            throws SQLException {
        Instant now = clock.instant();
        try (Connection c = state.getConnection()) {
            int pageNo = Params.page(page);
            int rows = Params.size(size, PAGE_SIZE, MAX_PAGE_SIZE);
            Optional<Views.ClusterRow> cluster = known(c, clusterId, now);
            if (cluster.isEmpty()) return unknownCluster(clusterId);
            LedgerQuery.Slice<LedgerQuery.Item> waiting = ledger.waiting(c, clusterId, (long) (pageNo - 1) * rows, rows);
            Pager pager = new Pager(pageNo, rows, waiting.total());
            if (pager.page() != pageNo && waiting.total() > 0) waiting = ledger.waiting(c, clusterId, pager.offset(), rows);
            StatusBoard.Running here = board.running(clusterId);
            List<Views.RunRow> running = ledger.running(c, clusterId).stream()
                    .map(r -> Views.run(r, here != null && here.workItemId().equals(r.workItemId()) ? here.statement() : null)).toList();
            Map<String, String> kept = new LinkedHashMap<>();
            kept.put("size", rows == PAGE_SIZE ? null : String.valueOf(rows));
            return html(200, Templates.cluster(cluster.get(), running, waiting.rows().stream().map(Views::item).toList(), pager,
                    cluster.get().href(), kept, now).render());
        } catch (Params.BadParameter e) {
            return badParameter(e);
        }
    }

    @GET
    @Path("clusters/{cluster}/runs")
    public Response runs(@PathParam("cluster") String clusterId, @QueryParam("state") String stateFilter, @QueryParam("page") String page,
                         @QueryParam("size") String size) throws SQLException {
        Instant now = clock.instant();
        try (Connection c = state.getConnection()) {
            String runState = Params.oneOf("state", stateFilter, LedgerQuery.STATES);
            int pageNo = Params.page(page);
            int rows = Params.size(size, PAGE_SIZE, MAX_PAGE_SIZE);
            Optional<Views.ClusterRow> cluster = known(c, clusterId, now);
            if (cluster.isEmpty()) return unknownCluster(clusterId);
            LedgerQuery.Slice<LedgerQuery.Run> runs = ledger.runs(c, clusterId, runState, (long) (pageNo - 1) * rows, rows);
            Pager pager = new Pager(pageNo, rows, runs.total());
            if (pager.page() != pageNo && runs.total() > 0) runs = ledger.runs(c, clusterId, runState, pager.offset(), rows);
            Map<String, String> kept = new LinkedHashMap<>();
            kept.put("state", runState);
            kept.put("size", rows == PAGE_SIZE ? null : String.valueOf(rows));
            return html(200, Templates.runs(cluster.get(), runs.rows().stream().map(r -> Views.run(r, null)).toList(), LedgerQuery.STATES,
                    runState, pager, cluster.get().runsHref(), kept, now).render());
        } catch (Params.BadParameter e) {
            return badParameter(e);
        }
    }

    @GET
    @Path("items/{id}")
    public Response item(@PathParam("id") String workItemId) throws SQLException {
        Instant now = clock.instant();
        try (Connection c = state.getConnection()) {
            Optional<LedgerQuery.Item> item = ledger.item(c, workItemId);
            if (item.isEmpty()) {
                return html(404, Kit.error(404, "No such work item", "Maintenance has no record of work item " + workItemId
                        + " (records are kept for autopilot.maintenance.history).", Views.ROOT, "maintenance").render());
            }
            List<Views.RunRow> runs = ledger.runsOf(c, workItemId).stream().map(r -> Views.run(r, null)).toList();
            return html(200, Templates.item(Views.item(item.get()), runs, now).render());
        }
    }

    private Optional<Views.ClusterRow> known(Connection c, String clusterId, Instant now) throws SQLException {
        if (!clusters.ids().contains(clusterId) && !ledger.knows(c, clusterId)) return Optional.empty();
        return Optional.of(row(clusterId, ledger.counts(c, now.minus(LAST_DAY)).get(clusterId), now));
    }

    private Views.ClusterRow row(String id, LedgerQuery.Counts counts, Instant now) {
        String href = Views.cluster(id);
        String runsHref = href + "/runs";
        if (!clusters.ids().contains(id)) { // in the ledger only: no longer configured or discovered
            return new Views.ClusterRow(id, href, "not configured", false, null, null, false, null,
                    counts == null ? LedgerQuery.Counts.NONE : counts, runsHref, runsHref + "?state=failed");
        }
        MaintenanceWindow w = clusters.window(id);
        return new Views.ClusterRow(id, href, w.toString(), w.isOpen(now), w.closesAt(now).orElse(null), w.nextOpening(now), clusters.dryRun(id),
                board.refusal(id), counts == null ? LedgerQuery.Counts.NONE : counts, runsHref, runsHref + "?state=failed");
    }

    private static Response unknownCluster(String clusterId) {
        return html(404, Kit.error(404, "No such cluster", "Maintenance knows no cluster " + clusterId
                + " (neither configured nor discovered, and no run recorded).", Views.ROOT, "maintenance").render());
    }

    private static Response badParameter(Params.BadParameter e) {
        return html(400, Kit.error(400, e.heading(), e.getMessage(), Views.ROOT, "maintenance").render());
    }

    private static Response html(int status, String body) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(body).build();
    }
}
