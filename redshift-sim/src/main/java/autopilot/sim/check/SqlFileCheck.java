package autopilot.sim.check;

import autopilot.sim.SimCluster;
import autopilot.sim.model.Scenario;
import autopilot.sim.model.ScenarioLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Runs directories of other people's Redshift SQL files, unchanged, against a simulated cluster (or a
 * running one) with the Redshift JDBC driver, and says which files run and why the others fail.
 * <pre>
 *   java -cp redshift-sim/target/redshift-sim-app.jar autopilot.sim.check.SqlFileCheck --dir DIR [--dir DIR2 ...]
 *        [--scenario NAME|FILE] [--user NAME] [--timeout-seconds N] [--jdbc-url URL --password P] [--expect FILE]
 * </pre>
 * Files run in name order, each in a session of its own ({@link FileRunner}). A file that failed
 * only because a relation another file creates (or any in schema {@code admin}) did not exist yet,
 * say a view over a view of a later file, runs again after the others, pass after pass while
 * retrying makes progress.
 */
public final class SqlFileCheck {

    private static final String DRIVER = "com.amazon.redshift.Driver";

    private SqlFileCheck() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the check; returns the exit status (0 all ran or as expected, 1 otherwise, 2 bad arguments). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CheckOptions options;
        List<FileRunner.SqlFile> files;
        Expectations expectations;
        try {
            options = CheckOptions.parse(args);
            if (options == null) {
                out.println(CheckOptions.USAGE);
                return 0;
            }
            files = files(options.dirs());
            expectations = options.expect() == null ? null : Expectations.read(options.expect());
        } catch (CheckOptions.BadArguments e) {
            err.println("sql-check: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("sql-check: cannot read " + e.getMessage());
            return 2;
        }
        try {
            Class.forName(DRIVER);
        } catch (ClassNotFoundException e) {
            err.println("sql-check: the Redshift JDBC driver (" + DRIVER + ") is not on the class path; "
                    + "run with -cp redshift-sim/target/redshift-sim-app.jar");
            return 2;
        }
        long started = System.nanoTime();
        try (Target target = Target.open(options, out)) {
            List<Outcome> outcomes = check(files, target, options.timeoutSeconds(), out);
            int passes = outcomes.stream().mapToInt(Outcome::pass).max().orElse(1);
            Summary.print(outcomes, passes, (System.nanoTime() - started) / 1e9, target.describe(), out);
            if (expectations != null) {
                return expectations.report(outcomes, out) ? 0 : 1;
            }
            return outcomes.stream().allMatch(Outcome::passed) ? 0 : 1;
        } catch (CheckOptions.BadArguments e) {
            err.println("sql-check: " + e.getMessage());
            return 2;
        } catch (SQLException | IOException | RuntimeException e) {
            err.println("sql-check: stopped: " + e);
            return 1;
        }
    }

    /** Every file, then again the ones waiting for a relation another file makes, while that helps. */
    static List<Outcome> check(List<FileRunner.SqlFile> files, Target target, int timeoutSeconds, PrintStream out)
            throws IOException, SQLException {
        Set<String> made = createdViews(files);
        FileRunner runner = new FileRunner(target::session, timeoutSeconds);
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        List<FileRunner.SqlFile> waiting = new ArrayList<>();
        for (FileRunner.SqlFile file : files) {
            Outcome o = runner.run(file, 1);
            outcomes.put(file.name(), o);
            if (waitsForAnother(o, made)) {
                waiting.add(file);
                out.println(waitLine(o));
            } else {
                out.println(o.progressLine());
            }
        }
        for (int pass = 2; !waiting.isEmpty(); pass++) {
            out.printf("pass %d: %d file%s whose relation another file creates%n", pass, waiting.size(),
                    waiting.size() == 1 ? "" : "s");
            List<FileRunner.SqlFile> stillWaiting = new ArrayList<>();
            boolean progress = false;
            for (FileRunner.SqlFile file : waiting) {
                Outcome o = runner.run(file, pass);
                outcomes.put(file.name(), o);
                if (o.passed()) {
                    progress = true;
                    out.println(o.progressLine());
                } else if (waitsForAnother(o, made)) {
                    stillWaiting.add(file);
                } else {
                    out.println(o.progressLine());
                }
            }
            for (FileRunner.SqlFile file : stillWaiting) {
                out.println(progress ? waitLine(outcomes.get(file.name())) : outcomes.get(file.name()).progressLine());
            }
            waiting = progress ? stillWaiting : List.of();
        }
        return List.copyOf(outcomes.values());
    }

    private static String waitLine(Outcome o) {
        return "WAIT " + o.name() + "  " + o.failure().sqlState() + " " + o.failure().message() + " (runs again later)";
    }

    private static boolean waitsForAnother(Outcome o, Set<String> made) {
        return !o.passed() && o.failure().missingRelation()
                .filter(r -> r.startsWith("admin.") || made.contains(r)).isPresent();
    }

    /** The views the files create, lower-cased, with and without schema. */
    private static Set<String> createdViews(List<FileRunner.SqlFile> files) throws IOException {
        Set<String> views = new HashSet<>();
        for (FileRunner.SqlFile file : files) {
            for (Script.Statement st : file.statements()) {
                st.createdView().map(v -> v.replace("\"", "").toLowerCase(Locale.ROOT)).ifPresent(v -> {
                    views.add(v);
                    views.add(v.substring(v.lastIndexOf('.') + 1));
                });
            }
        }
        return views;
    }

    /** The *.sql files of each directory in name order; a name two directories share gets its directory's name. */
    static List<FileRunner.SqlFile> files(List<Path> dirs) throws IOException, CheckOptions.BadArguments {
        List<Path> paths = new ArrayList<>();
        for (Path dir : dirs) {
            try (Stream<Path> listing = Files.list(dir)) {
                listing.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".sql"))
                        .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                        .forEach(paths::add);
            }
        }
        if (paths.isEmpty()) {
            throw new CheckOptions.BadArguments("--dir " + dirs + ": no *.sql files there; name the directories that hold them");
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        paths.forEach(p -> counts.merge(p.getFileName().toString(), 1L, Long::sum));
        return paths.stream().map(p -> {
            String name = p.getFileName().toString();
            Path parent = p.toAbsolutePath().getParent().getFileName();
            return new FileRunner.SqlFile(counts.get(name) > 1 && parent != null ? parent + "/" + name : name, p);
        }).toList();
    }

    /** Where the files run: a cluster started here on the scenario, or the one --jdbc-url names. */
    static final class Target implements AutoCloseable {

        private final SimCluster cluster;
        private final String url;
        private final String user;
        private final String password;
        private final String description;

        private Target(SimCluster cluster, String url, String user, String password, String description) {
            this.cluster = cluster;
            this.url = url;
            this.user = user;
            this.password = password;
            this.description = description;
        }

        static Target open(CheckOptions options, PrintStream out) throws CheckOptions.BadArguments, SQLException {
            Scenario scenario = scenario(options.scenario());
            Scenario.User chosen = scenario.users().stream()
                    .filter(u -> options.user() == null ? u.superuser() : u.name().equals(options.user()))
                    .findFirst().orElse(null);
            if (chosen == null && options.user() == null) {
                throw new CheckOptions.BadArguments("--scenario " + options.scenario() + " has no superuser: name one "
                        + "of its users with --user (" + names(scenario) + ")");
            }
            Target target;
            if (options.jdbcUrl() != null) {
                String user = options.user() != null ? options.user() : chosen.name();
                target = new Target(null, options.jdbcUrl(), user, options.password(), options.jdbcUrl() + " as " + user);
                out.printf("sql-check: running as %s on %s%n", user, options.jdbcUrl());
            } else {
                if (chosen == null) {
                    throw new CheckOptions.BadArguments("--user " + options.user() + ": scenario " + scenario.name()
                            + " has no such user; its users are " + names(scenario));
                }
                long started = System.nanoTime();
                out.printf("sql-check: starting scenario %s...%n", scenario.name());
                SimCluster cluster = SimCluster.start(scenario, 0);
                target = new Target(cluster, cluster.jdbcUrl(), chosen.name(), chosen.password(),
                        "scenario " + scenario.name() + " as " + chosen.name());
                out.printf("sql-check: cluster ready in %.1f s at %s; running as %s%n", (System.nanoTime() - started) / 1e9,
                        cluster.jdbcUrl(), chosen.name());
            }
            try (Connection c = target.session(); Statement st = c.createStatement()) {
                st.execute("CREATE SCHEMA IF NOT EXISTS admin");
            } catch (SQLException e) {
                target.close();
                if ("28000".equals(e.getSQLState()) || "28P01".equals(e.getSQLState()) || "08001".equals(e.getSQLState())) {
                    throw new CheckOptions.BadArguments("cannot connect as " + target.user + " to " + target.url + ": "
                            + Failure.firstLine(e.getMessage()) + "; check --jdbc-url, --user and --password");
                }
                throw e;
            }
            return target;
        }

        private static Scenario scenario(String nameOrFile) throws CheckOptions.BadArguments {
            Path file = Path.of(nameOrFile);
            try {
                if (!Files.isRegularFile(file)) {
                    return ScenarioLoader.shipped(nameOrFile);
                }
                try (InputStream in = Files.newInputStream(file)) {
                    return ScenarioLoader.read(in, file.toString());
                }
            } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
                throw new CheckOptions.BadArguments("--scenario " + nameOrFile + ": " + e.getMessage()
                        + "; give a shipped scenario's name (e.g. star-schema, healthy) or a scenario YAML/JSON file");
            }
        }

        private static String names(Scenario scenario) {
            return String.join(", ", scenario.users().stream().map(Scenario.User::name).toList());
        }

        Connection session() throws SQLException {
            return DriverManager.getConnection(url, user, password);
        }

        String describe() {
            return description;
        }

        @Override
        public void close() {
            if (cluster != null) {
                cluster.close();
            }
        }
    }
}
