package autopilot.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import autopilot.events.ClusterDropped;
import autopilot.events.EventCodec;
import autopilot.events.EventEnvelope;
import autopilot.events.SnapshotPartCollected;
import autopilot.sim.SimCluster;
import autopilot.testsupport.Moto;
import autopilot.testsupport.MotoRedshift;
import autopilot.testsupport.QueueProbe;
import autopilot.testsupport.RedshiftSimExtension;
import autopilot.testsupport.ServiceProcess;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Two packaged collectors sharing clusters they discover in moto's Redshift API (DescribeClusters,
 * by tag; passwords from the secret a tag names): each cluster held by one instance, two each, every
 * cluster collected once in its interval; after one instance is killed (SIGKILL) the other takes its
 * clusters within a lease period and does not collect them again before they are due; an untagged
 * cluster is dropped and announced. The four moto clusters all point at one simulated cluster.
 */
class CollectorFleetIT {

    private static final Path LOGS = Path.of("target", "fleet-it");
    private static final Duration LEASE = Duration.ofSeconds(6);
    private final String prefix = "fleet" + UUID.randomUUID().toString().substring(0, 4);
    private final ObjectMapper json = new ObjectMapper();
    private final EventCodec codec = new EventCodec();

    @Test
    void twoCollectorsShareDiscoveredClustersAndTakeOverFromADeadOne() throws Exception {
        Moto moto = Moto.shared();
        SimCluster sim = RedshiftSimExtension.shared("healthy");
        QueueProbe snapshots = new QueueProbe(moto.clients().sqs(), moto.topology().snapshotsUrl());
        moto.clients().secretsManager().createSecret(b -> b.name(prefix + "/monitor")
                .secretString("{\"username\":\"monitor\",\"password\":\"Monitor-pass1\"}"));
        List<String> ids = List.of(prefix + "-a", prefix + "-b", prefix + "-c", prefix + "-d");
        MotoRedshift redshift = new MotoRedshift(moto.server().endpoint());
        {
            for (String id : ids) {
                redshift.createCluster(id, "ra3.xlplus", 2, sim.port(), Map.of("autopilot:monitor", "true",
                        "autopilot:secret", prefix + "/monitor", "autopilot:user", "monitor"));
            }
            Map<String, Set<String>> snapshotsOf = new ConcurrentHashMap<>();
            ServiceProcess one = start("one", moto);
            ServiceProcess two = start("two", moto);
            try {
                // Balanced: two clusters each, every one held by exactly one instance.
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(owners(one).values().stream()
                        .filter(o -> o != null).distinct().count()).isEqualTo(2));
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    Map<String, String> owners = owners(one);
                    assertThat(owners.keySet()).containsAll(ids);
                    Map<String, Integer> perOwner = new HashMap<>();
                    ids.forEach(id -> perOwner.merge(owners.get(id), 1, Integer::sum));
                    assertThat(perOwner).doesNotContainKey(null).containsValues(2, 2).hasSize(2);
                });
                // Every cluster collected once: intervals are 10 minutes, so 40 s later still once each.
                record(snapshots.collect(Duration.ofSeconds(40)), snapshotsOf);
                assertThat(snapshotsOf.keySet()).containsAll(ids);
                ids.forEach(id -> assertThat(snapshotsOf.get(id)).as("snapshots of " + id).hasSize(1));

                // One instance dies: its clusters move to the other within a lease period (plus a rebalance).
                Map<String, String> before = owners(one);
                String deadOwner = before.get(ids.get(0));
                ServiceProcess dead = deadOwner.startsWith("one-") ? one : two;
                ServiceProcess survivor = dead == one ? two : one;
                String survivorName = dead == one ? "two-" : "one-";
                long killedAt = System.nanoTime();
                dead.kill();
                await().atMost(LEASE.plusSeconds(4)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                        assertThat(owners(survivor).values()).allSatisfy(o -> assertThat(o).startsWith(survivorName)));
                Duration takeover = Duration.ofNanos(System.nanoTime() - killedAt);
                System.out.printf("fleet IT: clusters of the killed collector taken over after %.1f s (lease %d s)%n",
                        takeover.toMillis() / 1000.0, LEASE.toSeconds());
                // Taken over, not collected again before they are due.
                record(snapshots.collect(Duration.ofSeconds(10)), snapshotsOf);
                ids.forEach(id -> assertThat(snapshotsOf.get(id)).as("snapshots of " + id).hasSize(1));

                // Untagged: dropped, announced once, gone from the API.
                redshift.deleteTag(ids.get(3), "autopilot:monitor");
                Message dropped = snapshots.awaitMessage(m -> m.body().contains("ClusterDropped") && m.body().contains(ids.get(3)),
                        Duration.ofSeconds(30)).orElseThrow(() -> new AssertionError("no ClusterDropped for " + ids.get(3)));
                EventEnvelope<?> event = codec.decode(dropped.body());
                assertThat(event.clusterId()).isEqualTo(ids.get(3));
                assertThat(((ClusterDropped) event.payload()).reason()).contains("no longer tagged autopilot:monitor=true");
                assertThat(owners(survivor)).doesNotContainKey(ids.get(3)).containsKeys(ids.get(0), ids.get(1), ids.get(2));
            } finally {
                one.kill();
                two.kill();
            }
        }
    }

    private void record(List<Message> messages, Map<String, Set<String>> snapshotsOf) {
        for (Message m : messages) {
            EventEnvelope<?> e = codec.decode(m.body());
            if (e.clusterId().startsWith(prefix) && e.payload() instanceof SnapshotPartCollected p && p.source().equals("queries")) {
                snapshotsOf.computeIfAbsent(e.clusterId(), k -> new HashSet<>()).add(p.snapshotId().toString());
            }
        }
    }

    /** Cluster id to the owner of its lease, as one instance's API shows (only this test's clusters). */
    private Map<String, String> owners(ServiceProcess service) throws Exception {
        JsonNode clusters = json.readTree(service.get("/api/v1/clusters").body());
        Map<String, String> owners = new HashMap<>();
        for (JsonNode c : clusters) {
            if (c.path("id").asText().startsWith(prefix)) {
                assertThat(c.path("origin").asText()).isEqualTo("discovered");
                owners.put(c.path("id").asText(), c.path("owner").isNull() ? null : c.path("owner").asText());
            }
        }
        return owners;
    }

    private ServiceProcess start(String name, Moto moto) throws Exception {
        return CollectorProcesses.start(moto, LOGS.resolve(name), List.of(
                "-Dautopilot.collector.workload-interval=PT10M",
                "-Dautopilot.collector.table-health-interval=PT10M",
                "-Dautopilot.collector.profile.enabled=false",
                "-Dautopilot.collector.lease.duration=PT" + LEASE.toSeconds() + "S",
                "-Dautopilot.collector.lease.rebalance-every=1s",
                "-Dautopilot.collector.lease.instance-id=" + name + "-" + prefix,
                "-Dautopilot.discovery.enabled=true",
                "-Dautopilot.discovery.interval=PT3S",
                "-Dautopilot.discovery.serverless=false",
                "-Dautopilot.discovery.address-override=127.0.0.1",
                "-Dautopilot.discovery.jdbc-properties=ssl=false"));
    }
}
