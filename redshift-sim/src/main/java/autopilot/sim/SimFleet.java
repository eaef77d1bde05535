package autopilot.sim;

import autopilot.sim.catalog.DatabaseNames;
import autopilot.sim.model.Scenario;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Several simulated clusters in one process over one PostgreSQL: a fleet for discovery and
 * collection to run against end to end. Member {@code i} (from 1) is cluster {@code sim-0i} on port
 * {@code basePort + i - 1}; each has its own databases underneath ({@code sim_01__dev}, ...,
 * {@link DatabaseNames}) and its own model, and a client sees the scenario's Redshift names on
 * each. A scenario with a generator is reseeded per member (seed + i - 1: sim-01 is the scenario
 * as it is), so the members differ as clusters do while the fleet stays the same from run to run.
 */
public final class SimFleet implements AutoCloseable {

    /** One cluster of the fleet. */
    public record Member(String id, SimCluster cluster) {
    }

    /**
     * A line of the fleet's manifest (what {@code deploy/local/register-fleet.py} registers): where a
     * member listens and who may read its system tables.
     */
    public record ManifestEntry(String id, String host, int port, String database, List<String> databases, String user,
                                String password, String nodeType, int nodes, boolean serverless) {
    }

    /**
     * How a fleet is started.
     *
     * @param size        number of clusters (1 or more)
     * @param basePort    port of sim-01, the others following it; 0 gives every member any free port
     * @param postgresUrl a PostgreSQL 16+ superuser URL to install into, or null for an embedded PostgreSQL
     * @param parallelism how many members install at once once the first is up
     */
    public record Settings(int size, int basePort, String postgresUrl, int parallelism) {
        public Settings {
            if (size < 1) {
                throw new IllegalArgumentException("a fleet has at least one cluster, not " + size);
            }
            if (basePort < 0 || basePort > 0 && basePort + size - 1 > 65_535) {
                throw new IllegalArgumentException("ports " + basePort + " to " + (basePort + size - 1) + " are not all valid ports");
            }
            parallelism = Math.max(1, parallelism);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final EmbeddedPostgres embedded;
    private final String postgresUrl;
    private final List<Member> members;

    private SimFleet(EmbeddedPostgres embedded, String postgresUrl, List<Member> members) {
        this.embedded = embedded;
        this.postgresUrl = postgresUrl;
        this.members = List.copyOf(members);
    }

    /**
     * Starts the fleet: PostgreSQL (unless given), then sim-01 alone, then the others
     * {@code parallelism} at a time. sim-01 goes first because the members share their users' roles
     * (PostgreSQL's roles are server-wide) and its install creates them: installed side by side from
     * the start, every other member would wait on them until sim-01's install committed. Each member
     * that is up is reported to {@code progress}. If one fails, the members already up are stopped.
     */
    public static SimFleet start(Scenario scenario, Settings settings, Consumer<String> progress) {
        EmbeddedPostgres pg = null;
        String url = settings.postgresUrl();
        List<Member> started = new ArrayList<>();
        ExecutorService installs = null;
        try {
            if (url == null) {
                pg = EmbeddedPostgres.builder().start();
                url = "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/postgres?user=postgres";
            }
            AtomicInteger up = new AtomicInteger();
            String postgresUrl = url;
            started.add(startMember(1, scenario, settings, postgresUrl, up, progress));
            installs = Executors.newFixedThreadPool(settings.parallelism(), r -> {
                Thread t = new Thread(r, "redshift-sim-fleet-install");
                t.setDaemon(true);
                return t;
            });
            List<Future<Member>> rest = new ArrayList<>();
            for (int i = 2; i <= settings.size(); i++) {
                int number = i;
                rest.add(installs.submit(() -> startMember(number, scenario, settings, postgresUrl, up, progress)));
            }
            ExecutionException failed = null;
            for (Future<Member> member : rest) {
                try {
                    started.add(member.get());
                } catch (ExecutionException e) {
                    failed = failed == null ? e : failed;
                }
            }
            if (failed != null) {
                throw failed.getCause() instanceof RuntimeException r ? r : new IllegalStateException(failed.getCause());
            }
            return new SimFleet(pg, url, started);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            new SimFleet(pg, url, started).close();
            throw new IllegalStateException("redshift-sim fleet start interrupted", e);
        } catch (IOException | RuntimeException e) {
            new SimFleet(pg, url, started).close();
            throw new IllegalStateException("redshift-sim could not start a fleet of " + settings.size() + " '" + scenario.name()
                    + "' clusters: " + e.getMessage(), e);
        } finally {
            if (installs != null) {
                installs.shutdownNow();
            }
        }
    }

    private static Member startMember(int number, Scenario scenario, Settings settings, String postgresUrl, AtomicInteger up,
                                      Consumer<String> progress) {
        long began = System.nanoTime();
        String id = id(number, settings.size());
        Scenario own = scenario.generator() == null ? scenario : scenario.withGeneratorSeed(scenario.generator().seed() + number - 1);
        int port = settings.basePort() == 0 ? 0 : settings.basePort() + number - 1;
        SimCluster cluster = SimCluster.startOn(postgresUrl, own, DatabaseNames.forCluster(id),
                SimCluster.Options.defaults().withPort(port));
        progress.accept(String.format(java.util.Locale.ROOT, "fleet %d/%d up: %s on port %d (%.1f s)", up.incrementAndGet(),
                settings.size(), id, cluster.port(), (System.nanoTime() - began) / 1e9));
        return new Member(id, cluster);
    }

    /** The id of member {@code number} of a fleet of {@code size}: sim-01 ... sim-40, at least two digits. */
    static String id(int number, int size) {
        int digits = Math.max(2, Integer.toString(size).length());
        return String.format("sim-%0" + digits + "d", number);
    }

    /** The superuser URL of the PostgreSQL underneath every member (the embedded one unless one was given). */
    public String postgresUrl() {
        return postgresUrl;
    }

    /** The members, sim-01 first. */
    public List<Member> members() {
        return members;
    }

    /** Where each member listens and who may read its system tables, sim-01 first. */
    public List<ManifestEntry> manifest() {
        return members.stream().map(m -> {
            Scenario s = m.cluster().scenario();
            Scenario.User user = s.systemUser();
            return new ManifestEntry(m.id(), m.cluster().host(), m.cluster().port(), s.database(), s.databases(), user.name(),
                    user.password(), s.cluster().nodeType(), s.cluster().nodes(), s.cluster().serverless());
        }).toList();
    }

    /** Writes {@link #manifest()} as a JSON array. */
    public void writeManifest(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        JSON.writeValue(file.toFile(), manifest());
    }

    /** Stops every member, then the embedded PostgreSQL (an external one keeps running). */
    @Override
    public void close() {
        for (Member member : members) {
            member.cluster().close();
        }
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                // already stopping; nothing left to release
            }
        }
    }
}
