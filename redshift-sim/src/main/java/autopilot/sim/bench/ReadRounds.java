package autopilot.sim.bench;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Runs the same full reads over several connections in rounds (warm-ups first, untimed) and
 * prints the median of each read per connection. The first path is measured against the second;
 * any further path is shown for comparison only.
 */
final class ReadRounds {

    /** A way to reach the data: a label for the report and an open connection with auto-commit off. */
    record ReadPath(String label, Connection connection) {
    }

    /**
     * What the rounds measured.
     *
     * @param ratio      first path's total median time over the second's
     * @param relayRatio third path's total over the second's (NaN without a third path)
     * @param sameRows   every path read the same number of rows and non-null values
     * @param rows       rows per relation, in the order read
     */
    record Outcome(double ratio, double relayRatio, boolean sameRows, List<Long> rows) {
    }

    private final List<String> relations;
    private final List<ReadPath> paths;
    private final BenchOptions options;

    ReadRounds(List<String> relations, List<ReadPath> paths, BenchOptions options) {
        this.relations = relations;
        this.paths = paths;
        this.options = options;
    }

    Outcome run(PrintStream out) throws SQLException {
        out.printf(Locale.ROOT, "reading every row of each relation: %d warm-up and %d timed rounds per path, fetch size %s; "
                + "median of the timed rounds%n", options.warmups(), options.rounds(),
                options.fetchSize() == 0 ? "driver default" : String.format("%,d", options.fetchSize()));
        long[][][] nanos = new long[relations.size()][paths.size()][options.rounds()];
        TimedRead[][] first = new TimedRead[relations.size()][paths.size()];
        for (int round = 0; round < options.warmups() + options.rounds(); round++) {
            for (int r = 0; r < relations.size(); r++) {
                // Alternate the order so that no path always runs right after another warmed the caches.
                for (int k = 0; k < paths.size(); k++) {
                    int p = round % 2 == 0 ? k : paths.size() - 1 - k;
                    TimedRead read = TimedRead.run(paths.get(p).connection(), "select * from " + relations.get(r), options.fetchSize());
                    if (first[r][p] == null) {
                        first[r][p] = read;
                    }
                    if (round >= options.warmups()) {
                        nanos[r][p][round - options.warmups()] = read.nanos();
                    }
                }
            }
        }
        return report(first, nanos, out);
    }

    private Outcome report(TimedRead[][] first, long[][][] nanos, PrintStream out) {
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "  %-16s %11s", "relation", "rows"));
        for (int p = 0; p < paths.size(); p++) {
            header.append(String.format(Locale.ROOT, " %24s", paths.get(p).label()));
            if (p == 1) {
                header.append(String.format(Locale.ROOT, " %7s", "ratio"));
            }
        }
        out.println(header);
        double[] totals = new double[paths.size()];
        boolean sameRows = true;
        List<Long> rows = new ArrayList<>();
        for (int r = 0; r < relations.size(); r++) {
            double[] medians = new double[paths.size()];
            for (int p = 0; p < paths.size(); p++) {
                medians[p] = median(nanos[r][p]) / 1e6;
                totals[p] += medians[p];
                sameRows &= first[r][p].rows() == first[r][0].rows() && first[r][p].values() == first[r][0].values();
            }
            rows.add(first[r][0].rows());
            out.println(line(relations.get(r), String.format(Locale.ROOT, "%,d", first[r][0].rows()), medians));
        }
        out.println(line("all", "", totals));
        double relay = paths.size() > 2 ? totals[2] / totals[1] : Double.NaN;
        return new Outcome(totals[0] / totals[1], relay, sameRows, rows);
    }

    private static String line(String relation, String rows, double[] millis) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-16s %11s", relation, rows));
        for (int p = 0; p < millis.length; p++) {
            line.append(String.format(Locale.ROOT, " %21.1f ms", millis[p]));
            if (p == 1) {
                line.append(String.format(Locale.ROOT, " %6.2fx", millis[0] / millis[1]));
            }
        }
        return line.toString();
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }
}
