package autopilot.collector.cluster;

import autopilot.collector.config.CollectorConfig;
import autopilot.redshift.ClusterLogin;
import io.quarkus.logging.Log;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which databases of a cluster the table-health sources are read from. SVV_TABLE_INFO, PG_TABLE_DEF
 * and SVV_ALTER_TABLE_RECOMMENDATIONS show only the database a session is connected to, so each
 * database is read through a session of its own. The cluster's databases come from
 * SVV_REDSHIFT_DATABASES (provisioned and Serverless, visible to all users,
 * https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_REDSHIFT_DATABASES.html): its {@code local}
 * databases, without datashare consumer databases ({@code shared}: read-only, another cluster's
 * tables, maintained there), without Redshift's own, and filtered by the cluster's allow/deny globs.
 */
public final class DatabaseSelection {

    /** The cluster's databases as one statement reads them. */
    static final String LIST_SQL = "SELECT trim(database_name), trim(database_type) FROM svv_redshift_databases ORDER BY 1";

    /**
     * Redshift's own databases, never user tables: padb_harvest (internal), the PostgreSQL templates,
     * sys:* (internal, e.g. sys:internal) and awsdatacatalog (the Glue Data Catalog as Redshift shows it).
     */
    static final List<String> SYSTEM = List.of("padb_harvest", "template0", "template1", "sys:*", "awsdatacatalog");

    private final List<String> allowed;
    private final List<String> denied;
    private final List<Pattern> allow;
    private final List<Pattern> deny;

    DatabaseSelection(List<String> allow, List<String> deny) {
        this.allowed = List.copyOf(allow);
        this.denied = List.copyOf(deny);
        this.allow = allow.stream().map(DatabaseSelection::glob).toList();
        List<Pattern> denied = new ArrayList<>();
        SYSTEM.forEach(g -> denied.add(glob(g)));
        deny.forEach(g -> denied.add(glob(g)));
        this.deny = denied;
    }

    /** The selection a cluster's configuration gives. */
    public static DatabaseSelection of(CollectorConfig.Databases config) {
        return new DatabaseSelection(config.allow(), config.deny().orElse(List.of()));
    }

    /** Whether a database of the given SVV_REDSHIFT_DATABASES type is collected. */
    boolean selects(String database, String type) {
        return "local".equalsIgnoreCase(type == null ? null : type.trim())
                && allow.stream().anyMatch(p -> p.matcher(database).matches())
                && deny.stream().noneMatch(p -> p.matcher(database).matches());
    }

    /** The selected databases of the cluster, by name. */
    public List<String> list(Connection connection) throws SQLException {
        List<String> selected = new ArrayList<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(LIST_SQL)) {
            while (rs.next()) {
                String name = rs.getString(1);
                if (name != null && selects(name, rs.getString(2))) {
                    if (ClusterLogin.nameableInUrl(name)) {
                        selected.add(name);
                    } else {
                        Log.warnf("Database %s cannot be named in a JDBC URL: its tables are not collected", name);
                    }
                }
            }
        }
        return selected;
    }

    /** {@code *} any run of characters, {@code ?} one; the rest literal; case-insensitive as Redshift's names are. */
    public static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : glob.trim().toCharArray()) {
            if (c == '*' || c == '?') {
                if (!literal.isEmpty()) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (!literal.isEmpty()) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
    }

    @Override
    public String toString() {
        return "allow " + allowed + ", deny " + denied + " and Redshift's own " + SYSTEM;
    }
}
