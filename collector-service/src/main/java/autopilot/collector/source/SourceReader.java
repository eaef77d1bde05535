package autopilot.collector.source;

import autopilot.events.ClusterKind;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a source's SQL on a cluster connection and streams the rows to a sink. Times in Redshift's
 * system tables are UTC without zone; they are read as such and shipped as ISO-8601 instants.
 * Values are always bound, never spliced into the SQL.
 */
public final class SourceReader {

    private static final int FETCH_SIZE = 5_000;

    private final QueryGroupLabel ownLabel;

    /** @param ownLabel the collector's query_group label, whose statements workload reads leave out */
    public SourceReader(QueryGroupLabel ownLabel) {
        this.ownLabel = ownLabel;
    }

    /**
     * Reads a source; returns the number of rows.
     *
     * @param window what an incremental source reads, or from when a {@link Source#recent} one does; null for the others
     */
    public long read(Connection connection, ClusterKind kind, Source source, Window window, RowSink sink) throws SQLException {
        return read(connection, kind, source, window, sink, ownLabel.value());
    }

    /**
     * Reads a source whose last parameter (after the window's, if any) is {@code last}: the
     * collector's label for workload sources, a schema for {@link TableDefinitions}.
     */
    static long read(Connection connection, ClusterKind kind, Source source, Window window, RowSink sink, String last)
            throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(source.sql(kind))) {
            ps.setFetchSize(FETCH_SIZE);
            int next = 1;
            if (source.incremental()) {
                ps.setTimestamp(next++, utc(window.from()));
                ps.setTimestamp(next++, utc(window.to()));
            } else if (source.recent()) {
                ps.setTimestamp(next++, utc(window.from()));
            }
            // A source that leaves the collector's own statements out takes its label last; the SQL
            // cuts it to what the relation keeps (STL_QUERY 30 characters, STV_INFLIGHT 15).
            if (ps.getParameterMetaData().getParameterCount() >= next) {
                ps.setString(next, last);
            }
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData meta = rs.getMetaData();
                int n = meta.getColumnCount();
                List<String> names = new ArrayList<>(n);
                // Asked once: the driver looks a column's type up in a map on every call.
                int[] types = new int[n + 1];
                for (int i = 1; i <= n; i++) {
                    names.add(meta.getColumnLabel(i).toLowerCase());
                    types[i] = meta.getColumnType(i);
                }
                sink.columns(names);
                long rows = 0;
                while (rs.next()) {
                    List<Object> values = new ArrayList<>(n);
                    for (int i = 1; i <= n; i++) {
                        values.add(value(rs, i, types[i]));
                    }
                    sink.row(values);
                    rows++;
                }
                return rows;
            }
        }
    }

    private static Object value(ResultSet rs, int i, int type) throws SQLException {
        switch (type) {
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> {
                Timestamp t = rs.getTimestamp(i);
                return t == null ? null : t.toLocalDateTime().toInstant(ZoneOffset.UTC).toString();
            }
            case Types.NUMERIC, Types.DECIMAL -> {
                BigDecimal d = rs.getBigDecimal(i);
                return d == null ? null : d.stripTrailingZeros().scale() <= 0 ? d.toBigInteger() : d;
            }
            case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR -> {
                String s = rs.getString(i);
                return s == null ? null : s.stripTrailing();
            }
            default -> {
                Object o = rs.getObject(i);
                return rs.wasNull() ? null : o instanceof Number || o instanceof Boolean ? o : String.valueOf(o);
            }
        }
    }

    private static Timestamp utc(Instant instant) {
        return Timestamp.valueOf(instant.atOffset(ZoneOffset.UTC).toLocalDateTime());
    }
}
