package autopilot.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import autopilot.sim.SimCluster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Reads a simulated cluster with the packaged collector's one-shot mode, so the analyzer is tested
 * on exactly what the collector sends (its SQL, its columns, its parts) and nothing written for
 * the test. The collector module is built first (a build-order dependency in the pom).
 */
public final class CollectorOnce {

    static final Path JAR = Path.of("..", "collector-service", "target", "quarkus-app", "quarkus-run.jar");

    private CollectorOnce() {
    }

    /** The collected events (one JSON envelope each), as the collector would publish them. */
    public static List<String> collect(String clusterId, SimCluster sim) throws IOException, InterruptedException {
        Path out = Files.createTempFile("collect-once-" + clusterId, ".jsonl");
        collectInto(clusterId, sim, out);
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        Files.deleteIfExists(out);
        return lines;
    }

    /** Collects into a file of JSON lines (for snapshots too large to hold as strings). */
    public static void collectInto(String clusterId, SimCluster sim, Path out) throws IOException, InterruptedException {
        assertThat(JAR).as("the packaged collector (./mvnw -pl collector-service -am package)").exists();
        Path err = Files.createTempFile("collect-once-" + clusterId, ".err");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dautopilot.collector.clusters." + clusterId + ".jdbc-url=" + sim.jdbcUrl(),
                "-Dautopilot.collector.clusters." + clusterId + ".user=monitor",
                "-Dautopilot.collector.clusters." + clusterId + ".password=Monitor-pass1",
                "-Dautopilot.collector.initial-lookback=P7D",
                "-Dautopilot.collector.settle-lag=PT0S",
                "-Dautopilot.aws.region=us-east-1", "-Xmx512m",
                "-jar", JAR.toString(), "collect-once", clusterId, out.toString()));
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(err.toFile()).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("collect-once finished").isTrue();
        assertThat(process.exitValue()).as("collect-once exit; stderr: %s", Files.readString(err)).isZero();
        Files.deleteIfExists(err);
    }
}
