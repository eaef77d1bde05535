package autopilot.sim.bench;

import autopilot.sim.SimCluster;
import autopilot.sim.model.Scenario;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Benchmark of the gateway's cost: installs a large cluster (by default {@code large-collect},
 * 10,000 tables and 100,000 queries), then reads SVV_TABLE_INFO, STL_QUERY, STL_WLM_QUERY and
 * STL_SCAN to the last row through the gateway with the Redshift JDBC driver and, as the yardstick,
 * with the same SELECTs on the PostgreSQL underneath with pgjdbc, as the same user. Prints the
 * median of each read, the ratio gateway/direct and PASS when the gateway costs at most twice.
 * <pre>
 *   java -cp redshift-sim/target/redshift-sim-app.jar autopilot.sim.bench.GatewayBenchmark \
 *       [--scenario NAME|FILE] [--tables N] [--queries N] [--warmup N] [--rounds N] [--fetch-size N]
 * </pre>
 * A third path, pgjdbc through the gateway, separates what the relay costs from what the driver
 * costs; it does not enter the verdict.
 */
public final class GatewayBenchmark {

    /** The target: through the gateway at most twice the cost of PostgreSQL directly. */
    static final double TARGET_RATIO = 2.0;

    static final List<String> RELATIONS = List.of("svv_table_info", "stl_query", "stl_wlm_query", "stl_scan");

    /**
     * pgjdbc warns that the gateway's server_version (Redshift's 8.0.2) is unsupported; saying so is
     * the gateway's job. Held in a field so the level set on it is not collected with the logger.
     */
    private static final Logger PGJDBC_CONNECTION_LOG = Logger.getLogger("org.postgresql.jdbc.PgConnection");

    /** What one run measured, and whether it meets the target. */
    record Result(double ratio, double relayRatio, boolean sameRows, List<Long> rows) {
        boolean pass() {
            return sameRows && ratio <= TARGET_RATIO;
        }
    }

    private GatewayBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args, "large-collect");
        } catch (IllegalArgumentException e) {
            System.err.println("gateway-benchmark: " + e.getMessage());
            System.exit(2);
            return;
        }
        Result result = run(options, System.out);
        // The exit status carries the verdict, for scripts: 0 PASS, 1 FAIL.
        System.exit(result.pass() ? 0 : 1);
    }

    static Result run(BenchOptions options, PrintStream out) throws SQLException {
        Scenario scenario = ScenarioSize.load(options);
        Scenario.User user = reader(scenario);
        Machine.describe(out);
        PGJDBC_CONNECTION_LOG.setLevel(Level.SEVERE);
        try (InstalledCluster installed = InstalledCluster.start(scenario, out);
             Connection redshift = DriverManager.getConnection(installed.cluster().jdbcUrl(), user.name(), user.password());
             Connection direct = pgjdbc(installed.cluster().underlyingUrl(), user.name(), "");
             Connection relayed = pgjdbc(gatewayUrl(installed.cluster()), user.name(), user.password())) {
            List<ReadRounds.ReadPath> paths = List.of(new ReadRounds.ReadPath("gateway, Redshift JDBC", redshift),
                    new ReadRounds.ReadPath("direct, pgjdbc", direct), new ReadRounds.ReadPath("gateway, pgjdbc", relayed));
            for (ReadRounds.ReadPath path : paths) {
                path.connection().setAutoCommit(false);
            }
            ReadRounds.Outcome outcome = new ReadRounds(RELATIONS, paths, options).run(out);
            Result result = new Result(outcome.ratio(), outcome.relayRatio(), outcome.sameRows(), outcome.rows());
            verdict(result, out);
            return result;
        }
    }

    private static void verdict(Result result, PrintStream out) {
        if (!result.sameRows()) {
            out.println("FAIL: the paths read different numbers of rows or values");
            return;
        }
        out.printf(Locale.ROOT, "%s: through the gateway the reads cost %.2fx reading PostgreSQL directly (target: at most %.0fx); "
                        + "the relay alone (pgjdbc both ways) %.2fx%n", result.pass() ? "PASS" : "FAIL", result.ratio(), TARGET_RATIO,
                result.relayRatio());
    }

    /** The user a collector would connect as: system access without being a superuser, if the scenario has one. */
    static Scenario.User reader(Scenario scenario) {
        return scenario.users().stream().filter(u -> u.systemAccess() && !u.superuser()).findFirst()
                .or(() -> scenario.users().stream().filter(Scenario.User::superuser).findFirst())
                .orElseThrow(() -> new IllegalArgumentException("scenario " + scenario.name() + " has no user who may read system tables"));
    }

    private static String gatewayUrl(SimCluster cluster) {
        return "jdbc:postgresql://" + cluster.host() + ":" + cluster.port() + "/" + cluster.scenario().database();
    }

    /** pgjdbc by name: DriverManager could hand a jdbc:postgresql URL to whichever driver claims it first. */
    private static Connection pgjdbc(String url, String user, String password) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        return new org.postgresql.Driver().connect(url, props);
    }
}
