package autopilot.maintenance.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.Locale;
import java.util.Optional;

/**
 * What a VACUUM or ANALYZE really did, read from Redshift's own record of it after it ran: a
 * statement that returns without error may still have done nothing. Redshift documents that a
 * VACUUM or ANALYZE by a user that neither owns the table nor is superuser "completes successfully"
 * with no effect (and leaves no history row), and records a run under its threshold as Skipped.
 */
public final class RunEffects {

    private static final String VACUUM = ClusterReader.sql("vacuum_outcome");
    private static final String ANALYZE = ClusterReader.sql("analyze_outcome");
    private static final String NOT_PERMITTED = "a VACUUM or ANALYZE by a user that neither owns the table nor is superuser "
            + "completes without error and without effect; run maintenance as the table's owner or a superuser";

    private RunEffects() {
    }

    /** The cluster's clock (UTC, as its history tables record), taken before a run to find the run's rows. */
    public static Timestamp clusterNow(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT getdate()")) {
            rs.next();
            return rs.getTimestamp(1);
        }
    }

    /**
     * Why the statement had no effect on the table, or empty when Redshift recorded it doing its work.
     *
     * @param since the cluster's time before the run started
     */
    public static Optional<String> noEffect(Connection c, String statement, long tableId, Timestamp since) throws SQLException {
        boolean vacuum = statement.regionMatches(true, 0, "VACUUM", 0, 6);
        try (PreparedStatement ps = c.prepareStatement(vacuum ? VACUUM : ANALYZE)) {
            ps.setLong(1, tableId);
            ps.setTimestamp(2, since);
            try (ResultSet rs = ps.executeQuery()) {
                String relation = vacuum ? "SYS_VACUUM_HISTORY" : "SYS_ANALYZE_HISTORY";
                if (!rs.next()) {
                    return Optional.of(statement + ": ran without error, but " + relation + " has no run of table id " + tableId
                            + " since " + since + ": " + NOT_PERMITTED);
                }
                String status = rs.getString(1);
                if (vacuum && "Complete".equalsIgnoreCase(status)) {
                    return Optional.empty();
                }
                if (!vacuum && !"Skipped".equalsIgnoreCase(status)) {
                    return Optional.empty();
                }
                if (vacuum) {
                    return Optional.of(statement + ": Redshift recorded it as " + status + " in " + relation
                            + " (within its threshold, or nothing to do); the table is unchanged");
                }
                return Optional.of(String.format(Locale.ROOT, "%s: Redshift skipped it (%s): %.0f of %.0f rows changed since the last "
                        + "ANALYZE, below analyze_threshold_percent %d", statement, relation, rs.getDouble(2), rs.getDouble(3), rs.getInt(4)));
            }
        }
    }
}
