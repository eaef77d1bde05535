package autopilot.sim.check;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line of {@link SqlFileCheck}, checked: every problem names the flag and how to fix it. */
record CheckOptions(List<Path> dirs, String scenario, String user, int timeoutSeconds, String jdbcUrl, String password,
                    Path expect) {

    static final String USAGE = """
            usage: java -cp redshift-sim/target/redshift-sim-app.jar autopilot.sim.check.SqlFileCheck
                     --dir DIR [--dir DIR2 ...]       directories of *.sql files to run (each file once, sorted by name)
                     [--scenario NAME|FILE]            scenario of the cluster started for the run (default star-schema)
                     [--user NAME]                     who runs the files (default: the scenario's first superuser)
                     [--timeout-seconds N]             statement timeout (default 60)
                     [--jdbc-url URL --password P]     run against a running cluster (jdbc:redshift://...) instead
                     [--expect FILE]                   'name: reason' lines: the files expected to fail
            exit status: 0 all files ran (with --expect: exactly the listed files failed), 1 otherwise, 2 bad arguments""";

    /** A command line that cannot run; the message says which flag and what to do. */
    static final class BadArguments extends Exception {
        BadArguments(String message) {
            super(message);
        }
    }

    /** Null when the arguments ask for help. */
    static CheckOptions parse(String[] args) throws BadArguments {
        List<Path> dirs = new ArrayList<>();
        String scenario = "star-schema";
        String user = null;
        String timeout = "60";
        String jdbcUrl = null;
        String password = null;
        Path expect = null;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            switch (flag) {
                case "-h", "--help" -> {
                    return null;
                }
                case "--dir" -> dirs.add(Path.of(value(args, ++i)));
                case "--scenario" -> scenario = value(args, ++i);
                case "--user" -> user = value(args, ++i);
                case "--timeout-seconds" -> timeout = value(args, ++i);
                case "--jdbc-url" -> jdbcUrl = value(args, ++i);
                case "--password" -> password = value(args, ++i);
                case "--expect" -> expect = Path.of(value(args, ++i));
                default -> throw new BadArguments("unknown flag " + flag + ": the flags are --dir, --scenario, --user, "
                        + "--timeout-seconds, --jdbc-url, --password, --expect (--help explains them)");
            }
        }
        if (dirs.isEmpty()) {
            throw new BadArguments("--dir is missing: name a directory of .sql files, e.g. --dir src/AdminViews "
                    + "(repeat --dir for more)");
        }
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                throw new BadArguments("--dir " + dir + ": no such directory; name a directory that holds .sql files");
            }
        }
        int seconds;
        try {
            seconds = Integer.parseInt(timeout);
        } catch (NumberFormatException e) {
            seconds = 0;
        }
        if (seconds < 1) {
            throw new BadArguments("--timeout-seconds " + timeout + ": give a whole number of seconds, 1 or more (default 60)");
        }
        if (jdbcUrl != null && !jdbcUrl.startsWith("jdbc:redshift:")) {
            throw new BadArguments("--jdbc-url " + jdbcUrl + ": give a Redshift driver URL, "
                    + "e.g. jdbc:redshift://127.0.0.1:5439/dev?ssl=false");
        }
        if (jdbcUrl != null && password == null) {
            throw new BadArguments("--jdbc-url needs --password P: the password of --user on that cluster");
        }
        if (jdbcUrl == null && password != null) {
            throw new BadArguments("--password is only for --jdbc-url; drop it to start a cluster, whose users "
                    + "have the scenario's passwords");
        }
        if (expect != null && !Files.isRegularFile(expect)) {
            throw new BadArguments("--expect " + expect + ": no such file; give a file of 'name: reason' lines");
        }
        return new CheckOptions(List.copyOf(dirs), scenario, user, seconds, jdbcUrl, password, expect);
    }

    private static String value(String[] args, int i) throws BadArguments {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new BadArguments(args[i - 1] + " needs a value (see --help)");
        }
        return args[i];
    }
}
