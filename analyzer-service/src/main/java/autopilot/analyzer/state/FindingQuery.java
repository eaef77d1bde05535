package autopilot.analyzer.state;

import autopilot.events.EventCodec;
import autopilot.events.Finding;
import com.fasterxml.jackson.core.type.TypeReference;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Findings as stored, read only: what the REST API serves and what an analysis starts from. */
@ApplicationScoped
public class FindingQuery {

    private static final TypeReference<Finding> FINDING = new TypeReference<>() { };

    private final StateJson json;

    FindingQuery(EventCodec codec) {
        this.json = new StateJson(codec.mapper());
    }

    /**
     * Which findings to list; each criterion left null matches any value.
     *
     * @param status   OPEN or RESOLVED
     * @param severity a {@link autopilot.events.Severity} name
     * @param category a {@link autopilot.events.FindingCategory} name
     */
    public record Filter(String clusterId, String status, String severity, String category) {

        public static Filter openOf(String clusterId) {
            return new Filter(clusterId, "OPEN", null, null);
        }
    }

    /** A finding as stored, with its status. */
    public record StoredFinding(Finding finding, String status, Instant resolvedAt, String resolveReason) {
    }

    /** A cluster's open findings by fingerprint, newest first. */
    public Map<String, Finding> open(Connection c, String clusterId) throws SQLException {
        Map<String, Finding> open = new LinkedHashMap<>();
        for (Finding f : findings(c, Filter.openOf(clusterId))) open.put(f.fingerprint(), f);
        return open;
    }

    /** Findings matching the filter, newest first. */
    public List<Finding> findings(Connection c, Filter filter) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT body FROM finding WHERE true");
        List<String> values = new ArrayList<>();
        for (String[] criterion : new String[][]{{"cluster_id", filter.clusterId()}, {"status", filter.status()},
                {"severity", filter.severity()}, {"category", filter.category()}}) {
            if (criterion[1] != null) {
                sql.append(" AND ").append(criterion[0]).append(" = ?");
                values.add(criterion[1]);
            }
        }
        sql.append(" ORDER BY last_seen DESC, fingerprint");
        List<Finding> findings = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < values.size(); i++) ps.setString(i + 1, values.get(i));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) findings.add(json.read(rs.getString(1), FINDING));
            }
        }
        return findings;
    }

    /** One finding with its status and resolution. */
    public Optional<StoredFinding> finding(Connection c, String fingerprint) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT body, status, resolved_at, resolve_reason FROM finding WHERE fingerprint = ?")) {
            ps.setString(1, fingerprint);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new StoredFinding(json.read(rs.getString(1), FINDING), rs.getString(2),
                        Jdbc.instant(rs, 3), rs.getString(4))) : Optional.empty();
            }
        }
    }
}
