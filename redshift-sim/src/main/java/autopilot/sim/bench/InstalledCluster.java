package autopilot.sim.bench;

import autopilot.sim.SimCluster;
import autopilot.sim.model.Scenario;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A simulated cluster started for a benchmark, with what installing it cost: time, the rows it
 * holds and the disk it takes.
 */
record InstalledCluster(SimCluster cluster, double seconds, long tables, long queries, long scanRows, DiskUsage disk)
        implements AutoCloseable {

    static InstalledCluster start(Scenario scenario, PrintStream out) throws SQLException {
        out.printf("installing scenario %s: %,d tables and %,d queries on %s x%d (%d slices), embedded PostgreSQL%n",
                scenario.name(), scenario.tables().size(), queries(scenario), scenario.cluster().nodeType(),
                scenario.cluster().nodes(), scenario.cluster().slices());
        long started = System.nanoTime();
        SimCluster cluster = SimCluster.start(scenario, 0);
        double seconds = (System.nanoTime() - started) / 1e9;
        try (Connection db = cluster.underlyingConnection(); Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("SELECT (SELECT count(*) FROM redshift_sim.table_meta), "
                     + "(SELECT count(*) FROM redshift_sim.stl_query WHERE userid > 1), (SELECT count(*) FROM redshift_sim.stl_scan)")) {
            rs.next();
            InstalledCluster installed = new InstalledCluster(cluster, seconds, rs.getLong(1), rs.getLong(2), rs.getLong(3),
                    DiskUsage.of(db));
            out.printf("installed in %.1f s (PostgreSQL start-up included): %,d tables, %,d queries, %,d STL_SCAN rows%n",
                    seconds, installed.tables(), installed.queries(), installed.scanRows());
            out.println("disk: " + installed.disk().describe());
            return installed;
        } catch (SQLException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    @Override
    public void close() {
        cluster.close();
    }

    private static long queries(Scenario scenario) {
        return scenario.queries().size() + (scenario.generator() == null ? 0 : Math.max(0, scenario.generator().queries()));
    }
}
