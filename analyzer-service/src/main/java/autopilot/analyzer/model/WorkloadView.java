package autopilot.analyzer.model;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Who ran a window's workload (issue 20, {@code GET /api/v1/workload}): one row per user, query group or WLM queue
 * with its queries, queue wait and execution time and its share of each, the largest queue wait first. Pure: built
 * from stored workload hours. Users and query groups are those each hour kept by name (the largest
 * {@link Workload#HOUR_CONTRIBUTORS}; the rest of an hour is {@link Contributors#OTHERS}).
 */
public final class WorkloadView {

    /** What the rows are. */
    public enum By {
        USER, QUERY_GROUP, QUEUE;

        /** {@code user}, {@code query_group} or {@code queue}, any case; null for anything else. */
        public static By parse(String value) {
            if (value == null) return null;
            for (By by : values()) {
                if (by.name().equalsIgnoreCase(value.trim())) return by;
            }
            return null;
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One contributor over the window; shares in % of the window's totals. */
    public record Row(String name, long queries, double queueWaitSeconds, double execSeconds, double queriesPct,
                      double queueWaitPct, double execPct) {
    }

    /** The window's totals and its rows. */
    public record Answer(String cluster, String by, Instant from, Instant to, long queries, double queueWaitSeconds,
                         double execSeconds, List<Row> rows) {
    }

    private WorkloadView() {
    }

    /** The rows of the hours that overlap {@code [to - window, to]}. */
    public static Answer of(String cluster, By by, Map<Instant, Workload> hours, Instant to, Duration window) {
        Instant from = to.minus(window);
        Map<String, Contributors.Share> shares = new TreeMap<>();
        for (Map.Entry<Instant, Workload> e : hours.entrySet()) {
            if (e.getKey().plus(Duration.ofHours(1)).isBefore(from) || e.getKey().isAfter(to)) continue;
            Workload w = e.getValue();
            switch (by) {
                case QUEUE -> w.queueHours.values().forEach(q -> shares.computeIfAbsent(queueName(q), n -> new Contributors.Share())
                        .add(new Contributors.Share(q.queries, q.queueMsTotal, q.execMsTotal)));
                case USER, QUERY_GROUP -> {
                    if (w.contributors == null) break;
                    (by == By.USER ? w.contributors.users : w.contributors.groups)
                            .forEach((name, s) -> shares.computeIfAbsent(name, n -> new Contributors.Share()).add(s));
                }
            }
        }
        long queries = 0;
        double queueMs = 0;
        double execMs = 0;
        for (Contributors.Share s : shares.values()) {
            queries += s.queries;
            queueMs += s.queueMs;
            execMs += s.execMs;
        }
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, Contributors.Share> e : Contributors.ranked(shares, s -> s.queueMs)) {
            Contributors.Share s = e.getValue();
            rows.add(new Row(e.getKey(), s.queries, round(s.queueMs / 1000), round(s.execMs / 1000), pct(s.queries, queries),
                    pct(s.queueMs, queueMs), pct(s.execMs, execMs)));
        }
        return new Answer(cluster, by.label(), from, to, queries, round(queueMs / 1000), round(execMs / 1000), rows);
    }

    private static String queueName(Workload.QueueHour q) {
        return q.name != null && !q.name.isBlank() ? q.name : "service class " + q.serviceClass;
    }

    private static double pct(double part, double whole) {
        return whole <= 0 ? 0 : round(100 * part / whole);
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
