package autopilot.testsupport;

import autopilot.sim.SimCluster;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Properties;

/**
 * What a simulated Serverless workgroup charged, as a superuser reads it straight from SYS_SERVERLESS_USAGE (the
 * monitoring user's view of it is what the tests check against this).
 */
public final class SimUsage {

    private SimUsage() {
    }

    /** RPU-seconds charged in the minutes starting at or after {@code since}. */
    public static double chargedSecondsSince(SimCluster cluster, Instant since) throws SQLException {
        Properties admin = new Properties();
        admin.setProperty("user", "admin");
        admin.setProperty("password", "Admin-pass1");
        try (Connection c = new com.amazon.redshift.Driver().connect(cluster.jdbcUrl(), admin);
             PreparedStatement ps = c.prepareStatement("SELECT sum(charged_seconds) FROM sys_serverless_usage WHERE start_time >= ?")) {
            ps.setTimestamp(1, Timestamp.valueOf(since.atOffset(ZoneOffset.UTC).toLocalDateTime()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getDouble(1);
            }
        }
    }
}
