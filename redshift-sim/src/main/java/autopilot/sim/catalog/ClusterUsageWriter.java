package autopilot.sim.catalog;

import static autopilot.sim.catalog.ActivityContext.set;

import autopilot.sim.model.Activity;
import autopilot.sim.model.Scenario;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The cluster's resources: disk layout (the views derive used space from STV_TBL_PERM), Serverless
 * RPU usage derived from the logged workload, and external (Spectrum) schemas with their tables.
 */
final class ClusterUsageWriter {

    private final ActivityContext c;
    private final Activity activity;

    ClusterUsageWriter(ActivityContext context) {
        this.c = context;
        this.activity = context.activity();
    }

    void write() throws SQLException {
        try (PreparedStatement ps = c.db().prepareStatement("INSERT INTO redshift_sim.disk VALUES (?,?)")) {
            set(ps, activity.disk().partitionsPerNode(), activity.disk().extraUsedPct());
            ps.executeUpdate();
        }
        if (c.scenario().cluster().serverless()) {
            writeServerlessUsage();
        }
        writeExternalSchemas();
    }

    /**
     * A row per minute in which queries ran (idle minutes cost nothing and have no row): the base
     * capacity times the seconds of that minute some query was running (overlapping queries count
     * once per second they overlap, up to the whole minute), billed per started RPU-second. Storage
     * is the tables' blocks.
     */
    private void writeServerlessUsage() throws SQLException {
        try (PreparedStatement ps = c.db().prepareStatement("INSERT INTO redshift_sim.sys_serverless_usage "
                + "SELECT m.minute, m.minute + interval '1 minute', ? * m.busy, ?, "
                + "       (SELECT coalesce(sum(block_count), 0) FROM redshift_sim.stv_tbl_perm)::integer, 0, ceil(? * m.busy)::integer "
                + "FROM (SELECT g.minute, least(60.0, sum(extract(epoch FROM least(h.\"end_time\", g.minute + interval '1 minute') "
                + "                                         - greatest(h.start_time, g.minute)))) AS busy "
                + "      FROM redshift_sim.sys_query_history h "
                + "      CROSS JOIN LATERAL generate_series(date_trunc('minute', h.start_time), h.\"end_time\", interval '1 minute') AS g(minute) "
                + "      GROUP BY g.minute) m "
                + "WHERE m.busy > 0 ORDER BY m.minute")) {
            double rpu = activity.usage().baseRpu();
            set(ps, rpu, rpu, rpu);
            ps.executeUpdate();
        }
    }

    /**
     * Each external schema is a real schema of the default database (so esoid is its pg_namespace
     * oid and USAGE grants decide who sees it), owned by its owner; its tables are metadata only.
     */
    private void writeExternalSchemas() throws SQLException {
        if (activity.externalSchemas().isEmpty()) {
            return;
        }
        String home = c.scenario().database();
        try (Statement st = c.db().createStatement();
             PreparedStatement schema = c.db().prepareStatement("INSERT INTO redshift_sim.external_schema VALUES (?,?,?,?,?,?,?)");
             PreparedStatement table = c.db().prepareStatement("INSERT INTO redshift_sim.external_table VALUES (?,?,?,'TABLE',?,?,?,?,?,0,?,?)");
             PreparedStatement column = c.db().prepareStatement("INSERT INTO redshift_sim.external_column VALUES (?,?,?,?,?,?,?,'true',?)")) {
            for (Activity.ExternalSchema s : activity.externalSchemas()) {
                String owner = s.owner() != null ? s.owner() : c.scenario().users().stream().filter(Scenario.User::superuser)
                        .map(Scenario.User::name).findFirst().orElse(c.scenario().users().get(0).name());
                st.execute("CREATE SCHEMA " + Identifiers.quote(s.name()) + " AUTHORIZATION " + Identifiers.quote(owner));
                List<String> grantees = s.grantees() == null ? List.of("PUBLIC") : s.grantees().stream().map(Identifiers::quote).toList();
                for (String grantee : grantees) {
                    st.execute("GRANT USAGE ON SCHEMA " + Identifiers.quote(s.name()) + " TO " + grantee);
                }
                long oid;
                try (ResultSet rs = st.executeQuery("SELECT oid FROM pg_namespace WHERE nspname = " + Identifiers.literal(s.name()))) {
                    rs.next();
                    oid = rs.getLong(1);
                }
                String options = s.iamRole().isEmpty() ? "{}" : "{\"IAM_ROLE\":\"" + s.iamRole().replace("\"", "\\\"") + "\"}";
                set(schema, oid, (short) (int) s.kind(), s.name(), c.userId(owner), s.database(), options, home);
                schema.addBatch();
                for (Activity.ExternalTable t : s.tables()) {
                    String[] hive = hiveFormat(t.format());
                    set(table, home, s.name(), t.name(), t.location(), hive[0], hive[1], hive[2], hive[3], "{\"EXTERNAL\":\"TRUE\"}", oid);
                    table.addBatch();
                    int position = 1;
                    for (Activity.ExternalColumn col : t.columns()) {
                        set(column, home, s.name(), t.name(), col.name(), col.type(), position++, 0, oid);
                        column.addBatch();
                    }
                    // Partition columns follow the data columns, numbered in partition-key order.
                    for (int k = 0; k < t.partitions().size(); k++) {
                        Activity.ExternalColumn col = t.partitions().get(k);
                        set(column, home, s.name(), t.name(), col.name(), col.type(), position++, k + 1, oid);
                        column.addBatch();
                    }
                }
            }
            schema.executeBatch();
            table.executeBatch();
            column.executeBatch();
        }
    }

    /** Input format, output format, SerDe and SerDe parameters of a Hive table stored as {@code format}. */
    static String[] hiveFormat(String format) {
        String text = "org.apache.hadoop.mapred.TextInputFormat";
        String textOut = "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat";
        return switch (format) {
            case "orc" -> new String[] {"org.apache.hadoop.hive.ql.io.orc.OrcInputFormat", "org.apache.hadoop.hive.ql.io.orc.OrcOutputFormat",
                    "org.apache.hadoop.hive.ql.io.orc.OrcSerde", "{\"serialization.format\":\"1\"}"};
            case "textfile" -> new String[] {text, textOut, "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe",
                    "{\"field.delim\":\",\",\"serialization.format\":\",\"}"};
            case "json" -> new String[] {text, textOut, "org.openx.data.jsonserde.JsonSerDe", "{\"serialization.format\":\"1\"}"};
            default -> new String[] {"org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
                    "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat",
                    "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe", "{\"serialization.format\":\"1\"}"};
        };
    }
}
