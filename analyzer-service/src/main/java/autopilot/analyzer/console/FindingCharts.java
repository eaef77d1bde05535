package autopilot.analyzer.console;

import autopilot.analyzer.model.Workload;
import autopilot.analyzer.rules.Thresholds;
import autopilot.analyzer.rules.Trend;
import autopilot.analyzer.state.ConsoleQuery;
import autopilot.console.BarChart;
import autopilot.console.LineChart;
import autopilot.events.Finding;
import autopilot.events.FindingCategory;
import autopilot.events.ObjectRef;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The charts of a finding that has a series: a table's unsorted share and stats_off over the forecast lookback with
 * the fitted line continued to (about) its crossing and the line's 95 % band (the same fit the maintenance forecast
 * makes, {@link Trend#band}), a table's skew over time, a WLM queue's p95 wait per hour over the workload window.
 */
@ApplicationScoped
class FindingCharts {

    private static final Set<FindingCategory> UNSORTED = EnumSet.of(FindingCategory.UNSORTED_REGION, FindingCategory.MAINTENANCE_FORECAST);
    private static final Set<FindingCategory> STATS = EnumSet.of(FindingCategory.STALE_STATISTICS, FindingCategory.MISSING_STATISTICS,
            FindingCategory.MAINTENANCE_FORECAST);
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:00", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final long DAY = 86_400;
    private static final int FORECAST_STEPS = 24;

    private final ConsoleQuery query;
    private final Thresholds thresholds;

    FindingCharts(ConsoleQuery query, Thresholds thresholds) {
        this.query = query;
        this.thresholds = thresholds;
    }

    List<Views.Chart> charts(Connection c, String clusterId, Finding f) throws SQLException {
        List<Views.Chart> charts = new ArrayList<>();
        ObjectRef s = f.subject();
        boolean table = s.kind() == ObjectRef.Kind.TABLE && s.id() != null;
        String name = s.schema() == null ? s.name() : s.schema() + "." + s.name();
        if (table && (UNSORTED.contains(f.category()) || STATS.contains(f.category()) || f.category() == FindingCategory.DISTRIBUTION_SKEW)) {
            ConsoleQuery.TableSeries series = query.tableSeries(c, clusterId, s.id(), f.lastSeen().minus(thresholds.forecast().lookback()));
            Instant[] reset = query.lastMaintenance(c, clusterId, s.id());
            if (UNSORTED.contains(f.category())) {
                add(charts, metric("chart-unsorted", name + ": unsorted share over time", "unsorted %", series.epochSeconds(),
                        series.unsortedPct(), thresholds.unsorted().pct(), reset[0], true));
            }
            if (STATS.contains(f.category())) {
                add(charts, metric("chart-stats-off", name + ": stats_off over time", "stats_off %", series.epochSeconds(),
                        series.statsOffPct(), thresholds.statsOff().pct(), reset[1], true));
            }
            if (f.category() == FindingCategory.DISTRIBUTION_SKEW) {
                add(charts, metric("chart-skew", name + ": skew (fullest / emptiest slice) over time", "skew_rows", series.epochSeconds(),
                        series.skewRows(), thresholds.skew().ratio(), null, false));
            }
        }
        if (f.category() == FindingCategory.WLM_QUEUE_WAIT && s.kind() == ObjectRef.Kind.QUEUE && s.id() != null) {
            List<Workload.QueueHour> hours = query.queueHours(c, clusterId, s.id().intValue(), f.lastSeen().minus(thresholds.workloadWindow()));
            BarChart chart = BarChart.of("chart-queue-wait", "Queue " + s.name() + ": p95 queue wait per hour (UTC)", "s");
            for (Workload.QueueHour h : hours) {
                chart.bar(HOUR.format(h.hour), h.waits.count() == 0 ? 0 : Math.round(h.waits.percentile(95) / 100.0) / 10.0);
            }
            if (!chart.isEmpty()) charts.add(new Views.Chart("chart-queue-wait", "Queue waits per hour", chart.svg()));
        }
        return charts;
    }

    private static void add(List<Views.Chart> charts, LineChart chart) {
        if (chart != null && !chart.isEmpty()) charts.add(new Views.Chart(chartId(chart), heading(chart), chart.svg()));
    }

    private LineChart metric(String id, String title, String label, long[] t, double[] v, double threshold, Instant reset, boolean forecast) {
        List<LineChart.Point> points = new ArrayList<>();
        for (int i = 0; i < t.length; i++) {
            if (!Double.isNaN(v[i])) points.add(new LineChart.Point(Instant.ofEpochSecond(t[i]), v[i]));
        }
        if (points.isEmpty()) return null;
        LineChart chart = LineChart.of(id, title, label.endsWith("%") ? "%" : null).series(label, points)
                .threshold(threshold, "threshold " + (threshold == Math.rint(threshold) ? String.valueOf((long) threshold) : String.valueOf(threshold)));
        if (forecast) forecast(chart, t, v, threshold, reset);
        return chart;
    }

    /** The fitted line from the last observation on to about its crossing (at most the forecast horizon), with its band. */
    private void forecast(LineChart chart, long[] t, double[] v, double threshold, Instant reset) {
        Thresholds.Forecast f = thresholds.forecast();
        long last = t[t.length - 1];
        double[][] probe = Trend.band(t, v, reset == null ? null : reset.getEpochSecond(), f.minPoints(), f.minR2(), new long[]{last, last + DAY});
        if (probe == null) return;
        double perDay = probe[0][1] - probe[0][0];
        long horizon = f.horizon().toSeconds();
        long span = probe[0][0] < threshold && perDay > 0 ? (long) Math.min(horizon, Math.max(DAY, 1.25 * DAY * (threshold - probe[0][0]) / perDay)) : DAY;
        long[] at = new long[FORECAST_STEPS + 1];
        for (int i = 0; i <= FORECAST_STEPS; i++) at[i] = last + span * i / FORECAST_STEPS;
        double[][] band = Trend.band(t, v, reset == null ? null : reset.getEpochSecond(), f.minPoints(), f.minR2(), at);
        List<LineChart.Point> line = new ArrayList<>();
        List<LineChart.Point> low = new ArrayList<>();
        List<LineChart.Point> high = new ArrayList<>();
        for (int i = 0; i < at.length; i++) {
            Instant when = Instant.ofEpochSecond(at[i]);
            line.add(new LineChart.Point(when, band[0][i]));
            low.add(new LineChart.Point(when, Math.max(0, band[1][i])));
            high.add(new LineChart.Point(when, band[2][i]));
        }
        chart.forecast(line, low, high);
    }

    private static String chartId(LineChart chart) {
        return chart.id();
    }

    private static String heading(LineChart chart) {
        return chart.title();
    }
}
