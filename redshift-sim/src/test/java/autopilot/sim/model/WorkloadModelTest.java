package autopilot.sim.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The workload model's statements: how they are filed, what the loader refuses, what the generator carries. */
class WorkloadModelTest {

    private static Scenario read(String yaml) throws Exception {
        return ScenarioLoader.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "inline");
    }

    @Test
    void statementsAreFiledAsRedshiftFilesThem() {
        assertThat(StatementKind.queryType("select 1")).isEqualTo("SELECT");
        assertThat(StatementKind.queryType("  WITH x AS (select 1) select * from x")).isEqualTo("SELECT");
        assertThat(StatementKind.queryType("copy t from 's3://b/k'")).isEqualTo("COPY");
        assertThat(StatementKind.queryType("create table t2 as select * from t")).isEqualTo("CTAS");
        assertThat(StatementKind.queryType("create temp table t2 as select * from t")).isEqualTo("CTAS");
        assertThat(StatementKind.of("create temp table t2 as select * from t")).isEqualTo(StatementKind.QUERY);
        assertThat(StatementKind.queryType("create table t2 (a int)")).isEqualTo("DDL");
        assertThat(StatementKind.queryType("ALTER TABLE t ADD COLUMN b int")).isEqualTo("DDL");
        assertThat(StatementKind.queryType("drop view v")).isEqualTo("DDL");
        // CREATE/ALTER/DROP of databases and users are utility commands (r_STL_UTILITYTEXT.html).
        assertThat(StatementKind.queryType("create user bob password 'x'")).isEqualTo("UTILITY");
        assertThat(StatementKind.queryType("drop database scratch")).isEqualTo("UTILITY");
        for (String utility : List.of("set query_group to 'x'", "analyze t", "vacuum t", "grant select on t to bob", "begin", "commit;",
                "truncate t", "show search_path", "reset query_group")) {
            assertThat(StatementKind.of(utility)).as(utility).isEqualTo(StatementKind.UTILITY);
        }
        assertThat(StatementKind.queryType("padb_fetch_sample: select count(*) from t")).isEqualTo("OTHER");
    }

    @Test
    void theLoaderRefusesWorkForTextOnlyStatementsAndWritesToUnknownTables() {
        String yaml = """
                cluster: {nodeType: ra3.xlplus, nodes: 1, slicesPerNode: 2}
                users: [{name: admin, password: x, superuser: true}]
                tables: [{name: t, rows: 10, columns: [{name: a, type: INTEGER}]}]
                queries:
                  - {text: "analyze t", scans: [{table: t, type: 2, rows: 10, millis: 1}]}
                  - {text: "insert into nope select 1", writes: [{table: nope, rows: 1}], childQueries: -2}
                """;
        assertThatThrownBy(() -> read(yaml)).hasMessageContaining("queries[0]: a UTILITY statement is logged as text only")
                .hasMessageContaining("queries[1].writes[0]: table 'nope' is not a scenario table of database dev")
                .hasMessageContaining("queries[1].childQueries: 1 or more, found -2");
    }

    @Test
    void generatedQueriesCarryThePatternsLabelWritesChildrenAndPlanWithoutTouchingTheSeed() throws Exception {
        Scenario s = read("""
                cluster: {nodeType: ra3.xlplus, nodes: 1, slicesPerNode: 2}
                users: [{name: admin, password: x, superuser: true}]
                tables: [{name: t, rows: 10, columns: [{name: a, type: INTEGER}]}]
                generator:
                  seed: 5
                  queries: 20
                  patterns:
                    - {text: "insert into t select {n}", weight: 1, execMillis: 10, label: loader, childQueries: 2,
                       writes: [{table: t, rows: 7}], plan: ["XN Seq Scan on t  (cost=0.00..0.10 rows=10 width=4)"]}
                    - {text: "select {n}", weight: 1, execMillis: 10}
                """);
        Scenario plain = read("""
                cluster: {nodeType: ra3.xlplus, nodes: 1, slicesPerNode: 2}
                users: [{name: admin, password: x, superuser: true}]
                tables: [{name: t, rows: 10, columns: [{name: a, type: INTEGER}]}]
                generator:
                  seed: 5
                  queries: 20
                  patterns:
                    - {text: "insert into t select {n}", weight: 1, execMillis: 10}
                    - {text: "select {n}", weight: 1, execMillis: 10}
                """);
        List<Scenario.Query> queries = WorkloadGenerator.generate(s.generator());
        List<Scenario.Query> plainQueries = WorkloadGenerator.generate(plain.generator());
        assertThat(queries).extracting(Scenario.Query::text).isEqualTo(plainQueries.stream().map(Scenario.Query::text).toList());
        assertThat(queries).extracting(Scenario.Query::ago).isEqualTo(plainQueries.stream().map(Scenario.Query::ago).toList());
        Scenario.Query insert = queries.stream().filter(q -> q.text().startsWith("insert")).findFirst().orElseThrow();
        assertThat(insert.label()).isEqualTo("loader");
        assertThat(insert.childQueries()).isEqualTo(2);
        assertThat(insert.writes()).containsExactly(new Scenario.Write("t", 7, 0));
        assertThat(insert.plan()).hasSize(1);
        Scenario.Query select = queries.stream().filter(q -> q.text().startsWith("select")).findFirst().orElseThrow();
        assertThat(select.label()).isNull();
        assertThat(select.childQueries()).isEqualTo(1);
    }
}
