package autopilot.maintenance.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether the maintenance user sees what the re-check's safety reads need. Without superuser or
 * SYSLOG ACCESS UNRESTRICTED, SVV_TRANSACTIONS, STV_WLM_QUERY_STATE and SYS_VACUUM_HISTORY show a
 * user its own rows only, so long transactions, queued queries and running or automatic VACUUMs
 * would read as none and every safety check would pass silently; STL_VACUUM, SYS_ANALYZE_HISTORY,
 * SVV_TABLE_INFO and PG_STATISTIC_INDICATOR are superuser-visible and refuse it outright unless granted.
 */
public final class Visibility {

    private static final String CURRENT_USER = ClusterReader.sql("current_user");
    private static final String OTHERS_ROWS_PROVISIONED = ClusterReader.sql("others_rows_provisioned");
    private static final String OTHERS_ROWS_SERVERLESS = ClusterReader.sql("others_rows_serverless");
    private static final List<String> SUPERUSER_VISIBLE = List.of("svv_table_info", "sys_analyze_history", "pg_statistic_indicator");
    private static final String PERMISSION_DENIED = "42501";

    private Visibility() {
    }

    /** What the user cannot see and how to grant it, or empty when the safety reads see the whole cluster. */
    public static Optional<String> missing(Connection c, boolean serverless) throws SQLException {
        long userId;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(CURRENT_USER)) {
            if (!rs.next()) {
                return Optional.of("the session's user is not in PG_USER; cannot tell what it may see");
            }
            if (rs.getBoolean(2)) {
                return Optional.empty();
            }
            userId = rs.getLong(1);
        }
        List<String> problems = new ArrayList<>();
        List<String> relations = new ArrayList<>(SUPERUSER_VISIBLE);
        if (!serverless) {
            relations.add("stl_vacuum");
        }
        List<String> denied = new ArrayList<>();
        for (String relation : relations) {
            try (Statement st = c.createStatement()) {
                st.executeQuery("SELECT count(*) FROM " + relation + " WHERE 1 = 0").close();
            } catch (SQLException e) {
                if (!PERMISSION_DENIED.equals(e.getSQLState())) {
                    throw e;
                }
                denied.add(relation);
            }
        }
        if (!denied.isEmpty()) {
            problems.add("it may not read " + String.join(", ", denied) + " (superuser-visible; GRANT SELECT ON "
                    + String.join(", ", denied) + " TO <user>)");
        }
        try (PreparedStatement ps = c.prepareStatement(serverless ? OTHERS_ROWS_SERVERLESS : OTHERS_ROWS_PROVISIONED)) {
            ps.setLong(1, userId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    problems.add("it sees no other user's rows in " + (serverless ? "SYS_QUERY_HISTORY" : "STL_QUERY")
                            + ", so it lacks SYSLOG ACCESS UNRESTRICTED (ALTER USER <user> SYSLOG ACCESS UNRESTRICTED) and "
                            + "SVV_TRANSACTIONS, STV_WLM_QUERY_STATE and SYS_VACUUM_HISTORY would show it only its own "
                            + "transactions, queries and VACUUMs");
                }
            }
        }
        return problems.isEmpty() ? Optional.empty() : Optional.of("maintenance refuses to run on this cluster: the user is no "
                + "superuser and " + String.join("; and ", problems) + ". Its safety checks (long transactions, WLM queue, "
                + "running and automatic VACUUM/ANALYZE) would pass silently. Make it a superuser or grant the above "
                + "(maintenance-service/README.md, \"Grants\")");
    }
}
