package autopilot.sim;

import autopilot.sim.catalog.DatabaseNames;
import autopilot.sim.model.Scenario;
import autopilot.sim.model.ScenarioLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Command line: starts a simulated cluster on a scenario and prints how to connect, or a fleet of
 * them in one process ({@code --fleet N}, see {@link SimFleet}).
 * <pre>
 *   java -jar redshift-sim/target/redshift-sim-app.jar [--scenario NAME|FILE] [--port N] [--postgres-url JDBC_URL]
 *   java -jar redshift-sim/target/redshift-sim-app.jar --fleet N [--scenario NAME|FILE] [--base-port P] [--postgres-url JDBC_URL]
 *       [--manifest FILE] [--parallel K]
 * </pre>
 * Shipped scenarios: healthy, star-schema, maintenance-backlog, saturated-wlm, aqua, serverless,
 * multi-database, generated-modest, large, large-collect, fleet-member.
 */
public final class SimMain {

    private static final String USAGE = """
            usage: redshift-sim [--scenario NAME|FILE (default star-schema)] [--port N (default 5439, 0 = any)] [--postgres-url JDBC_URL]
                   redshift-sim --fleet N [--scenario NAME|FILE (default fleet-member)] [--base-port P (default 5441, 0 = any)]
                                [--postgres-url JDBC_URL] [--manifest FILE] [--parallel K (default 2)]""";

    private SimMain() {
    }

    public static void main(String[] args) throws Exception {
        String scenarioArg = null;
        Integer port = null;
        String postgresUrl = null;
        Integer fleet = null;
        Integer basePort = null;
        String manifest = null;
        Integer parallel = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--scenario" -> scenarioArg = value(args, ++i);
                case "--port" -> port = number(args, ++i);
                case "--postgres-url" -> postgresUrl = value(args, ++i);
                case "--fleet" -> fleet = number(args, ++i);
                case "--base-port" -> basePort = number(args, ++i);
                case "--manifest" -> manifest = value(args, ++i);
                case "--parallel" -> parallel = number(args, ++i);
                case "-h", "--help" -> {
                    System.out.println(USAGE);
                    return;
                }
                default -> fail("unknown option " + args[i] + " (try --help)");
            }
        }
        if (fleet == null) {
            if (basePort != null || manifest != null || parallel != null) {
                fail("--base-port, --manifest and --parallel go with --fleet N");
            }
            runOne(load(scenarioArg == null ? "star-schema" : scenarioArg), port == null ? 5439 : port, postgresUrl);
        } else {
            if (port != null) {
                fail("a fleet takes --base-port, not --port");
            }
            runFleet(load(scenarioArg == null ? "fleet-member" : scenarioArg),
                    new SimFleet.Settings(fleet, basePort == null ? 5441 : basePort, postgresUrl, parallel == null ? 2 : parallel),
                    manifest == null ? null : Path.of(manifest));
        }
    }

    private static void runOne(Scenario scenario, int port, String postgresUrl) throws InterruptedException {
        long started = System.nanoTime();
        System.out.printf("redshift-sim: starting scenario %s (%d tables, %d explicit queries%s)...%n", scenario.name(),
                scenario.tables().size(), scenario.queries().size(),
                scenario.generator() == null ? "" : ", " + scenario.generator().queries() + " generated");
        SimCluster cluster = postgresUrl == null ? SimCluster.start(scenario, port) : SimCluster.startOn(postgresUrl, scenario, port);
        CountDownLatch stopped = stopOnShutdown(cluster);
        Scenario.User user = scenario.systemUser();
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

    private static void runFleet(Scenario scenario, SimFleet.Settings settings, Path manifest) throws Exception {
        long started = System.nanoTime();
        System.out.printf("redshift-sim: starting a fleet of %d '%s' clusters (%d tables, %d explicit queries%s each), %d at a time "
                        + "after the first, on %s...%n", settings.size(), scenario.name(), scenario.tables().size(), scenario.queries().size(),
                scenario.generator() == null ? "" : ", " + scenario.generator().queries() + " generated",
                settings.parallelism(), settings.postgresUrl() == null ? "an embedded PostgreSQL" : settings.postgresUrl());
        SimFleet fleet = SimFleet.start(scenario, settings, line -> System.out.println("redshift-sim: " + line));
        CountDownLatch stopped = stopOnShutdown(fleet);
        if (manifest != null) {
            fleet.writeManifest(manifest);
        }
        List<SimFleet.Member> members = fleet.members();
        SimCluster first = members.get(0).cluster();
        SimCluster last = members.get(members.size() - 1).cluster();
        Scenario.User user = scenario.systemUser();
        System.out.printf("""
                redshift-sim: fleet of %d '%s' clusters ready in %.1f s: %s..%s on %s of %s, each %s %s
                  databases on each: %s (default %s); user %s, password '%s'
                  JDBC:  %s ... %s   (driver com.amazon.redshift.Driver)
                  PostgreSQL underneath: %s (databases %s, ...)
                %sCtrl-C stops them all.
                """, members.size(), scenario.name(), (System.nanoTime() - started) / 1e9, members.get(0).id(),
                members.get(members.size() - 1).id(),
                settings.basePort() == 0 ? "free ports (see the manifest)" : "ports " + first.port() + ".." + last.port(), first.host(),
                scenario.cluster().serverless() ? "Serverless" : "provisioned",
                scenario.cluster().nodeType() + " x" + scenario.cluster().nodes(), String.join(", ", scenario.databases()),
                scenario.database(), user.name(), user.password(), first.jdbcUrl(), last.jdbcUrl(), fleet.postgresUrl(),
                DatabaseNames.forCluster(members.get(0).id()).backend(scenario.database()),
                manifest == null ? "" : "  manifest: " + manifest.toAbsolutePath()
                        + "   (register in moto: deploy/local/register-fleet.py MANIFEST --endpoint URL)\n");
        stopped.await();
    }

    /** Closes {@code running} when the process is told to stop; the latch opens once it is closed. */
    private static CountDownLatch stopOnShutdown(AutoCloseable running) {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                running.close();
            } catch (Exception e) {
                System.err.println("redshift-sim: stopping failed: " + e);
            }
            stopped.countDown();
        }, "redshift-sim-stop"));
        return stopped;
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

    private static int number(String[] args, int i) {
        String v = value(args, i);
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            fail("option " + args[i - 1] + " needs a number, not " + v);
            return 0;
        }
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
