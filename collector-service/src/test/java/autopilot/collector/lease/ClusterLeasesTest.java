package autopilot.collector.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import autopilot.testsupport.PostgresTestResource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Leases of several collector instances over one real PostgreSQL, with the collector's own migration. */
class ClusterLeasesTest {

    private final DataSource db = PostgresTestResource.shared().getPostgresDatabase();
    private final List<String> clusters = new CopyOnWriteArrayList<>(IntStream.rangeClosed(1, 10).mapToObj(i -> String.format("c%02d", i)).toList());

    @BeforeEach
    void freshTables() throws SQLException, IOException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             InputStream migration = getClass().getResourceAsStream("/db/migration/V3__cluster_leases.sql")) {
            s.execute("DROP TABLE IF EXISTS cluster_lease, collector_instance, collection_due");
            s.execute(new String(migration.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private ClusterLeases instance(String id, Duration lease) {
        return new ClusterLeases(() -> db, new ClusterLeases.Settings() {
            @Override
            public boolean enabled() {
                return true;
            }

            @Override
            public Duration duration() {
                return lease;
            }

            @Override
            public Collection<String> known() {
                return clusters;
            }

            @Override
            public boolean complete() {
                return true;
            }
        }, id, Clock.systemUTC());
    }

    private static void rounds(int n, List<ClusterLeases> instances) {
        for (int i = 0; i < n; i++) {
            instances.forEach(ClusterLeases::rebalance);
        }
    }

    private static Map<String, Integer> counts(List<ClusterLeases> instances) {
        Map<String, Integer> counts = new HashMap<>();
        instances.forEach(l -> counts.put(l.instanceId(), l.held().size()));
        return counts;
    }

    private void assertPartition(List<ClusterLeases> instances) {
        List<String> all = new ArrayList<>();
        instances.forEach(l -> all.addAll(l.held()));
        assertThat(all).containsExactlyInAnyOrderElementsOf(clusters);
        int max = instances.stream().mapToInt(l -> l.held().size()).max().orElseThrow();
        int min = instances.stream().mapToInt(l -> l.held().size()).min().orElseThrow();
        assertThat(max - min).as("spread " + counts(instances)).isLessThanOrEqualTo(1);
    }

    @Test
    void instancesSplitTheClustersEvenlyAndOnce() {
        List<ClusterLeases> three = List.of(instance("a", Duration.ofMinutes(1)), instance("b", Duration.ofMinutes(1)),
                instance("c", Duration.ofMinutes(1)));
        rounds(3, three);
        assertPartition(three);
        assertThat(counts(three)).isEqualTo(Map.of("a", 4, "b", 3, "c", 3));
    }

    @Test
    void aNewInstanceGetsItsShareAndADeadOnesClustersAreTakenOverOnceItsLeasesExpire() {
        ClusterLeases a = instance("a", Duration.ofSeconds(2));
        ClusterLeases b = instance("b", Duration.ofSeconds(2));
        rounds(2, List.of(a));
        assertThat(a.held()).hasSize(10);
        rounds(3, List.of(a, b));
        assertPartition(List.of(a, b));
        assertThat(b.held()).hasSize(5);

        // b dies: it stops renewing. Until its leases expire nobody else collects its clusters...
        Set<String> ofB = new TreeSet<>(b.held());
        rounds(1, List.of(a));
        assertThat(a.held()).doesNotContainAnyElementsOf(ofB);
        // ... and once they have (2 s after b's last renewal), a takes them all at a rebalance.
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            rounds(1, List.of(a));
            assertThat(a.held()).containsExactlyInAnyOrderElementsOf(clusters);
        });
        // b's own view went stale meanwhile: it would not collect either.
        assertThat(b.held()).isEmpty();
    }

    @Test
    void aCleanStopHandsTheLeasesBackAtOnce() {
        ClusterLeases a = instance("a", Duration.ofMinutes(10));
        ClusterLeases b = instance("b", Duration.ofMinutes(10));
        rounds(3, List.of(a, b));
        b.handBack();
        rounds(2, List.of(a));
        assertThat(a.held()).containsExactlyInAnyOrderElementsOf(clusters);
    }

    @Test
    void aClusterIsNeverHeldByTwoInstancesWhileTheyRebalanceConcurrently() throws InterruptedException {
        List<ClusterLeases> instances = List.of(instance("a", Duration.ofMillis(600)), instance("b", Duration.ofMillis(600)),
                instance("c", Duration.ofMillis(600)));
        List<String> overlaps = new CopyOnWriteArrayList<>();
        long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < instances.size(); i++) {
            ClusterLeases leases = instances.get(i);
            int index = i;
            threads.add(started(() -> {
                int round = 0;
                while (System.nanoTime() < until) {
                    // c pauses now and then longer than a lease: its clusters move, and must not be held twice.
                    if (index == 2 && ++round % 20 == 0) {
                        sleep(700);
                    }
                    leases.rebalance();
                    sleep(20);
                }
            }));
        }
        threads.add(started(() -> {
            while (System.nanoTime() < until) {
                Map<String, String> holder = new HashMap<>();
                for (ClusterLeases l : instances) {
                    for (String id : l.held()) {
                        String other = holder.put(id, l.instanceId());
                        if (other != null) {
                            overlaps.add(id + " held by " + other + " and " + l.instanceId());
                        }
                    }
                }
                sleep(5);
            }
        }));
        for (Thread t : threads) {
            t.join();
        }
        assertThat(overlaps).isEmpty();
        rounds(2, instances);
        assertPartition(instances);
    }

    @Test
    void droppedClustersLeaveTheShares() {
        List<ClusterLeases> two = List.of(instance("a", Duration.ofMinutes(1)), instance("b", Duration.ofMinutes(1)));
        rounds(2, two);
        clusters.removeAll(List.of("c01", "c02", "c03", "c04"));
        assertThat(two.get(0).drop("c01")).isTrue();
        assertThat(two.get(1).drop("c01")).isFalse(); // the other instance's call finds nothing left: one announcement
        rounds(3, two);
        assertPartition(two);
        assertThat(counts(two)).isEqualTo(Map.of("a", 3, "b", 3));
    }

    private static Thread started(Runnable work) {
        Thread thread = new Thread(work);
        thread.start();
        return thread;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
