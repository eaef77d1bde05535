package autopilot.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Quarkus test resource: a real PostgreSQL (embedded, started once per test JVM) as the service's
 * default datasource, for state such as watermarks and findings.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private static EmbeddedPostgres postgres;

    /** The JVM-wide PostgreSQL, started on first use and stopped at exit. */
    public static synchronized EmbeddedPostgres shared() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not start", e);
            }
            EmbeddedPostgres started = postgres;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException e) {
                    // stopping anyway
                }
            }, "postgres-stop"));
        }
        return postgres;
    }

    @Override
    public Map<String, String> start() {
        return Map.of(
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:" + shared().getPort() + "/postgres",
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "");
    }

    @Override
    public void stop() {
        // shared across test classes; stopped when the JVM exits
    }
}
