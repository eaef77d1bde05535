package autopilot.sim.bench;

import autopilot.sim.model.Scenario;
import java.io.PrintStream;
import java.sql.SQLException;

/**
 * Benchmark of installing a large cluster: by default the shipped {@code large} scenario (10,000
 * tables, 1,000,000 queries). Prints how long the install took, PostgreSQL start-up included, and
 * the disk it needs.
 * <pre>
 *   java -cp redshift-sim/target/redshift-sim-app.jar autopilot.sim.bench.InstallBenchmark \
 *       [--scenario NAME|FILE] [--tables N] [--queries N]
 * </pre>
 */
public final class InstallBenchmark {

    private InstallBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args, "large");
        } catch (IllegalArgumentException e) {
            System.err.println("install-benchmark: " + e.getMessage());
            System.exit(2);
            return;
        }
        run(options, System.out);
        // Exit explicitly: PostgreSQL's and the gateway's threads must not keep the JVM alive.
        System.exit(0);
    }

    static InstallReport run(BenchOptions options, PrintStream out) throws SQLException {
        Machine.describe(out);
        Scenario scenario = ScenarioSize.load(options);
        try (InstalledCluster installed = InstalledCluster.start(scenario, out)) {
            out.printf("%s: %,d tables and %,d queries installed in %.1f s, %s on disk (data directory; database %s)%n",
                    scenario.name(), installed.tables(), installed.queries(), installed.seconds(),
                    DiskUsage.human(installed.disk().dataDirectoryBytes()), DiskUsage.human(installed.disk().databaseBytes()));
            return new InstallReport(installed.seconds(), installed.tables(), installed.queries(), installed.disk());
        }
    }

    /** What an install cost. */
    record InstallReport(double seconds, long tables, long queries, DiskUsage disk) {
    }
}
