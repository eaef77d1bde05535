package autopilot.analyzer.console;

import autopilot.analyzer.state.ConsoleQuery;
import autopilot.analyzer.state.FindingQuery;
import autopilot.console.Links;
import autopilot.console.Params;
import autopilot.console.Pager;
import autopilot.events.Evidence;
import autopilot.events.Finding;
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
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The analyzer's console: server-rendered pages (Qute) over its own state, for people. Clusters at a glance, a
 * cluster's open findings (filter, sort, pages as query parameters, so every view is a link that survives a reload),
 * one finding with its evidence, statements, history and chart, and a cluster's table design advice grouped by table.
 * Pages are rendered to a string here (no reactive template plumbing needed): the state store is read on the worker
 * thread anyway.
 */
@Path(ConsoleLinks.ROOT)
@Produces(MediaType.TEXT_HTML)
public class ConsolePages {

    static final int PAGE_SIZE = 50;
    static final int MAX_PAGE_SIZE = 500;
    static final List<String> SORTS = List.of("benefit", "severity", "newest");
    static final List<String> DESIGN = List.of(FindingCategory.DISTRIBUTION_DESIGN.name(), FindingCategory.SORT_KEY_DESIGN.name(),
            FindingCategory.COMPRESSION_DESIGN.name());

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance clusters(List<Views.ClusterRow> clusters, Instant now);

        static native TemplateInstance findings(Views.ClusterRow cluster, List<Views.FindingRow> rows, List<Views.Choice> categories,
                                                List<Views.Choice> severities, List<String> sorts, String sort, String severity,
                                                String category, Pager pager, String path, Map<String, String> query, Instant now);

        static native TemplateInstance finding(Views.Detail f, Instant now);

        static native TemplateInstance design(Views.ClusterRow cluster, List<Views.DesignGroup> groups, Instant now);

        static native TemplateInstance error(int status, String heading, String message);
    }

    private final AgroalDataSource state;
    private final ConsoleQuery query;
    private final FindingQuery findings;
    private final FindingCharts charts;
    private final Clock clock;

    ConsolePages(AgroalDataSource state, ConsoleQuery query, FindingQuery findings, FindingCharts charts, Clock clock) {
        this.state = state;
        this.query = query;
        this.findings = findings;
        this.charts = charts;
        this.clock = clock;
    }

    @GET
    public Response root() {
        return Response.seeOther(URI.create(ConsoleLinks.ROOT + "/clusters")).build();
    }

    @GET
    @Path("clusters")
    public String clusters() throws SQLException {
        Instant now = clock.instant();
        try (Connection c = state.getConnection()) {
            return Templates.clusters(query.clusters(c).stream().map(s -> row(s, now)).toList(), now).render();
        }
    }

    @GET
    @Path("clusters/{cluster}")
    public Response cluster(@PathParam("cluster") String clusterId, @QueryParam("severity") String severity,
                            @QueryParam("category") String category, @QueryParam("sort") String sort,
                            @QueryParam("page") String page, @QueryParam("size") String size) throws SQLException {
        String sev;
        String cat;
        String order;
        int pageNo;
        int rows;
        try {
            sev = Params.oneOf("severity", severity, Params.names(Severity.class));
            cat = Params.oneOf("category", category, Params.names(FindingCategory.class));
            String chosen = Params.oneOf("sort", sort, SORTS);
            order = chosen == null ? "benefit" : chosen;
            pageNo = Params.page(page);
            rows = Params.size(size, PAGE_SIZE, MAX_PAGE_SIZE);
        } catch (Params.BadParameter e) {
            return error(400, e.heading(), e.getMessage());
        }
        Instant now = clock.instant();
        try (Connection c = state.getConnection()) {
            Optional<ConsoleQuery.ClusterSummary> summary = query.cluster(c, clusterId);
            if (summary.isEmpty()) return error(404, "No such cluster", "The analyzer knows no cluster " + clusterId + ".");
            ConsoleQuery.FindingPage found = query.openFindings(c, new ConsoleQuery.Page(clusterId, sev, cat, order,
                    (long) (pageNo - 1) * rows, rows));
            Pager pager = new Pager(pageNo, rows, found.total());
            if (pager.page() != pageNo && found.total() > 0) {
                found = query.openFindings(c, new ConsoleQuery.Page(clusterId, sev, cat, order, pager.offset(), rows));
            }
            String path = ConsoleLinks.cluster(clusterId);
            Map<String, String> kept = new LinkedHashMap<>();
            kept.put("severity", sev);
            kept.put("category", cat);
            kept.put("sort", "benefit".equals(order) ? null : order);
            kept.put("size", rows == PAGE_SIZE ? null : String.valueOf(rows));
            List<Views.Choice> categories = new ArrayList<>();
            found.byCategory().forEach((name, n) -> categories.add(new Views.Choice(name, n,
                    Links.withQuery(path, kept, Map.of("category", name)), name.equals(cat))));
            List<Views.Choice> severities = new ArrayList<>();
            for (Severity s : Severity.values()) {
                severities.add(new Views.Choice(s.name(), found.bySeverity().getOrDefault(s.name(), 0),
                        Links.withQuery(path, kept, Map.of("severity", s.name())), s.name().equals(sev)));
            }
            return html(200, Templates.findings(row(summary.get(), now), found.findings().stream().map(ConsolePages::row).toList(), categories,
                    severities, SORTS, order, sev, cat, pager, path, kept, now).render());
        }
    }

    @GET
    @Path("clusters/{cluster}/design")
    public Response design(@PathParam("cluster") String clusterId) throws SQLException {
        Instant now = clock.instant();
        try (Connection c = state.getConnection()) {
            Optional<ConsoleQuery.ClusterSummary> summary = query.cluster(c, clusterId);
            if (summary.isEmpty()) return error(404, "No such cluster", "The analyzer knows no cluster " + clusterId + ".");
            Map<String, List<Finding>> byTable = new LinkedHashMap<>();
            for (Finding f : query.openOfCategories(c, clusterId, DESIGN)) byTable.computeIfAbsent(subject(f), k -> new ArrayList<>()).add(f);
            List<Views.DesignGroup> groups = new ArrayList<>();
            byTable.forEach((table, list) -> {
                List<String> sql = new ArrayList<>();
                for (Finding f : list) {
                    if (f.action() == null) continue;
                    sql.add("-- " + f.category().name().toLowerCase(Locale.ROOT) + ": " + f.title());
                    sql.addAll(f.action().sql());
                }
                groups.add(new Views.DesignGroup(table, "t-" + Math.abs(table.hashCode()), list.stream().map(ConsolePages::row).toList(),
                        String.join("\n", sql)));
            });
            return html(200, Templates.design(row(summary.get(), now), groups, now).render());
        }
    }

    @GET
    @Path("findings/{fingerprint: .+}")
    public Response finding(@PathParam("fingerprint") String fingerprint) throws SQLException {
        Instant now = clock.instant();
        try (Connection c = state.getConnection()) {
            Optional<FindingQuery.StoredFinding> stored = findings.finding(c, fingerprint);
            if (stored.isEmpty()) return error(404, "No such finding", "The analyzer has no finding " + fingerprint + " (resolved findings are kept 35 days).");
            Finding f = stored.get().finding();
            String clusterId = fingerprint.substring(0, Math.max(0, fingerprint.indexOf('/')));
            List<Views.EvidenceRow> evidence = f.evidence().stream().map(ConsolePages::evidence).toList();
            List<Views.AttributionRow> attribution = f.attribution() == null ? List.of() : f.attribution().stream()
                    .map(a -> new Views.AttributionRow(a.by().name().toLowerCase(Locale.ROOT).replace('_', ' '), a.name(),
                            number(a.sharePct()) + " %", a.value() == null ? "" : number(a.value()) + (a.unit() == null ? "" : " " + a.unit())))
                    .toList();
            List<Views.EventRow> history = query.events(c, fingerprint).stream().map(e -> new Views.EventRow(e.kind(), e.at(), e.severity(),
                    e.previousSeverity(), e.title(), e.reason())).toList();
            Views.Detail detail = new Views.Detail(row(f), clusterId, ConsoleLinks.cluster(clusterId), f.explanation(), evidence,
                    f.action() == null ? null : f.action().summary(), f.action() == null ? "" : String.join("\n", f.action().sql()),
                    f.action() == null ? null : f.action().runbook(), f.benefit() == null ? null : f.benefit().description(), attribution,
                    history, charts.charts(c, clusterId, f), stored.get().status(), stored.get().resolvedAt(), stored.get().resolveReason());
            return html(200, Templates.finding(detail, now).render());
        }
    }

    private static Views.ClusterRow row(ConsoleQuery.ClusterSummary s, Instant now) {
        String lag = s.workloadUpTo() == null ? "—" : autopilot.console.Console.duration((double) Duration.between(s.workloadUpTo(), now).toSeconds());
        return new Views.ClusterRow(s.clusterId(), ConsoleLinks.cluster(s.clusterId()), s.critical(), s.warning(), s.info(), s.lastAnalyzed(),
                s.workloadUpTo(), lag, ConsoleLinks.cluster(s.clusterId()) + "/design");
    }

    static Views.FindingRow row(Finding f) {
        String benefit = f.benefit() == null ? "" : number(f.benefit().value()) + " " + f.benefit().unit();
        return new Views.FindingRow(f.fingerprint(), ConsoleLinks.finding(f.fingerprint()), f.title(), f.severity().name(),
                f.category().name(), subject(f), benefit, f.firstSeen(), f.lastSeen());
    }

    private static String subject(Finding f) {
        var s = f.subject();
        StringBuilder sb = new StringBuilder();
        if (s.database() != null) sb.append(s.database()).append('.');
        if (s.schema() != null) sb.append(s.schema()).append('.');
        return sb.append(s.name()).toString();
    }

    private static Views.EvidenceRow evidence(Evidence e) {
        String unit = e.unit() == null ? "" : " " + e.unit();
        boolean crossed = e.value() != null && e.threshold() != null && e.value() >= e.threshold();
        return new Views.EvidenceRow(e.name(), e.value() == null ? "" : number(e.value()) + unit,
                e.threshold() == null ? "" : number(e.threshold()) + unit, e.detail() == null ? "" : e.detail(), crossed);
    }

    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return String.format(Locale.ROOT, "%,d", (long) v);
        return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%,.0f" : "%.2f", v);
    }

    private static Response error(int status, String heading, String message) {
        return html(status, Templates.error(status, heading, message).render());
    }

    private static Response html(int status, String body) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(body).build();
    }
}
