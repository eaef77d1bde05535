package autopilot.sim;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's psql (libpq) against a simulated cluster: a second client implementation beside the
 * Redshift JDBC driver, with its own lexer (it reads string literals by the server's reported
 * settings) and its own view of command tags.
 */
public final class Psql {

    private static final Path PSQL = Path.of("/usr/bin/psql");

    /** Exit code and combined output (stdout and stderr) of one run. */
    public record Result(int exitCode, String output) {}

    private Psql() {}

    /** Whether psql is installed (tests need it: apt-get install postgresql-client). */
    public static boolean available() {
        return Files.isExecutable(PSQL);
    }

    /**
     * Runs {@code input} (one or more statements; psql's own lexer splits them) with
     * {@code ON_ERROR_STOP}, unaligned and without headers.
     */
    public static Result run(SimCluster cluster, String database, String user, String password, String input)
            throws IOException, InterruptedException {
        return run(cluster, database, user, password, input, true);
    }

    /** Runs {@code input} to its end whatever fails, printing each error (its SQLSTATE with VERBOSITY verbose). */
    public static Result runAll(SimCluster cluster, String database, String user, String password, String input)
            throws IOException, InterruptedException {
        return run(cluster, database, user, password, input, false);
    }

    private static Result run(SimCluster cluster, String database, String user, String password, String input, boolean stopOnError)
            throws IOException, InterruptedException {
        File script = File.createTempFile("psql-", ".sql");
        File output = File.createTempFile("psql-", ".out");
        try {
            Files.writeString(script.toPath(), input, StandardCharsets.UTF_8);
            List<String> command = new ArrayList<>(List.of(PSQL.toString(), "-X", "-w", "-A", "-t", "-v", "ON_ERROR_STOP=" + (stopOnError ? 1 : 0),
                    "host=127.0.0.1 port=" + cluster.port() + " dbname=" + database + " user=" + user + " sslmode=disable connect_timeout=10",
                    "-f", script.getPath()));
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output);
            pb.environment().put("PGPASSWORD", password);
            Process process = pb.start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("psql did not finish within 60 s");
            }
            return new Result(process.exitValue(), Files.readString(output.toPath(), StandardCharsets.UTF_8));
        } finally {
            script.delete();
            output.delete();
        }
    }
}
