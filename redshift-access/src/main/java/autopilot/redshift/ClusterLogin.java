package autopilot.redshift;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How to log in to one cluster, as a service's configuration gives it.
 *
 * @param configKey where it is configured (e.g. {@code autopilot.collector.clusters.prod}), named in errors
 * @param jdbcUrl   {@code jdbc:redshift://host:5439/db} or {@code jdbc:redshift:iam://...}
 * @param user      database user
 * @param password  inline password (local use)
 * @param secretId  Secrets Manager secret holding the password
 */
public record ClusterLogin(String configKey, String jdbcUrl, String user, Optional<String> password,
                           Optional<String> secretId) {

    /** {@code jdbc:redshift[:iam]://authority}, then the database path (if any), then properties ({@code ?...} or {@code ;...}). */
    private static final Pattern URL = Pattern.compile("(jdbc:redshift(?::iam)?://[^/?;]+)(/[^?;]*)?(.*)", Pattern.DOTALL);
    /** Characters that would end the URL's path: such a database cannot be named in one. */
    private static final Pattern URL_DELIMITERS = Pattern.compile("[/?;#\\s]");

    /**
     * The same login to another database of the cluster: same host, port, user and credentials, and
     * the same URL properties, with the URL's database replaced ({@code jdbc:redshift://h:5439/dev?ssl=false}
     * to {@code jdbc:redshift://h:5439/analytics?ssl=false}). Redshift sessions see one database, so
     * per-database catalog views and VACUUM/ANALYZE need a session in the table's database.
     */
    public ClusterLogin withDatabase(String database) {
        if (!nameableInUrl(database)) {
            throw new IllegalArgumentException("database name " + database + " cannot be put in a JDBC URL");
        }
        Matcher m = URL.matcher(jdbcUrl);
        if (!m.matches()) {
            throw new IllegalArgumentException(configKey + ".jdbc-url is not jdbc:redshift://host:port/database or "
                    + "jdbc:redshift:iam://...: cannot connect to database " + database);
        }
        return new ClusterLogin(configKey, m.group(1) + "/" + database + m.group(3), user, password, secretId);
    }

    /** Whether a database can be named in a JDBC URL's path ({@link #withDatabase}): not empty, no {@code / ? ; #} or whitespace. */
    public static boolean nameableInUrl(String database) {
        return database != null && !database.isEmpty() && !URL_DELIMITERS.matcher(database).find();
    }

    /** Whether the driver gets temporary IAM credentials itself. */
    public boolean iam() {
        return jdbcUrl.startsWith("jdbc:redshift:iam:");
    }
}
