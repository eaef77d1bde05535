package autopilot.analyzer.rest;

import autopilot.analyzer.state.FindingQuery;
import autopilot.events.FindingCategory;
import autopilot.events.Severity;
import io.agroal.api.AgroalDataSource;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/** Findings as stored: filtered lists, and one finding by fingerprint with its status. */
@Path("/api/v1/findings")
@Produces(MediaType.APPLICATION_JSON)
public class FindingsResource {

    private final AgroalDataSource state;
    private final FindingQuery findings;

    FindingsResource(AgroalDataSource state, FindingQuery findings) {
        this.state = state;
        this.findings = findings;
    }

    @GET
    public Response list(@QueryParam("cluster") String cluster, @QueryParam("status") String status,
                         @QueryParam("severity") String severity, @QueryParam("category") String category) throws SQLException {
        String s = upper(status);
        if (s != null && !s.equals("OPEN") && !s.equals("RESOLVED")) return bad("status must be OPEN or RESOLVED, was " + status);
        String sev = upper(severity);
        if (sev != null && Arrays.stream(Severity.values()).noneMatch(v -> v.name().equals(sev))) {
            return bad("severity must be one of " + Arrays.toString(Severity.values()) + ", was " + severity);
        }
        String cat = upper(category);
        if (cat != null && Arrays.stream(FindingCategory.values()).noneMatch(v -> v.name().equals(cat))) {
            return bad("category must be one of " + Arrays.toString(FindingCategory.values()) + ", was " + category);
        }
        try (Connection c = state.getConnection()) {
            return Response.ok(findings.findings(c, new FindingQuery.Filter(cluster, s, sev, cat))).build();
        }
    }

    @GET
    @Path("{fingerprint: .+}")
    public Response one(@PathParam("fingerprint") String fingerprint) throws SQLException {
        try (Connection c = state.getConnection()) {
            return findings.finding(c, fingerprint).map(found -> Response.ok(found).build())
                    .orElseGet(() -> Response.status(Response.Status.NOT_FOUND).entity(Map.of("error", "no finding " + fingerprint)).build());
        }
    }

    private static String upper(String value) {
        return value == null || value.isBlank() ? null : value.trim().toUpperCase(Locale.ROOT);
    }

    private static Response bad(String message) {
        return Response.status(Response.Status.BAD_REQUEST).entity(Map.of("error", message)).build();
    }
}
