package autopilot.alerting.console;

import autopilot.alerting.paging.PagingQuery;
import autopilot.alerting.paging.PagingStore;
import autopilot.console.Links;
import autopilot.console.Pager;
import autopilot.console.Params;
import autopilot.events.FindingCategory;
import autopilot.events.Severity;
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
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The alerting service's console: per cluster what paged and what did not, the pages (filtered by cluster and severity)
 * with their body and the findings' console links, one page, suppressed repeats and open incidents. What
 * {@code GET /api/v1/alerts} answers, for people; filters and pages are query parameters.
 */
@Path(Views.ROOT)
@Produces(MediaType.TEXT_HTML)
public class AlertsPages {

    static final int PAGE_SIZE = 50;
    static final int MAX_PAGE_SIZE = 500;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance clusters(List<Views.ClusterRow> clusters, Instant now);

        static native TemplateInstance pages(List<Views.PageRow> pages, String cluster, String severity, List<String> severities, Pager pager,
                                             String path, Map<String, String> query, Instant now);

        static native TemplateInstance page(Views.PageRow p, Instant now);

        static native TemplateInstance suppressed(List<Views.SuppressedRow> rows, String cluster, Pager pager, String path,
                                                  Map<String, String> query, Instant now);

        static native TemplateInstance incidents(List<Views.IncidentRow> rows, String cluster, Pager pager, String path,
                                                 Map<String, String> query, Instant now);
    }

    @CheckedTemplate(basePath = "console")
    static class Kit {
        static native TemplateInstance error(int status, String heading, String message, String backHref, String backLabel);
    }

    private final AgroalDataSource state;
    private final PagingQuery query;
    private final Clock clock;

    AlertsPages(AgroalDataSource state, PagingQuery query, Clock clock) {
        this.state = state;
        this.query = query;
        this.clock = clock;
    }

    @GET
    public Response clusters() throws SQLException {
        try (Connection c = state.getConnection()) {
            List<Views.ClusterRow> rows = query.clusters(c).values().stream().map(k -> new Views.ClusterRow(k.clusterId(), Views.pages(k.clusterId()),
                    Links.withQuery(Views.ROOT + "/suppressed", Map.of(), Map.of("cluster", k.clusterId())),
                    Links.withQuery(Views.ROOT + "/incidents", Map.of(), Map.of("cluster", k.clusterId())), k)).toList();
            return html(200, Templates.clusters(rows, clock.instant()).render());
        }
    }

    @GET
    @Path("pages")
    public Response pages(@QueryParam("cluster") String cluster, @QueryParam("severity") String severity, @QueryParam("page") String page,
                          @QueryParam("size") String size) throws SQLException {
        try (Connection c = state.getConnection()) {
            String clusterId = Params.text(cluster);
            String sev = Params.oneOf("severity", severity, Params.names(Severity.class));
            int pageNo = Params.page(page);
            int rows = Params.size(size, PAGE_SIZE, MAX_PAGE_SIZE);
            PagingQuery.Slice<PagingStore.StoredPage> found = query.pages(c, clusterId, sev, (long) (pageNo - 1) * rows, rows);
            Pager pager = new Pager(pageNo, rows, found.total());
            if (pager.page() != pageNo && found.total() > 0) found = query.pages(c, clusterId, sev, pager.offset(), rows);
            Map<String, String> kept = kept(clusterId, rows);
            kept.put("severity", sev);
            return html(200, Templates.pages(found.rows().stream().map(Views::page).toList(), clusterId, sev, Params.names(Severity.class), pager,
                    Views.ROOT + "/pages", kept, clock.instant()).render());
        } catch (Params.BadParameter e) {
            return badParameter(e);
        }
    }

    @GET
    @Path("pages/{id}")
    public Response page(@PathParam("id") String pageId) throws SQLException {
        Optional<PagingStore.StoredPage> found = Optional.empty();
        UUID id = uuid(pageId);
        if (id != null) {
            try (Connection c = state.getConnection()) {
                found = query.page(c, id);
            }
        }
        if (found.isEmpty()) {
            return html(404, Kit.error(404, "No such page", "Alerting has no page " + pageId + " (pages are kept for the paging history).",
                    Views.ROOT, "alerts").render());
        }
        return html(200, Templates.page(Views.page(found.get()), clock.instant()).render());
    }

    @GET
    @Path("suppressed")
    public Response suppressed(@QueryParam("cluster") String cluster, @QueryParam("page") String page, @QueryParam("size") String size)
            throws SQLException {
        try (Connection c = state.getConnection()) {
            String clusterId = Params.text(cluster);
            int pageNo = Params.page(page);
            int rows = Params.size(size, PAGE_SIZE, MAX_PAGE_SIZE);
            PagingQuery.Slice<PagingStore.Suppressed> found = query.suppressed(c, clusterId, (long) (pageNo - 1) * rows, rows);
            Pager pager = new Pager(pageNo, rows, found.total());
            if (pager.page() != pageNo && found.total() > 0) found = query.suppressed(c, clusterId, pager.offset(), rows);
            List<Views.SuppressedRow> list = found.rows().stream().map(s -> new Views.SuppressedRow(s.clusterId(), s.fingerprint(),
                    s.eventId().toString(), s.eventType(), s.reason(), s.suppressedAt())).toList();
            return html(200, Templates.suppressed(list, clusterId, pager, Views.ROOT + "/suppressed", kept(clusterId, rows), clock.instant()).render());
        } catch (Params.BadParameter e) {
            return badParameter(e);
        }
    }

    @GET
    @Path("incidents")
    public Response incidents(@QueryParam("cluster") String cluster, @QueryParam("page") String page, @QueryParam("size") String size)
            throws SQLException {
        try (Connection c = state.getConnection()) {
            String clusterId = Params.text(cluster);
            int pageNo = Params.page(page);
            int rows = Params.size(size, PAGE_SIZE, MAX_PAGE_SIZE);
            PagingQuery.Slice<PagingQuery.OpenIncident> found = query.openIncidents(c, clusterId, (long) (pageNo - 1) * rows, rows);
            Pager pager = new Pager(pageNo, rows, found.total());
            if (pager.page() != pageNo && found.total() > 0) found = query.openIncidents(c, clusterId, pager.offset(), rows);
            List<Views.IncidentRow> list = found.rows().stream().map(i -> new Views.IncidentRow(i.clusterId(), i.fingerprint(),
                    // Incidents of findings have the analyzer's finding page; maintenance failures and collection gaps have none.
                    Params.names(FindingCategory.class).contains(i.category()) ? "/console/findings/" + Links.segments(i.fingerprint()) : null,
                    i.category(), i.paged(), i.lastProblemPageAt(), i.updatedAt())).toList();
            return html(200, Templates.incidents(list, clusterId, pager, Views.ROOT + "/incidents", kept(clusterId, rows), clock.instant()).render());
        } catch (Params.BadParameter e) {
            return badParameter(e);
        }
    }

    private static Map<String, String> kept(String clusterId, int rows) {
        Map<String, String> kept = new LinkedHashMap<>();
        kept.put("cluster", clusterId);
        kept.put("size", rows == PAGE_SIZE ? null : String.valueOf(rows));
        return kept;
    }

    private static UUID uuid(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Response badParameter(Params.BadParameter e) {
        return html(400, Kit.error(400, e.heading(), e.getMessage(), Views.ROOT, "alerts").render());
    }

    private static Response html(int status, String body) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(body).build();
    }
}
