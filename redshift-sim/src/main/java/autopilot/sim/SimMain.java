package autopilot.sim;

import autopilot.sim.model.Scenario;
import autopilot.sim.model.ScenarioLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Command line: starts a simulated cluster on a scenario and prints how to connect.
 * <pre>
 *   java -jar redshift-sim/target/redshift-sim-app.jar [--scenario NAME|FILE] [--port N] [--postgres-url JDBC_URL]
 * </pre>
 * Shipped scenarios: healthy, star-schema, maintenance-backlog, saturated-wlm, aqua, serverless.
 */
public final class SimMain {

    private SimMain() {
    }

    public static void main(String[] args) throws Exception {
        String scenarioArg = "star-schema";
        int port = 5439;
        String postgresUrl = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--scenario" -> scenarioArg = value(args, ++i);
                case "--port" -> port = Integer.parseInt(value(args, ++i));
                case "--postgres-url" -> postgresUrl = value(args, ++i);
                case "-h", "--help" -> {
                    System.out.println("usage: redshift-sim [--scenario NAME|FILE] [--port N (default 5439, 0 = any)] [--postgres-url JDBC_URL]");
                    return;
                }
                default -> fail("unknown option " + args[i] + " (try --help)");
            }
        }
        Scenario scenario = load(scenarioArg);
        long started = System.nanoTime();
        System.out.printf("redshift-sim: starting scenario %s (%d tables, %d explicit queries%s)...%n", scenario.name(),
                scenario.tables().size(), scenario.queries().size(),
                scenario.generator() == null ? "" : ", " + scenario.generator().queries() + " generated");
        SimCluster cluster = postgresUrl == null ? SimCluster.start(scenario, port) : SimCluster.startOn(postgresUrl, scenario, port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            cluster.close();
            stopped.countDown();
        }, "redshift-sim-stop"));
        Scenario.User user = scenario.users().stream().filter(Scenario.User::systemAccess).findFirst().orElse(scenario.users().get(0));
        System.out.printf("""
                redshift-sim: %s cluster '%s' ready in %.1f s
                  host %s   port %d   database %s   %s
                  databases: %s (name one in the JDBC URL path or psql dbname)
                  users: %s
                  JDBC:  %s   (driver com.amazon.redshift.Driver)
                  psql:  PGPASSWORD='%s' psql "host=%s port=%d dbname=%s user=%s"
                Ctrl-C stops it.
                """, scenario.cluster().serverless() ? "Serverless" : "provisioned", scenario.name(),
                (System.nanoTime() - started) / 1e9, cluster.host(), cluster.port(), scenario.database(),
                scenario.cluster().nodeType() + " x" + scenario.cluster().nodes(), String.join(", ", scenario.databases()),
                String.join(", ", scenario.users().stream().map(Scenario.User::name).toList()),
                cluster.jdbcUrl(), user.password(), cluster.host(), cluster.port(), scenario.database(), user.name());
        stopped.await();
    }

    static Scenario load(String nameOrFile) throws IOException {
        Path file = Path.of(nameOrFile);
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                return ScenarioLoader.read(in, file.toString());
            }
        }
        return ScenarioLoader.shipped(nameOrFile);
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            fail("option " + args[i - 1] + " needs a value");
        }
        return args[i];
    }

    private static void fail(String message) {
        System.err.println("redshift-sim: " + message);
        System.exit(2);
    }
}
