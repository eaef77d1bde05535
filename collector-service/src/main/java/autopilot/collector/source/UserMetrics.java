package autopilot.collector.source;

import autopilot.collector.cluster.DatabaseSelection;
import autopilot.collector.config.CollectorConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.Statements;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.WithItem;

/**
 * The user's own metrics ({@code autopilot.collector.user-metrics.<name>}): one read-only SELECT
 * each, returning one number, run on every workload collection of the clusters it names, in the
 * collector's own session (so under its statement timeout and query group, and with the monitoring
 * user's grants). The values travel as the {@code user_metrics} source; the analyzer passes them on
 * in {@code ClusterHealthReported.userMetrics} and alerting publishes them to CloudWatch, as
 * amazon-redshift-monitoring's user queries do.
 *
 * <p>Each SELECT is checked at start-up with JSqlParser (the parser the project already uses for
 * query texts): exactly one statement, a SELECT (WITH, UNION and subqueries allowed) that writes
 * nothing (no SELECT INTO, no FOR UPDATE) and whose result has one column. That the result is one
 * row holding a number can only be seen when it runs: a metric that fails then is reported in its
 * row's {@code error} and logged, and the rest of the collection goes on.
 */
@ApplicationScoped
public class UserMetrics {

    /** Columns of the {@code user_metrics} source's rows. */
    public static final List<String> COLUMNS = List.of("name", "value", "unit", "error");

    /** CloudWatch's metric units (MetricDatum.Unit in the CloudWatch API Reference). */
    static final Set<String> UNITS = Set.of("Seconds", "Microseconds", "Milliseconds", "Bytes", "Kilobytes", "Megabytes",
            "Gigabytes", "Terabytes", "Bits", "Kilobits", "Megabits", "Gigabits", "Terabits", "Percent", "Count",
            "Bytes/Second", "Kilobytes/Second", "Megabytes/Second", "Gigabytes/Second", "Terabytes/Second", "Bits/Second",
            "Kilobits/Second", "Megabits/Second", "Gigabits/Second", "Terabits/Second", "Count/Second", "None");

    /** A CloudWatch metric name is 1-255 characters; these keep it readable in a dashboard and free of dimension syntax. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,99}");

    /** One checked metric. */
    public record Definition(String name, String sql, String unit, List<Pattern> clusters) {
        boolean appliesTo(String clusterId) {
            return clusters.stream().anyMatch(p -> p.matcher(clusterId).matches());
        }
    }

    private final List<Definition> definitions;

    UserMetrics(CollectorConfig config) {
        this.definitions = of(config.userMetrics());
    }

    /** Checks the configured metrics, each failure naming its key. */
    public static List<Definition> of(Map<String, CollectorConfig.UserMetric> configured) {
        List<Definition> checked = new ArrayList<>();
        new TreeMap<>(configured).forEach((name, metric) -> {
            String key = "autopilot.collector.user-metrics." + name;
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException(key + ": a metric name is a letter then up to 99 letters, digits, '_', '.' "
                        + "or '-' (it becomes the CloudWatch metric name)");
            }
            checkSelect(key + ".sql", metric.sql());
            String unit = metric.unit();
            if (!UNITS.contains(unit)) {
                throw new IllegalArgumentException(key + ".unit: '" + unit + "' is not a CloudWatch unit; one of "
                        + UNITS.stream().sorted().toList());
            }
            if (metric.clusters().isEmpty() || metric.clusters().stream().anyMatch(String::isBlank)) {
                throw new IllegalArgumentException(key + ".clusters: name the clusters by id or glob (default *)");
            }
            checked.add(new Definition(name, metric.sql().strip(), unit, metric.clusters().stream().map(DatabaseSelection::glob).toList()));
        });
        return List.copyOf(checked);
    }

    /** One read-only SELECT with one result column, or an exception naming the key. */
    static void checkSelect(String key, String sql) {
        Statements statements;
        try {
            statements = CCJSqlParserUtil.parseStatements(sql == null ? "" : sql);
        } catch (JSQLParserException e) {
            String cause = e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
            throw new IllegalArgumentException(key + ": not a SELECT the collector can read (" + firstLine(cause) + ")", e);
        }
        if (statements.size() != 1) {
            throw new IllegalArgumentException(key + ": one SELECT statement, found " + statements.size());
        }
        if (!(statements.get(0) instanceof Select select)) {
            throw new IllegalArgumentException(key + ": only a SELECT is run (read-only), found "
                    + statements.get(0).getClass().getSimpleName().toUpperCase());
        }
        checkReadOnly(key, select);
        int columns = resultColumns(key, select);
        if (columns != 1) {
            throw new IllegalArgumentException(key + ": the SELECT must return one column (the metric's number), found " + columns);
        }
    }

    private static void checkReadOnly(String key, Select select) {
        if (select.getWithItemsList() != null) {
            for (WithItem with : select.getWithItemsList()) {
                checkReadOnly(key, with.getSelect());
            }
        }
        if (select.getForMode() != null) {
            throw new IllegalArgumentException(key + ": SELECT ... FOR " + select.getForMode() + " takes locks; a metric only reads");
        }
        if (select instanceof PlainSelect plain) {
            if (plain.getIntoTables() != null && !plain.getIntoTables().isEmpty() || plain.getIntoTempTable() != null) {
                throw new IllegalArgumentException(key + ": SELECT INTO creates a table; a metric only reads");
            }
        } else if (select instanceof SetOperationList set) {
            set.getSelects().forEach(s -> checkReadOnly(key, s));
        } else if (select instanceof ParenthesedSelect inner) {
            checkReadOnly(key, inner.getSelect());
        }
    }

    private static int resultColumns(String key, Select select) {
        if (select instanceof PlainSelect plain) {
            if (plain.getSelectItems().stream().anyMatch(i -> i.getExpression() instanceof AllColumns
                    || i.getExpression() instanceof AllTableColumns)) {
                throw new IllegalArgumentException(key + ": name the one column the metric returns instead of *");
            }
            return plain.getSelectItems().size();
        }
        if (select instanceof SetOperationList set) {
            return resultColumns(key, set.getSelects().get(0));
        }
        if (select instanceof ParenthesedSelect inner) {
            return resultColumns(key, inner.getSelect());
        }
        throw new IllegalArgumentException(key + ": a SELECT ... FROM is expected, found " + select.getClass().getSimpleName());
    }

    private static String firstLine(String message) {
        String m = message == null ? "unparsable" : message.strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /** Checks the configuration at start-up (the constructor throws, naming the key) rather than at the first collection. */
    void validateAtStartup(@Observes StartupEvent start) {
        if (!definitions.isEmpty()) {
            Log.infof("User metrics: %s", definitions.stream().map(Definition::name).toList());
        }
    }

    /** Whether any metric is read from this cluster. */
    public boolean appliesTo(String clusterId) {
        return definitions.stream().anyMatch(d -> d.appliesTo(clusterId));
    }

    /**
     * Runs this cluster's metrics on the connection, a row each: its value, or the reason it has
     * none (the SELECT failed, returned no row or several, or not a number). Returns the rows.
     */
    public long read(Connection connection, String clusterId, RowSink sink) {
        sink.columns(COLUMNS);
        long rows = 0;
        for (Definition metric : definitions) {
            if (!metric.appliesTo(clusterId)) {
                continue;
            }
            Object result;
            try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(metric.sql())) {
                result = one(rs);
            } catch (SQLException e) {
                result = "the SELECT failed: " + firstLine(e.getMessage());
            }
            Double value = result instanceof Double d ? d : null;
            String error = value == null ? (String) result : null;
            if (error != null) {
                Log.warnf("Cluster %s: user metric %s has no value: %s", clusterId, metric.name(), error);
            }
            sink.row(Arrays.asList(metric.name(), value, metric.unit(), error));
            rows++;
        }
        return rows;
    }

    /** The number when the result is one row with one number, else what is wrong with it (a String). */
    private static Object one(ResultSet rs) throws SQLException {
        if (rs.getMetaData().getColumnCount() != 1) {
            return "it returned " + rs.getMetaData().getColumnCount() + " columns, not one";
        }
        if (!rs.next()) {
            return "it returned no row";
        }
        Object value = rs.getObject(1);
        if (value == null) {
            return "it returned NULL";
        }
        if (!(value instanceof Number number) || !Double.isFinite(number.doubleValue())) {
            return "it returned '" + value + "', not a number";
        }
        if (rs.next()) {
            return "it returned more than one row";
        }
        return number.doubleValue();
    }
}
