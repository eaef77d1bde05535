package autopilot.redshift;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Opens a connection through the Redshift JDBC driver directly (DriverManager only sees drivers of
 * its own class loader, which in Quarkus is not the application's).
 */
public final class RedshiftDriver {

    private static final com.amazon.redshift.Driver DRIVER = new com.amazon.redshift.Driver();

    private RedshiftDriver() {
    }

    /** A new autocommit connection; the caller closes it. */
    public static Connection connect(ClusterLogin login, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", login.user());
        if (!login.iam()) {
            properties.setProperty("password", password);
        }
        Connection connection = DRIVER.connect(login.jdbcUrl(), properties);
        if (connection == null) {
            throw new SQLException("the Redshift driver does not accept the URL of " + login.configKey()
                    + ".jdbc-url (expected jdbc:redshift://... or jdbc:redshift:iam://...)", "08001");
        }
        connection.setAutoCommit(true);
        return connection;
    }
}
