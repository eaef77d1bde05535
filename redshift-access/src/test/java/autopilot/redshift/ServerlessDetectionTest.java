package autopilot.redshift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import autopilot.sim.SimCluster;
import autopilot.sim.model.ScenarioLoader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Serverless is recognised whichever error a workgroup gives for STV_SLICES (permission denied or
 * relation does not exist), and a provisioned cluster is never taken for one.
 */
class ServerlessDetectionTest {

    /** A one-table cluster; {@code cluster} is the scenario's cluster line. */
    private static SimCluster start(String cluster) throws Exception {
        String yaml = "name: detect\ncluster: " + cluster + "\ndatabase: dev\n"
                + "users: [{name: monitor, password: Monitor-pass1, systemAccess: true}]\n"
                + "tables: [{schema: public, name: t, rows: 10, columns: [{name: id, type: INTEGER}]}]\n";
        return SimCluster.start(ScenarioLoader.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "detect"), 0);
    }

    private static Connection connect(SimCluster sim) throws SQLException {
        return RedshiftDriver.connect(new ClusterLogin("test", sim.jdbcUrl(), "monitor", Optional.of("Monitor-pass1"), Optional.empty()),
                "Monitor-pass1");
    }

    @ParameterizedTest
    @CsvSource({"PERMISSION_DENIED, 42501", "NOT_FOUND, 42P01"})
    void serverlessIsRecognisedWhicheverErrorItRefusesStvWith(String refusal, String sqlState) throws Exception {
        try (SimCluster sim = start("{nodeType: serverless, nodes: 1, slicesPerNode: 8, serverless: true, stlRefusal: " + refusal + "}");
             Connection c = connect(sim)) {
            assertThatThrownBy(() -> c.createStatement().executeQuery(ServerlessDetection.PROBE))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo(sqlState));
            assertThat(ServerlessDetection.serverless(sim.jdbcUrl(), c)).isTrue();
        }
    }

    @Test
    void provisionedClusterIsNotServerless() throws Exception {
        try (SimCluster sim = start("{nodeType: ra3.xlplus, nodes: 2, slicesPerNode: 2}"); Connection c = connect(sim)) {
            assertThat(ServerlessDetection.serverless(sim.jdbcUrl(), c)).isFalse();
        }
    }

    @Test
    void workgroupEndpointIsServerlessWithoutAProbe() throws SQLException {
        assertThat(ServerlessDetection.serverless(
                "jdbc:redshift://wg.123456789012.eu-west-1.redshift-serverless.amazonaws.com:5439/dev", null)).isTrue();
        assertThat(ServerlessDetection.serverlessEndpoint(
                "jdbc:redshift:iam://wg.123456789012.eu-west-1.redshift-serverless.amazonaws.com:5439/dev?ssl=true")).isTrue();
        assertThat(ServerlessDetection.serverlessEndpoint(
                "jdbc:redshift://prod.abc123.eu-west-1.redshift.amazonaws.com:5439/dev")).isFalse();
        assertThat(ServerlessDetection.serverlessEndpoint("not a url")).isFalse();
    }
}
