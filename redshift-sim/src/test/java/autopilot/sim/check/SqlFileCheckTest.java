package autopilot.sim.check;

import static org.assertj.core.api.Assertions.assertThat;

import autopilot.sim.SimCluster;
import autopilot.sim.model.ScenarioLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SqlFileCheck on the corpus in {@code src/test/resources/sql-check}, run through the Redshift
 * driver against one star-schema cluster whose {@code admin} schema is dropped before each run, so
 * every run starts as on a new cluster.
 */
class SqlFileCheckTest {

    private static SimCluster cluster;
    private static Path corpus;

    @TempDir
    Path temp;

    @BeforeAll
    static void start() throws Exception {
        cluster = SimCluster.start(ScenarioLoader.shipped("star-schema"), 0);
        corpus = Path.of(SqlFileCheckTest.class.getResource("/sql-check").toURI());
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @BeforeEach
    void dropAdminSchema() throws Exception {
        try (Connection db = cluster.underlyingConnection(); Statement st = db.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS admin CASCADE");
        }
    }

    /** What one run printed and returned. */
    private record Run(int status, String out, String err) {
    }

    private static Run check(String... extra) {
        List<String> args = new ArrayList<>(List.of("--dir", corpus.toString(), "--jdbc-url", cluster.jdbcUrl(),
                "--password", cluster.user("admin").orElseThrow().password(), "--timeout-seconds", "20"));
        args.addAll(List.of(extra));
        return run(args.toArray(String[]::new));
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = SqlFileCheck.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String line(String out, String prefix) {
        return out.lines().filter(l -> l.startsWith(prefix)).findFirst().orElse("(no line " + prefix + ")");
    }

    @Test
    void runsEveryFileAndSaysWhyTheOthersFail() {
        Run run = check();

        assertThat(run.status()).as(run.out() + run.err()).isEqualTo(1);
        String out = run.out();
        // A view of Redshift functions over STL_QUERY: created, then selected from.
        assertThat(line(out, "PASS a_query_activity.sql")).contains("1 view selected");
        // A view over a view of a later file: waits, then runs in the second pass.
        assertThat(line(out, "WAIT b_busy_tables.sql")).contains("42P01", "relation \"admin.v_table_sizes\" does not exist");
        assertThat(line(out, "PASS b_busy_tables.sql")).contains("pass 2");
        assertThat(out.indexOf("PASS b_busy_tables.sql")).isGreaterThan(out.indexOf("PASS e_table_sizes.sql"));
        // A column STL_QUERY does not have: the SQLSTATE, the message and the statement's start.
        assertThat(out).contains("FAIL c_missing_column.sql  42703 column \"query_text\" does not exist\n"
                + "       at statement 1 of 1 (line 2): SELECT query, query_text FROM stl_query WHERE starttime > GETDATE()");
        // Comments, quoted semicolons and a backslash-escaped quote: five statements; the last SELECT's rows fetched.
        assertThat(line(out, "PASS d_notes_script.sql")).contains("5 statements", "3 rows fetched");
        assertThat(line(out, "PASS e_table_sizes.sql")).contains("1 view selected");
        // Creating the view works; running it does not.
        assertThat(out).contains("FAIL f_runtime_error.sql  22P02 invalid input syntax for type integer",
                "(line 2), selecting from the view it created: SELECT * FROM admin.v_query_numbers LIMIT 100");

        assertThat(out).contains("4 of 6 files ran; 2 failed (" + cluster.jdbcUrl() + " as admin; 2 passes;",
                "    1  22P02 invalid input syntax for type integer: \"?\"",
                "    1  42703 column \"?\" does not exist\n         c_missing_column.sql: column \"query_text\" does not exist");
    }

    @Test
    void anExpectFileListingExactlyTheFailuresMakesTheRunPass() throws Exception {
        Path expect = Files.writeString(temp.resolve("expected.txt"), """
                # files that fail on the simulator today
                c_missing_column.sql: STL_QUERY has no query_text
                f_runtime_error.sql: query text cast to integer
                """);

        Run run = check("--expect", expect.toString());

        assertThat(run.status()).as(run.out() + run.err()).isEqualTo(0);
        assertThat(run.out()).contains("as expected (--expect " + expect + "): the 2 listed files failed and no other");
    }

    @Test
    void anExpectFileThatNoLongerMatchesFailsTheRunSayingHow() throws Exception {
        Path expect = Files.writeString(temp.resolve("expected.txt"), """
                c_missing_column.sql: STL_QUERY has no query_text
                d_notes_script.sql: thought to fail
                renamed.sql: gone
                """);

        Run run = check("--expect", expect.toString());

        assertThat(run.status()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.out()).contains("NOT as expected (--expect " + expect + "): 3 differences",
                "  failed but is not listed: f_runtime_error.sql (22P02 invalid input syntax for type integer",
                "  listed as failing but ran: d_notes_script.sql (listed: thought to fail)",
                "  listed but there is no such file: renamed.sql");
    }

    @Test
    void badArgumentsExitTwoNamingTheFlagAndTheFix() throws Exception {
        assertThat(run()).satisfies(r -> {
            assertThat(r.status()).isEqualTo(2);
            assertThat(r.err()).contains("--dir is missing: name a directory of .sql files");
        });
        assertThat(run("--dir", temp.resolve("nowhere").toString()).err()).contains("--dir", "no such directory");
        assertThat(run("--dir", temp.toString()).err()).contains("no *.sql files there");
        assertThat(run("--dir", corpus.toString(), "--timeout-seconds", "soon").err())
                .contains("--timeout-seconds soon: give a whole number of seconds");
        assertThat(run("--dir", corpus.toString(), "--jdbc-url", cluster.jdbcUrl()).err()).contains("--jdbc-url needs --password");
        assertThat(run("--dir", corpus.toString(), "--verbose").err()).contains("unknown flag --verbose");
        assertThat(run("--dir", corpus.toString(), "--scenario", "no-such-scenario").err())
                .contains("--scenario no-such-scenario: no shipped scenario");
        Run nobody = run("--dir", corpus.toString(), "--user", "nobody");
        assertThat(nobody.status()).isEqualTo(2);
        assertThat(nobody.err()).contains("--user nobody: scenario star-schema has no such user; its users are admin, monitor");
        Path badExpect = Files.writeString(temp.resolve("bad.txt"), "c_missing_column.sql\n");
        assertThat(run("--dir", corpus.toString(), "--expect", badExpect.toString()).err())
                .contains("line 1: write 'name: reason'");
        assertThat(run("--dir", corpus.toString(), "--jdbc-url", cluster.jdbcUrl(), "--password", "wrong").err())
                .contains("cannot connect as admin", "check --jdbc-url, --user and --password");
    }
}
