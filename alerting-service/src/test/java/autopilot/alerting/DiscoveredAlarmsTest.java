package autopilot.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import autopilot.alerting.cloudwatch.CustomMetric;
import autopilot.alerting.cloudwatch.MetricDatums;
import autopilot.events.EventCodec;
import autopilot.registry.ClusterRegistry;
import autopilot.testsupport.Moto;
import autopilot.testsupport.MotoRedshift;
import autopilot.testsupport.MotoTestResource;
import autopilot.testsupport.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;

/**
 * Alarms and dashboards of discovered clusters (moto's Redshift API): a tagged cluster gets them at
 * once, with the DatabaseConnections threshold of the node type DescribeClusters gives; untagged, they
 * are deleted. The fleet-wide collection lag is published without the cluster dimension.
 */
@QuarkusTest
@TestProfile(DiscoveredAlarmsTest.Discovery.class)
@QuarkusTestResource(MotoTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class DiscoveredAlarmsTest {

    /** Discovery of provisioned clusters on (moto has no Serverless API), asked only when the test says. */
    public static class Discovery implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("autopilot.discovery.enabled", "true", "autopilot.discovery.serverless", "false",
                    "autopilot.discovery.interval", "PT1H");
        }
    }

    @Inject
    ClusterRegistry registry;

    private final Moto moto = Moto.shared();
    private final CloudWatchClient cloudWatch = moto.clients().cloudWatch();

    private List<String> alarmNames(String cluster) {
        return cloudWatch.describeAlarms(b -> b.alarmNamePrefix("autopilot-" + cluster + "-")).metricAlarms().stream()
                .map(MetricAlarm::alarmName).toList();
    }

    private Optional<String> dashboard(String cluster) {
        return cloudWatch.listDashboards(b -> b.dashboardNamePrefix("autopilot-" + cluster)).dashboardEntries().stream()
                .map(e -> e.dashboardName()).filter(("autopilot-" + cluster)::equals).findFirst();
    }

    @Test
    void aTaggedClusterGetsAlarmsAndADashboardAndLosesThemWhenUntagged() {
        String id = "disc" + UUID.randomUUID().toString().substring(0, 6);
        MotoRedshift redshift = new MotoRedshift(moto.server().endpoint());
        {
            redshift.createCluster(id, "ra3.4xlarge", 2, 5439, Map.of("autopilot:monitor", "true"));

            registry.refresh();

            assertThat(alarmNames(id)).hasSize(10).contains("autopilot-" + id + "-database-connections");
            MetricAlarm connections = cloudWatch.describeAlarms(b -> b.alarmNames("autopilot-" + id + "-database-connections"))
                    .metricAlarms().get(0);
            assertThat(connections.threshold()).isEqualTo(1800.0); // 90 % of ra3.4xlarge's 2,000
            assertThat(dashboard(id)).isPresent();
            // Configured clusters keep theirs.
            assertThat(alarmNames("rs-small")).isNotEmpty();

            redshift.deleteTag(id, "autopilot:monitor");
            ClusterRegistry.Change change = registry.refresh();

            assertThat(change.dropped()).extracting(ClusterRegistry.Dropped::id).contains(id);
            assertThat(alarmNames(id)).isEmpty();
            assertThat(dashboard(id)).isEmpty();
            assertThat(alarmNames("rs-small")).isNotEmpty();
        }
    }

    @Test
    void collectionLagIsAlsoSentAsTheFleetsFigure() {
        List<MetricDatums.Datum> datums = MetricDatums.from(new EventCodec().decode(TestEvents.health("rs-big", Instant.now(), 12.0, 0)));
        assertThat(datums).filteredOn(d -> d.is(CustomMetric.COLLECTION_LAG_SECONDS))
                .extracting(MetricDatums.Datum::clusterId).containsExactlyInAnyOrder("rs-big", MetricDatums.FLEET);
    }
}
