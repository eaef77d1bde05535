package autopilot.collector.source;

import autopilot.events.ClusterKind;
import autopilot.sim.SimCluster;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** A source's rows as the reader hands them over, and the simulated cluster reached as the monitoring user. */
final class CollectedRows implements RowSink {

    List<String> columns;
    final List<List<Object>> rows = new ArrayList<>();

    @Override
    public void columns(List<String> names) {
        columns = names;
    }

    @Override
    public void row(List<Object> values) {
        rows.add(values);
    }

    /** One column's values, row by row. */
    List<Object> column(String name) {
        int i = columns.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no column " + name + " in " + columns);
        }
        return rows.stream().map(r -> r.get(i)).toList();
    }

    /** The source named {@code name} of a kind of cluster, read over the last week. */
    static CollectedRows read(Connection c, ClusterKind kind, String name, QueryGroupLabel label) throws SQLException {
        Source source = Sources.of(kind).stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
        CollectedRows collected = new CollectedRows();
        new SourceReader(label).read(c, kind, source, new Window(Instant.now().minus(Duration.ofDays(7)), Instant.now()), collected);
        return collected;
    }

    /**
     * The Redshift driver directly, not through DriverManager: in a test JVM that also ran Quarkus
     * tests, DriverManager only offers drivers its caller's class loader registered.
     */
    static Connection connect(SimCluster cluster) throws SQLException {
        Properties credentials = new Properties();
        credentials.setProperty("user", "monitor");
        credentials.setProperty("password", "Monitor-pass1");
        return new com.amazon.redshift.Driver().connect(cluster.jdbcUrl(), credentials);
    }

    /** A simulated cluster of one of this module's test scenarios ({@code src/test/resources/scenarios}). */
    static SimCluster scenario(String name) {
        try (java.io.InputStream in = CollectedRows.class.getResourceAsStream("/scenarios/" + name + ".yaml")) {
            return SimCluster.start(autopilot.sim.model.ScenarioLoader.read(in, name), 0);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static long count(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
