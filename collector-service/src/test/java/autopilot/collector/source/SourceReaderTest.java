package autopilot.collector.source;

import static org.assertj.core.api.Assertions.assertThat;

import autopilot.events.ClusterKind;
import autopilot.sim.SimCluster;
import autopilot.testsupport.RedshiftSimExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every source's SQL runs through the Redshift JDBC driver on the simulated cluster of its kind,
 * as the least-privileged monitoring user, and returns what the cluster holds.
 */
class SourceReaderTest {

    private static final String OWN_LABEL = "autopilot-collector";

    private static final class Collected implements RowSink {
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
    }

    private static SimCluster cluster(ClusterKind kind) {
        return RedshiftSimExtension.shared(kind == ClusterKind.SERVERLESS ? "serverless" : "star-schema");
    }

    /**
     * The Redshift driver directly, not through DriverManager: in a test JVM that also ran Quarkus
     * tests, DriverManager only offers drivers its caller's class loader registered.
     */
    private static Connection connect(SimCluster cluster) throws SQLException {
        java.util.Properties credentials = new java.util.Properties();
        credentials.setProperty("user", "monitor");
        credentials.setProperty("password", "Monitor-pass1");
        return new com.amazon.redshift.Driver().connect(cluster.jdbcUrl(), credentials);
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @ParameterizedTest
    @EnumSource(ClusterKind.class)
    void everySourceRunsOnItsKindOfCluster(ClusterKind kind) throws Exception {
        SimCluster cluster = cluster(kind);
        Window lastWeek = new Window(Instant.now().minus(Duration.ofDays(7)), Instant.now());
        SourceReader reader = new SourceReader(OWN_LABEL);
        try (Connection c = connect(cluster)) {
            try (Statement st = c.createStatement()) {
                st.execute("SET search_path TO public");
            }
            // column_profile is statements the profiler builds per table, not one SQL resource (ColumnProfileTest).
            for (Source source : Sources.of(kind).stream().filter(s -> s != Sources.COLUMN_PROFILE).toList()) {
                Collected collected = new Collected();
                long rows = reader.read(c, kind, source, lastWeek, collected);
                assertThat(collected.columns).as(source.name()).isNotEmpty();
                assertThat(collected.rows).as(source.name()).hasSize((int) rows);
            }
            String queries = kind == ClusterKind.SERVERLESS ? "select count(*) from sys_query_history" : "select count(*) from stl_query";
            Collected collected = new Collected();
            reader.read(c, kind, new Source("queries", true, Source.Group.WORKLOAD, "queries"), lastWeek, collected);
            assertThat((long) collected.rows.size()).isEqualTo(count(c, queries)).isPositive();
        }
    }

    @ParameterizedTest
    @EnumSource(ClusterKind.class)
    void aWindowReadsOnlyItsRows(ClusterKind kind) throws Exception {
        SimCluster cluster = cluster(kind);
        Instant now = Instant.now();
        SourceReader reader = new SourceReader(OWN_LABEL);
        Source queries = Sources.of(kind).stream().filter(s -> s.name().equals("queries")).findFirst().orElseThrow();
        try (Connection c = connect(cluster)) {
            Collected older = new Collected();
            Collected newer = new Collected();
            Instant split = now.minus(Duration.ofHours(12));
            reader.read(c, kind, queries, new Window(now.minus(Duration.ofDays(7)), split), older);
            reader.read(c, kind, queries, new Window(split, now), newer);
            int endtime = newer.columns.indexOf("endtime");
            assertThat(newer.rows).allSatisfy(r -> assertThat(Instant.parse((String) r.get(endtime))).isAfter(split));
            assertThat(older.rows).allSatisfy(r -> assertThat(Instant.parse((String) r.get(endtime))).isBeforeOrEqualTo(split));
            assertThat(older.rows.size() + newer.rows.size()).isEqualTo(
                    (int) count(c, kind == ClusterKind.SERVERLESS ? "select count(*) from sys_query_history" : "select count(*) from stl_query"));
        }
    }
}
