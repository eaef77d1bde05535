package autopilot.sim.catalog;

import autopilot.sim.model.Scenario;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the scenario's user tables (of one database) as real PostgreSQL tables and lets every
 * scenario user read them. Many statements travel in one round trip and one GRANT covers many tables, so ten thousand
 * tables take seconds rather than the minutes of a statement (and a round trip) each.
 */
final class TableDdl {

    private static final Logger log = LoggerFactory.getLogger(TableDdl.class);
    private static final int TABLES_PER_ROUND_TRIP = 500;
    /** Large installs report progress this often; small ones stay quiet. */
    private static final int PROGRESS_EVERY = 2_000;

    private final Connection db;
    private final List<Scenario.User> users;

    TableDdl(Connection db, List<Scenario.User> users) {
        this.db = db;
        this.users = users;
    }

    void create(List<Scenario.Table> tables) throws SQLException {
        long started = System.nanoTime();
        Set<String> schemas = new LinkedHashSet<>();
        StringBuilder ddl = new StringBuilder();
        try (Statement st = db.createStatement()) {
            for (int i = 0; i < tables.size(); i++) {
                Scenario.Table t = tables.get(i);
                // Each schema is created just before its first table, so objects get their oids in scenario order.
                if (schemas.add(t.schema())) {
                    ddl.append("CREATE SCHEMA IF NOT EXISTS ").append(Identifiers.quote(t.schema())).append(";\n");
                }
                ddl.append(createTable(t)).append(";\n");
                if ((i + 1) % TABLES_PER_ROUND_TRIP == 0) {
                    st.execute(ddl.toString());
                    ddl.setLength(0);
                }
                if ((i + 1) % PROGRESS_EVERY == 0) {
                    log.info("{} of {} tables created ({} s)", String.format("%,d", i + 1), String.format("%,d", tables.size()),
                            String.format("%.1f", (System.nanoTime() - started) / 1e9));
                }
            }
            if (!ddl.isEmpty()) {
                st.execute(ddl.toString());
            }
            grant(st, schemas, tables);
        }
    }

    /** Lets every scenario user read tables created earlier (by a {@code TableDdl} without users). */
    void grant(List<Scenario.Table> tables) throws SQLException {
        Set<String> schemas = new LinkedHashSet<>();
        tables.forEach(t -> schemas.add(t.schema()));
        try (Statement st = db.createStatement()) {
            grant(st, schemas, tables);
        }
    }

    private void grant(Statement st, Set<String> schemas, List<Scenario.Table> tables) throws SQLException {
        if (users.isEmpty() || tables.isEmpty()) {
            return;
        }
        String grantees = users.stream().map(u -> Identifiers.quote(u.name())).collect(Collectors.joining(", "));
        StringBuilder sql = new StringBuilder();
        for (String schema : schemas) {
            sql.append("GRANT USAGE ON SCHEMA ").append(Identifiers.quote(schema)).append(" TO ").append(grantees).append(";\n");
        }
        for (int from = 0; from < tables.size(); from += TABLES_PER_ROUND_TRIP) {
            sql.append("GRANT SELECT ON TABLE ");
            List<Scenario.Table> chunk = tables.subList(from, Math.min(tables.size(), from + TABLES_PER_ROUND_TRIP));
            sql.append(chunk.stream().map(TableDdl::qualified).collect(Collectors.joining(", ")));
            sql.append(" TO ").append(grantees).append(";\n");
            st.execute(sql.toString());
            sql.setLength(0);
        }
        if (!sql.isEmpty()) {
            st.execute(sql.toString());
        }
        // Ownership decides who can VACUUM or ANALYZE a table effectively (r_VACUUM_command).
        for (Scenario.Table t : tables) {
            if (t.owner() != null) {
                st.execute("ALTER TABLE " + qualified(t) + " OWNER TO " + Identifiers.quote(t.owner()));
            }
        }
    }

    private static String createTable(Scenario.Table t) {
        StringBuilder ddl = new StringBuilder("CREATE TABLE ").append(qualified(t)).append(" (");
        for (int i = 0; i < t.columns().size(); i++) {
            Scenario.Column col = t.columns().get(i);
            ddl.append(i == 0 ? "" : ", ").append(Identifiers.quote(col.name())).append(' ').append(col.type())
                    .append(col.notNull() ? " NOT NULL" : "");
        }
        return ddl.append(')').toString();
    }

    private static String qualified(Scenario.Table t) {
        return Identifiers.quote(t.schema()) + "." + Identifiers.quote(t.name());
    }
}
