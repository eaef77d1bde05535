package autopilot.sim.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How SqlFileCheck cuts files into statements, finds the views they create, and groups failures. */
class SqlFileCheckScriptTest {

    @Test
    void semicolonsInCommentsStringsAndQuotedNamesDoNotEndAStatement() throws Exception {
        Path file = Path.of(SqlFileCheckScriptTest.class.getResource("/sql-check/d_notes_script.sql").toURI());

        List<Script.Statement> statements = Script.statements(FileRunner.text(file));

        assertThat(statements).extracting(Script.Statement::line).containsExactly(3, 4, 8, 9, 10);
        assertThat(statements.get(0).sql()).isEqualTo("DROP TABLE IF EXISTS admin.check_notes");
        assertThat(statements.get(1).sql()).endsWith("-- a trailing comment; with a semicolon\n)");
        assertThat(statements.get(2).sql()).endsWith("(2, 'it\\'s; quoted'), (3, 'plain')");
        assertThat(statements.get(4).head(80)).isEqualTo("SELECT id, note AS \"semi;colon\" FROM admin.check_notes WHERE note LIKE '%;%' ORD...");
    }

    @Test
    void aStatementAfterTheLastSemicolonCountsAndEmptyOnesDoNot() {
        assertThat(Script.statements("select 1;; -- done\n;select 2 /* no semicolon */"))
                .extracting(Script.Statement::sql).containsExactly("select 1", "select 2");
        assertThat(Script.statements("-- only a comment;\n")).isEmpty();
    }

    @Test
    void findsTheViewACreateViewMakes() {
        assertThat(view("CREATE OR REPLACE VIEW admin.v_x AS SELECT 1")).isEqualTo("admin.v_x");
        assertThat(view("create view v_x as select 1")).isEqualTo("v_x");
        assertThat(view("CREATE VIEW \"admin\".\"my view\" AS SELECT 1")).isEqualTo("\"admin\".\"my view\"");
        assertThat(view("/* c */ CREATE\n  OR REPLACE VIEW admin.v(a) AS SELECT 1")).isEqualTo("admin.v");
        assertThat(view("CREATE MATERIALIZED VIEW admin.mv AS SELECT 1")).isEmpty();
        assertThat(view("CREATE TABLE admin.t (a int)")).isEmpty();
    }

    private static String view(String sql) {
        return Script.statements(sql).get(0).createdView().orElse("");
    }

    @Test
    void causesGroupFailuresWhateverTheIdentifiers() {
        Script.Statement st = Script.statements("select 1").get(0);
        assertThat(failure("42703", "ERROR: column \"oid\" does not exist\n  Position: 12", st).cause())
                .isEqualTo("42703 column \"?\" does not exist")
                .isEqualTo(failure("42703", "ERROR: column adef.adsrc does not exist", st).cause());
        assertThat(failure("42883", "ERROR: function lpad(integer, integer, unknown) does not exist", st).cause())
                .isEqualTo("42883 function ?(...) does not exist");
        assertThat(failure("42P01", "ERROR: relation \"admin.v_view_dependency\" does not exist", st).missingRelation())
                .contains("admin.v_view_dependency");
    }

    private static Failure failure(String state, String message, Script.Statement st) {
        return Failure.of(new SQLException(message, state), st, false, 60);
    }
}
