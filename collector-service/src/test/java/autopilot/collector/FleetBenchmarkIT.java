package autopilot.collector;

import autopilot.events.EventCodec;
import autopilot.events.EventEnvelope;
import autopilot.events.SnapshotPartCollected;
import autopilot.sim.SimFleet;
import autopilot.sim.model.ScenarioLoader;
import autopilot.testsupport.Moto;
import autopilot.testsupport.MotoRedshift;
import autopilot.testsupport.QueueProbe;
import autopilot.testsupport.ServiceProcess;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The fleet run of issue 18 (a benchmark: prints figures, asserts nothing a slow machine would fail):
 * a redshift-sim fleet (default 40 clusters of fleet-member: 300 tables, a day of workload each)
 * registered in moto's Redshift API, and packaged collectors (default 2) discovering and sharing it by
 * lease. It counts every cluster's workload and table-health snapshots per interval from the
 * snapshots queue, shows the assignment, then kills (SIGKILL) the first collector and measures how
 * long its clusters take to be owned by the others and to be collected again.
 * <pre>
 *   ./mvnw -o -q install -DskipTests &amp;&amp; ./mvnw -o -pl collector-service verify -Pfleet-benchmark \
 *       [-Dfleet.size=40 -Dfleet.collectors=2 -Dfleet.minutes=8]
 * </pre>
 */
@Tag("fleet-benchmark")
class FleetBenchmarkIT {

    private static final Path LOGS = Path.of("target", "fleet-benchmark");
    private static final int SIZE = Integer.getInteger("fleet.size", 40);
    private static final int COLLECTORS = Integer.getInteger("fleet.collectors", 2);
    private static final Duration OBSERVE = Duration.ofMinutes(Integer.getInteger("fleet.minutes", 8));
    private static final Duration WORKLOAD = Duration.parse(System.getProperty("fleet.workload-interval", "PT2M"));
    private static final Duration TABLE_HEALTH = Duration.parse(System.getProperty("fleet.table-health-interval", "PT5M"));
    private static final Duration LEASE = Duration.parse(System.getProperty("fleet.lease", "PT30S"));

    /** One snapshot seen on the queue. */
    record Seen(String cluster, String source, String snapshotId, Instant collectedAt) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Seen> seen = new ConcurrentHashMap<>();

    @Test
    void fleetRun() throws Exception {
        long started = System.nanoTime();
        say("starting a fleet of %d fleet-member clusters (300 tables, a day of workload each), 2 at a time", SIZE);
        try (SimFleet fleet = SimFleet.start(ScenarioLoader.shipped("fleet-member"), new SimFleet.Settings(SIZE, 0, null, 2),
                line -> say("  %s", line))) {
            say("fleet up in %.0f s", seconds(started));
            Moto moto = Moto.shared();
            MotoRedshift redshift = new MotoRedshift(moto.server().endpoint());
            for (SimFleet.ManifestEntry m : fleet.manifest()) {
                String secret = "autopilot/bench/" + m.id();
                moto.clients().secretsManager().createSecret(b -> b.name(secret)
                        .secretString("{\"username\":\"" + m.user() + "\",\"password\":\"" + m.password() + "\"}"));
                redshift.createCluster(m.id(), m.nodeType(), m.nodes(), m.port(), Map.of("autopilot:monitor", "true",
                        "autopilot:secret", secret, "autopilot:user", m.user(), "autopilot:database", m.database()));
            }
            say("registered %d clusters in moto's Redshift API", SIZE);
            QueueProbe snapshots = new QueueProbe(moto.clients().sqs(), moto.topology().snapshotsUrl());
            snapshots.purge();
            AtomicBoolean draining = new AtomicBoolean(true);
            Thread drain = new Thread(() -> drain(snapshots, draining), "drain");
            drain.start();

            List<ServiceProcess> collectors = new ArrayList<>();
            Instant t0 = Instant.now();
            for (int i = 1; i <= COLLECTORS; i++) {
                collectors.add(CollectorProcesses.start(moto, LOGS.resolve("collector-" + i), List.of("-Xmx256m",
                        "-Dautopilot.collector.workload-interval=" + WORKLOAD, "-Dautopilot.collector.table-health-interval=" + TABLE_HEALTH,
                        "-Dautopilot.collector.lease.duration=" + LEASE, "-Dautopilot.collector.lease.instance-id=collector-" + i,
                        "-Dautopilot.discovery.enabled=true", "-Dautopilot.discovery.serverless=false",
                        "-Dautopilot.discovery.address-override=127.0.0.1", "-Dautopilot.discovery.jdbc-properties=ssl=false")));
            }
            try {
                say("%d collectors up; observing %d min (workload every %s, table health every %s, lease %s)", COLLECTORS,
                        OBSERVE.toMinutes(), WORKLOAD, TABLE_HEALTH, LEASE);
                Instant observeEnd = Instant.now().plus(OBSERVE);
                while (Instant.now().isBefore(observeEnd)) {
                    Thread.sleep(30_000);
                    say("  %3.0f s: %d workload and %d table-health snapshots so far; leases %s", seconds(started),
                            count("queries"), count("table_info"), perOwner(owners(collectors.get(1 % COLLECTORS))));
                }
                Map<String, String> before = owners(collectors.get(1 % COLLECTORS));
                report("before the kill", t0, Instant.now());

                Set<String> victims = new java.util.TreeSet<>();
                before.forEach((cluster, owner) -> {
                    if ("collector-1".equals(owner)) {
                        victims.add(cluster);
                    }
                });
                Instant killed = Instant.now();
                collectors.get(0).kill();
                say("killed collector-1 (SIGKILL), which held %d clusters", victims.size());
                ServiceProcess survivor = collectors.get(1 % COLLECTORS);
                Duration takeover = null;
                while (Duration.between(killed, Instant.now()).compareTo(LEASE.multipliedBy(4)) < 0) {
                    Map<String, String> now = owners(survivor);
                    if (victims.stream().allMatch(c -> now.get(c) != null && !now.get(c).equals("collector-1"))) {
                        takeover = Duration.between(killed, Instant.now());
                        break;
                    }
                    Thread.sleep(500);
                }
                say("its clusters owned by the others after %s (lease %s)", takeover == null ? "more than 4 lease periods" : fmt(takeover), LEASE);
                Thread.sleep(WORKLOAD.plus(LEASE).plusSeconds(30).toMillis());
                report("after the kill", killed, Instant.now());
                lateness(victims, killed);
                say("assignment at the end: %s", perOwner(owners(survivor)));
            } finally {
                for (ServiceProcess c : collectors) {
                    c.kill();
                }
                draining.set(false);
                drain.join();
            }
        }
        say("done in %.0f s", seconds(started));
    }

    private void drain(QueueProbe snapshots, AtomicBoolean draining) {
        EventCodec codec = new EventCodec();
        while (draining.get()) {
            for (var m : snapshots.collect(Duration.ofSeconds(2))) {
                EventEnvelope<?> e = codec.decode(m.body());
                if (e.payload() instanceof SnapshotPartCollected p && (p.source().equals("queries") || p.source().equals("table_info"))) {
                    seen.putIfAbsent(p.snapshotId() + "/" + p.source(), new Seen(e.clusterId(), p.source(), p.snapshotId().toString(),
                            p.collectedAt()));
                }
            }
        }
    }

    private long count(String source) {
        return seen.values().stream().filter(s -> s.source().equals(source)).count();
    }

    /** Per source: snapshots per cluster in [from, to), and the gaps between a cluster's consecutive snapshots. */
    private void report(String phase, Instant from, Instant to) {
        for (String source : List.of("queries", "table_info")) {
            Duration interval = source.equals("queries") ? WORKLOAD : TABLE_HEALTH;
            Map<String, List<Instant>> times = new TreeMap<>();
            seen.values().stream().filter(s -> s.source().equals(source) && !s.collectedAt().isBefore(from) && s.collectedAt().isBefore(to))
                    .forEach(s -> times.computeIfAbsent(s.cluster(), k -> new ArrayList<>()).add(s.collectedAt()));
            List<Long> gaps = new ArrayList<>();
            int early = 0;
            int missed = 0;
            for (List<Instant> t : times.values()) {
                Collections.sort(t);
                for (int i = 1; i < t.size(); i++) {
                    long gap = Duration.between(t.get(i - 1), t.get(i)).toSeconds();
                    gaps.add(gap);
                    if (gap < interval.toSeconds() * 9 / 10) {
                        early++;
                    }
                    if (gap >= interval.toSeconds() * 2) {
                        missed++;
                    }
                }
            }
            Collections.sort(gaps);
            double windows = Duration.between(from, to).toSeconds() / (double) interval.toSeconds();
            say("%s, %s (interval %s): %d of %d clusters collected, %d snapshots in %d s (%.2f per cluster and interval); "
                            + "gaps between a cluster's snapshots min %s / median %s / max %s s; %d closer than 0.9 interval (collected twice), "
                            + "%d of 2 intervals or more (an interval missed)",
                    phase, source.equals("queries") ? "workload" : "table health", interval, times.size(), SIZE,
                    times.values().stream().mapToInt(List::size).sum(), Duration.between(from, to).toSeconds(),
                    times.values().stream().mapToInt(List::size).sum() / (double) SIZE / windows,
                    gaps.isEmpty() ? "-" : gaps.get(0), gaps.isEmpty() ? "-" : gaps.get(gaps.size() / 2),
                    gaps.isEmpty() ? "-" : gaps.get(gaps.size() - 1), early, missed);
        }
    }

    /** For each cluster the dead collector held: when its workload was next collected, against when it was due. */
    private void lateness(Set<String> victims, Instant killed) {
        List<Long> late = new ArrayList<>();
        int never = 0;
        for (String cluster : victims) {
            List<Instant> t = seen.values().stream().filter(s -> s.cluster().equals(cluster) && s.source().equals("queries"))
                    .map(Seen::collectedAt).sorted().toList();
            Instant last = t.stream().filter(i -> i.isBefore(killed)).reduce((a, b) -> b).orElse(null);
            Instant next = t.stream().filter(i -> !i.isBefore(killed)).findFirst().orElse(null);
            if (next == null) {
                never++;
                continue;
            }
            Instant due = last == null ? killed : last.plus(WORKLOAD);
            late.add(Math.max(0, Duration.between(due.isAfter(killed) ? due : killed, next).toSeconds()));
        }
        Collections.sort(late);
        say("the dead collector's %d clusters: collected again this long after they were due (or after the kill, if due "
                        + "before): min %s / median %s / max %s s; %d not collected again within the observation; lease %s",
                victims.size(), late.isEmpty() ? "-" : late.get(0),
                late.isEmpty() ? "-" : late.get(late.size() / 2), late.isEmpty() ? "-" : late.get(late.size() - 1), never, LEASE);
    }

    private Map<String, String> owners(ServiceProcess service) throws Exception {
        Map<String, String> owners = new TreeMap<>();
        for (JsonNode c : json.readTree(service.get("/api/v1/clusters").body())) {
            owners.put(c.path("id").asText(), c.path("owner").isNull() ? null : c.path("owner").asText());
        }
        return owners;
    }

    private static Map<String, Integer> perOwner(Map<String, String> owners) {
        Map<String, Integer> counts = new TreeMap<>();
        owners.values().forEach(o -> counts.merge(String.valueOf(o), 1, Integer::sum));
        return counts;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static String fmt(Duration d) {
        return String.format("%.1f s", d.toMillis() / 1000.0);
    }

    private static void say(String format, Object... args) {
        System.out.printf("fleet-benchmark: " + format + "%n", args);
    }
}
