package autopilot.sim.check;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/**
 * Runs one SQL file as a client would: a session of its own, autocommit, its statements in order,
 * each under the statement timeout, stopping at the first error. After each {@code CREATE VIEW} it
 * selects from the view ({@code LIMIT 100}), since creating a view does not run it; every result
 * set, such as a closing SELECT's, is fetched to the end.
 */
final class FileRunner {

    /** Opens a new session on the cluster. */
    interface Sessions {
        Connection open() throws SQLException;
    }

    /** A file to run and the name it is reported under. */
    record SqlFile(String name, Path path) {

        List<Script.Statement> statements() throws IOException {
            return Script.statements(text(path));
        }
    }

    private final Sessions sessions;
    private final int timeoutSeconds;

    FileRunner(Sessions sessions, int timeoutSeconds) {
        this.sessions = sessions;
        this.timeoutSeconds = timeoutSeconds;
    }

    Outcome run(SqlFile file, int pass) throws IOException, SQLException {
        List<Script.Statement> statements = file.statements();
        long started = System.nanoTime();
        int views = 0;
        long rows = 0;
        Failure failure = null;
        try (Connection session = sessions.open()) {
            session.setAutoCommit(true);
            for (Script.Statement statement : statements) {
                try {
                    rows += execute(session, statement.sql());
                } catch (SQLException e) {
                    failure = Failure.of(e, statement, false, timeoutSeconds);
                    break;
                }
                Optional<String> view = statement.createdView();
                if (view.isPresent()) {
                    try {
                        rows += execute(session, "SELECT * FROM " + view.get() + " LIMIT 100");
                        views++;
                    } catch (SQLException e) {
                        failure = Failure.of(e, statement, true, timeoutSeconds);
                        break;
                    }
                }
            }
        }
        return new Outcome(file.name(), statements.size(), views, rows, (System.nanoTime() - started) / 1e9, pass, failure);
    }

    /** Runs one statement and fetches every row of every result it gives; returns the rows. */
    private long execute(Connection session, String sql) throws SQLException {
        try (Statement st = session.createStatement()) {
            st.setQueryTimeout(timeoutSeconds);
            long rows = 0;
            boolean isResultSet = st.execute(sql);
            while (isResultSet || st.getUpdateCount() != -1) {
                if (isResultSet) {
                    try (ResultSet rs = st.getResultSet()) {
                        while (rs.next()) {
                            rows++;
                        }
                    }
                }
                isResultSet = st.getMoreResults();
            }
            return rows;
        }
    }

    /** The file's text: UTF-8, or Latin-1 for the odd file that is not. */
    static String text(Path path) throws IOException {
        byte[] bytes = Files.readAllBytes(path);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }
}
