package autopilot.collector.source;

import static autopilot.collector.source.CollectedRows.connect;
import static autopilot.collector.source.CollectedRows.count;
import static org.assertj.core.api.Assertions.assertThat;

import autopilot.events.ClusterKind;
import autopilot.sim.SimCluster;
import autopilot.testsupport.RedshiftSimExtension;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every source's SQL runs through the Redshift JDBC driver on the simulated cluster of its kind,
 * as the least-privileged monitoring user, and returns what the cluster holds.
 */
class SourceReaderTest {

    private static final QueryGroupLabel OWN_LABEL = new QueryGroupLabel("autopilot-collector");

    /** Queries the workload is made of: rdsdb's own (userid 1) left out, and on Serverless those not finished yet. */
    private static final String PROVISIONED_WORKLOAD = "select count(*) from stl_query where userid > 1";
    private static final String SERVERLESS_WORKLOAD =
            "select count(*) from sys_query_history where trim(status) in ('success', 'failed', 'canceled')";

    private static SimCluster cluster(ClusterKind kind) {
        return RedshiftSimExtension.shared(kind == ClusterKind.SERVERLESS ? "serverless" : "star-schema");
    }

    private static String workload(ClusterKind kind) {
        return kind == ClusterKind.SERVERLESS ? SERVERLESS_WORKLOAD : PROVISIONED_WORKLOAD;
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
            for (Source source : Sources.of(kind).stream().filter(s -> s != Sources.COLUMN_PROFILE && s != Sources.USER_METRICS).toList()) {
                CollectedRows collected = new CollectedRows();
                long rows = source == Sources.TABLE_COLUMNS ? TableDefinitions.read(c, collected)
                        : reader.read(c, kind, source, lastWeek, collected);
                assertThat(collected.columns).as(source.name()).isNotEmpty();
                assertThat(collected.rows).as(source.name()).hasSize((int) rows);
            }
            CollectedRows collected = CollectedRows.read(c, kind, "queries", OWN_LABEL);
            assertThat((long) collected.rows.size()).isEqualTo(count(c, workload(kind))).isPositive();
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
            CollectedRows older = new CollectedRows();
            CollectedRows newer = new CollectedRows();
            Instant split = now.minus(Duration.ofHours(12));
            reader.read(c, kind, queries, new Window(now.minus(Duration.ofDays(7)), split), older);
            reader.read(c, kind, queries, new Window(split, now), newer);
            int endtime = newer.columns.indexOf("endtime");
            assertThat(newer.rows).allSatisfy(r -> assertThat(Instant.parse((String) r.get(endtime))).isAfter(split));
            assertThat(older.rows).allSatisfy(r -> assertThat(Instant.parse((String) r.get(endtime))).isBeforeOrEqualTo(split));
            assertThat(older.rows.size() + newer.rows.size()).isEqualTo((int) count(c, workload(kind)));
        }
    }
}
