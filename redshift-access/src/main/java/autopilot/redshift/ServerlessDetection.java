package autopilot.redshift;

import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Set;

/**
 * Tells a Redshift Serverless workgroup from a provisioned cluster. AWS documents that STL, STV,
 * SVL and SVCS relations cannot be queried on Serverless but not which error says so; reports show
 * {@code permission denied} (42501), older behaviour and some tools expect {@code relation does not
 * exist} (42P01). Either one on STV_SLICES (visible to every user of a provisioned cluster) means
 * Serverless, and a workgroup endpoint ({@code *.redshift-serverless.amazonaws.com}) needs no probe.
 */
public final class ServerlessDetection {

    /** The probe: a relation every provisioned cluster shows every user, and Serverless refuses. */
    static final String PROBE = "SELECT count(*) FROM stv_slices";
    private static final Set<String> REFUSALS = Set.of("42501", "42P01");
    private static final String SERVERLESS_DOMAIN = ".redshift-serverless.amazonaws.com";

    private ServerlessDetection() {
    }

    /** Whether the JDBC URL names a Serverless workgroup endpoint (no connection needed). */
    public static boolean serverlessEndpoint(String jdbcUrl) {
        String host = host(jdbcUrl);
        return host != null && host.toLowerCase(Locale.ROOT).endsWith(SERVERLESS_DOMAIN);
    }

    /**
     * Whether the cluster behind the connection is Serverless: by its endpoint, else by how it answers
     * the STV_SLICES probe. Any other failure of the probe is the caller's to handle (a cluster that
     * is down is not "Serverless").
     */
    public static boolean serverless(String jdbcUrl, Connection connection) throws SQLException {
        if (serverlessEndpoint(jdbcUrl)) {
            return true;
        }
        try (Statement st = connection.createStatement()) {
            st.executeQuery(PROBE).close();
            return false;
        } catch (SQLException e) {
            if (refusedAsOnServerless(e)) {
                return true;
            }
            throw e;
        }
    }

    /** Whether an error is how Serverless refuses an STL/STV/SVL/SVCS relation (42501 or 42P01). */
    public static boolean refusedAsOnServerless(SQLException e) {
        return REFUSALS.contains(e.getSQLState());
    }

    /** The host of {@code jdbc:redshift://host:port/db} or {@code jdbc:redshift:iam://host:port/db}, or null. */
    static String host(String jdbcUrl) {
        int scheme = jdbcUrl == null ? -1 : jdbcUrl.indexOf("://");
        if (scheme < 0) {
            return null;
        }
        try {
            return URI.create("redshift" + jdbcUrl.substring(scheme)).getHost();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
