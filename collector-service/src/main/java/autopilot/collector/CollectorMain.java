package autopilot.collector;

import autopilot.collector.snapshot.CollectionService;
import autopilot.collector.source.Source;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.inject.Inject;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Entry point. Without arguments: the service (schedules, HTTP API). With
 * {@code collect-once <cluster-id> [file]}: one collection of that cluster, written as JSON lines
 * (one event per line) to the file or stdout, nothing published and no state needed, for support
 * and offline analysis.
 */
@QuarkusMain
public class CollectorMain implements QuarkusApplication {

    static final String ONE_SHOT = "collect-once";

    @Inject
    CollectionService collections;

    public static void main(String... args) {
        if (args.length > 0 && args[0].equals(ONE_SHOT)) {
            // One-shot mode reads a cluster and prints: no watermark store, no schedules, no HTTP port.
            System.setProperty("quarkus.datasource.active", "false");
            System.setProperty("quarkus.flyway.active", "false");
            System.setProperty("autopilot.collector.schedule-enabled", "false");
            System.setProperty("quarkus.http.host-enabled", "false");
        }
        Quarkus.run(CollectorMain.class, args);
    }

    @Override
    public int run(String... args) throws IOException {
        if (args.length == 0) {
            Quarkus.waitForExit();
            return 0;
        }
        if (!args[0].equals(ONE_SHOT) || args.length < 2 || args.length > 3) {
            System.err.println("usage: collector-service [" + ONE_SHOT + " <cluster-id> [output-file]]");
            return 2;
        }
        String clusterId = args[1];
        try (OutputStream out = args.length == 3 ? new FileOutputStream(args[2]) : OutputStreamNonClosing.of(System.out);
             PrintStream lines = new PrintStream(out, false, StandardCharsets.UTF_8)) {
            int[] count = {0};
            collections.collectInto(clusterId, List.of(Source.Group.TABLE_HEALTH, Source.Group.WORKLOAD), line -> {
                lines.println(line);
                count[0]++;
            });
            lines.flush();
            System.err.printf("collected cluster %s: %d events%s%n", clusterId, count[0], args.length == 3 ? " written to " + args[2] : "");
            return 0;
        } catch (RuntimeException e) {
            System.err.println("collection of " + clusterId + " failed: " + e.getMessage());
            return 1;
        }
    }

    /** Lets the one-shot output go to stdout without closing it. */
    private static final class OutputStreamNonClosing extends java.io.FilterOutputStream {
        private OutputStreamNonClosing(OutputStream out) {
            super(out);
        }

        static OutputStream of(OutputStream out) {
            return new OutputStreamNonClosing(out);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
