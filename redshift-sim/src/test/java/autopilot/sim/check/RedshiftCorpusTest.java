package autopilot.sim.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import autopilot.sim.Psql;
import autopilot.sim.SimCluster;
import autopilot.sim.dialect.SqlLexer;
import autopilot.sim.model.Scenario;
import autopilot.sim.model.ScenarioLoader;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The project's own corpus of Redshift SQL ({@code src/test/resources/redshift-corpus}), written in
 * the style of admin scripts, run statement by statement through the Redshift JDBC driver and, whole,
 * through psql. Each statement succeeds or fails as the AWS pages cited beside it say.
 *
 * <p>A file names its scenario and user in its first lines ({@code -- scenario: star-schema},
 * {@code -- user: bi_user}). Comment lines right above a statement state what must happen:
 * <ul>
 *   <li>nothing: it succeeds;
 *   <li>{@code -- error: SQLSTATE text}: it fails with that SQLSTATE and a message containing the text;
 *   <li>{@code -- result: value}: its first row's first column reads {@code value} ({@code null} for NULL);
 *   <li>{@code -- rows: n}: it returns n rows.
 * </ul>
 */
class RedshiftCorpusTest {

    private static final Pattern HEADER = Pattern.compile("^--\\s*(scenario|user):\\s*(\\S+)\\s*$");
    private static final Pattern EXPECT = Pattern.compile("^--\\s*(error|result|rows):\\s*(.*)$");
    private static final Pattern PSQL_ERROR = Pattern.compile("ERROR:\\s+([0-9A-Z]{5}):");

    private static final Map<String, SimCluster> CLUSTERS = new HashMap<>();

    /** What one statement must do. */
    record Expectation(String sqlState, String message, String result, Integer rows) {
        boolean fails() {
            return sqlState != null;
        }
    }

    record Case(Script.Statement statement, Expectation expectation) {}

    record CorpusFile(Path path, String scenario, String user, List<Case> cases) {
        @Override
        public String toString() {
            return path.getFileName().toString();
        }
    }

    @AfterAll
    static void stop() {
        CLUSTERS.values().forEach(SimCluster::close);
    }

    static Stream<CorpusFile> files() throws IOException, URISyntaxException {
        Path dir = Path.of(RedshiftCorpusTest.class.getResource("/redshift-corpus").toURI());
        try (Stream<Path> paths = Files.list(dir)) {
            List<CorpusFile> files = new ArrayList<>();
            for (Path p : paths.filter(p -> p.toString().endsWith(".sql")).sorted().toList()) {
                files.add(parse(p));
            }
            return files.stream();
        }
    }

    static CorpusFile parse(Path path) throws IOException {
        String text = Files.readString(path, StandardCharsets.UTF_8);
        String[] lines = text.split("\n", -1);
        String scenario = "star-schema";
        String user = "admin";
        for (String line : lines) {
            Matcher m = HEADER.matcher(line.strip());
            if (m.matches()) {
                if (m.group(1).equals("scenario")) {
                    scenario = m.group(2);
                } else {
                    user = m.group(2);
                }
            }
        }
        List<Case> cases = new ArrayList<>();
        for (Script.Statement s : Script.statements(text)) {
            String sqlState = null;
            String message = null;
            String result = null;
            Integer rows = null;
            for (int i = s.line() - 2; i >= 0 && lines[i].strip().startsWith("--"); i--) {
                Matcher m = EXPECT.matcher(lines[i].strip());
                if (!m.matches()) {
                    continue;
                }
                String value = m.group(2).strip();
                switch (m.group(1)) {
                    case "error" -> {
                        int space = value.indexOf(' ');
                        sqlState = space < 0 ? value : value.substring(0, space);
                        message = space < 0 ? "" : value.substring(space + 1).strip();
                    }
                    case "result" -> result = value;
                    default -> rows = Integer.parseInt(value);
                }
            }
            cases.add(new Case(s, new Expectation(sqlState, message, result, rows)));
        }
        return new CorpusFile(path, scenario, user, cases);
    }

    private static synchronized SimCluster cluster(String scenario) {
        return CLUSTERS.computeIfAbsent(scenario, name -> {
            try {
                return SimCluster.start(ScenarioLoader.shipped(name), 0);
            } catch (Exception e) {
                throw new IllegalStateException("cannot start scenario " + name, e);
            }
        });
    }

    private static String password(SimCluster cluster, String user) {
        return cluster.user(user).map(Scenario.User::password).orElseThrow(() -> new IllegalStateException("no user " + user));
    }

    @ParameterizedTest(name = "{0} through the Redshift JDBC driver")
    @MethodSource("files")
    void everyStatementDoesWhatRedshiftDocuments(CorpusFile file) throws SQLException {
        SimCluster cluster = cluster(file.scenario());
        List<String> wrong = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl(), file.user(), password(cluster, file.user()))) {
            c.setAutoCommit(true);
            for (Case k : file.cases()) {
                String where = file + ":" + k.statement().line() + " " + k.statement().head(70);
                Expectation e = k.expectation();
                try (Statement st = c.createStatement()) {
                    boolean hasRows = st.execute(k.statement().sql());
                    if (e.fails()) {
                        wrong.add(where + ": succeeded, expected " + e.sqlState() + " " + e.message());
                        continue;
                    }
                    List<String> firsts = new ArrayList<>();
                    if (hasRows) {
                        try (ResultSet rs = st.getResultSet()) {
                            while (rs.next()) {
                                firsts.add(rs.getString(1));
                            }
                        }
                    }
                    if (e.rows() != null && firsts.size() != e.rows()) {
                        wrong.add(where + ": " + firsts.size() + " rows, expected " + e.rows());
                    }
                    if (e.result() != null) {
                        String actual = firsts.isEmpty() ? "(no row)" : String.valueOf(firsts.get(0));
                        String expected = e.result().equals("null") ? "null" : e.result();
                        if (!actual.equals(expected)) {
                            wrong.add(where + ": result " + actual + ", expected " + expected);
                        }
                    }
                } catch (SQLException ex) {
                    if (!e.fails()) {
                        wrong.add(where + ": failed " + ex.getSQLState() + " " + firstLine(ex.getMessage()));
                    } else if (!e.sqlState().equals(ex.getSQLState())
                            || !ex.getMessage().toLowerCase(Locale.ROOT).contains(e.message().toLowerCase(Locale.ROOT))) {
                        wrong.add(where + ": failed " + ex.getSQLState() + " " + firstLine(ex.getMessage()) + ", expected "
                                + e.sqlState() + " " + e.message());
                    }
                }
            }
        }
        assertThat(wrong).as("statements of " + file + " that did not do what Redshift documents").isEmpty();
    }

    /**
     * psql, a second client with its own lexer, runs the whole file without stopping at errors; the
     * SQLSTATEs of its errors, in order, are the ones the file expects.
     */
    @ParameterizedTest(name = "{0} through psql")
    @MethodSource("files")
    void psqlSeesTheSameErrors(CorpusFile file) throws IOException, InterruptedException {
        if (!Psql.available()) {
            fail("psql is not installed: apt-get install postgresql-client");
        }
        SimCluster cluster = cluster(file.scenario());
        String script = "\\set ON_ERROR_STOP 0\n\\set VERBOSITY verbose\n" + Files.readString(file.path(), StandardCharsets.UTF_8);
        Psql.Result run = Psql.runAll(cluster, cluster.scenario().database(), file.user(), password(cluster, file.user()), script);
        List<String> errors = new ArrayList<>();
        Matcher m = PSQL_ERROR.matcher(run.output());
        while (m.find()) {
            errors.add(m.group(1));
        }
        List<String> expected = file.cases().stream().map(Case::expectation).filter(Expectation::fails).map(Expectation::sqlState).toList();
        assertThat(errors).as(run.output()).isEqualTo(expected);
    }

    /** Every system relation the simulator has is used by some statement of the corpus. */
    @Test
    void theCorpusUsesEverySystemRelation() throws Exception {
        Set<String> used = new TreeSet<>();
        for (CorpusFile f : files().toList()) {
            for (Case k : f.cases()) {
                for (SqlLexer.Token t : SqlLexer.tokens(k.statement().sql())) {
                    if (t.kind() == SqlLexer.Kind.WORD) {
                        used.add(t.text().toLowerCase(Locale.ROOT));
                    }
                }
            }
        }
        Set<String> relations = new TreeSet<>();
        try (Connection db = cluster("star-schema").underlyingConnection(); Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("SELECT viewname FROM pg_views WHERE schemaname = 'pg_catalog' "
                     + "AND viewname ~ '^(stl|stv|svl|svv|sys|svcs)_|^pg_.*_info$|^pg_statistic_indicator$|^pg_table_def$|^pg_library$|^pg_external_schema$'")) {
            while (rs.next()) {
                relations.add(rs.getString(1));
            }
        }
        try (Connection db = cluster("serverless").underlyingConnection(); Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("SELECT viewname FROM pg_views WHERE schemaname = 'pg_catalog' AND viewname ~ '^sys_'")) {
            while (rs.next()) {
                relations.add(rs.getString(1));
            }
        }
        assertThat(relations).as("the simulator's system relations").hasSizeGreaterThan(80).contains("stl_query", "sys_serverless_usage");
        relations.removeAll(used);
        assertThat(relations).as("system relations no corpus statement reads").isEmpty();
    }

    private static String firstLine(String message) {
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
