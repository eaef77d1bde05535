package autopilot.sim.model;

import java.util.ArrayList;
import java.util.List;

/**
 * A scan's figures per slice: as the scenario gives them (filled with their documented defaults,
 * the scan's totals derived from them), or split evenly over the slices when it gives none.
 */
public final class ScanSlices {

    /** Bytes per scanned row when a scenario gives no byte count. */
    static final long BYTES_PER_ROW = 64;

    private ScanSlices() {
    }

    /**
     * What each slice of the cluster did for {@code scan}, entry {@code i} being slice {@code i}:
     * the scan's own slices, or its figures split evenly (every slice scanning for its millis).
     */
    public static List<Scenario.SliceScan> of(Scenario.Scan scan, int slices) {
        if (!scan.slices().isEmpty()) {
            return scan.slices();
        }
        List<Scenario.SliceScan> even = new ArrayList<>(slices);
        for (int slice = 0; slice < slices; slice++) {
            long rows = share(scan.rows(), slice, slices);
            even.add(new Scenario.SliceScan(rows, share(scan.rowsPreFilter(), slice, slices),
                    share(scan.rowsPreUserFilter(), slice, slices), rows * BYTES_PER_ROW, scan.millis()));
        }
        return even;
    }

    /**
     * The scan with its per-slice figures completed and its totals taken from them; problems
     * (a slice count that is not the cluster's, totals that contradict the slices) go to {@code problems}.
     */
    static Scenario.Scan normalise(Scenario.Scan scan, int slices, String at, List<String> problems) {
        List<Scenario.SliceScan> given = scan.slices();
        if (given.isEmpty()) {
            return scan;
        }
        if (given.size() != slices) {
            problems.add(at + ".slices: " + given.size() + " entries, but the cluster has " + slices + " slices (one entry per slice)");
        }
        List<Scenario.SliceScan> filled = new ArrayList<>(given.size());
        for (int i = 0; i < given.size(); i++) {
            Scenario.SliceScan s = given.get(i);
            long sliceMillis = s.millis() > 0 ? s.millis() : scan.millis();
            Scenario.SliceScan f = new Scenario.SliceScan(s.rows(), s.rowsPreFilter() > 0 ? s.rowsPreFilter() : s.rows(),
                    s.rowsPreUserFilter() > 0 ? s.rowsPreUserFilter() : s.rows(), s.bytes() > 0 ? s.bytes() : s.rows() * BYTES_PER_ROW,
                    sliceMillis);
            if (f.rows() < 0 || f.rowsPreUserFilter() < f.rows() || f.rowsPreFilter() < f.rowsPreUserFilter()) {
                problems.add(at + ".slices[" + i + "]: expected rowsPreFilter >= rowsPreUserFilter >= rows >= 0");
            }
            filled.add(f);
        }
        Scenario.Scan totalled = totalled(scan, filled);
        agree(at + ".rows", scan.rows(), totalled.rows(), problems);
        agree(at + ".rowsPreFilter", scan.rowsPreFilter(), totalled.rowsPreFilter(), problems);
        agree(at + ".rowsPreUserFilter", scan.rowsPreUserFilter(), totalled.rowsPreUserFilter(), problems);
        return totalled;
    }

    /** The scan with its per-slice figures scaled (the generator varies each query around its pattern). */
    static Scenario.Scan scaled(Scenario.Scan scan, String table, double rowsScale, double timeScale) {
        List<Scenario.SliceScan> scaled = new ArrayList<>(scan.slices().size());
        for (Scenario.SliceScan s : scan.slices()) {
            scaled.add(new Scenario.SliceScan(Math.round(s.rows() * rowsScale), Math.round(s.rowsPreFilter() * rowsScale),
                    Math.round(s.rowsPreUserFilter() * rowsScale), Math.round(s.bytes() * rowsScale),
                    Math.max(1, Math.round(s.millis() * timeScale))));
        }
        return totalled(new Scenario.Scan(table, scan.type(), 0, 0, 0, 0, scan.rangeRestricted()), scaled);
    }

    /** A scan whose totals are those of its slices; its time is the slowest slice's. */
    private static Scenario.Scan totalled(Scenario.Scan scan, List<Scenario.SliceScan> slices) {
        long rows = 0;
        long preFilter = 0;
        long preUserFilter = 0;
        long millis = 0;
        for (Scenario.SliceScan s : slices) {
            rows += s.rows();
            preFilter += s.rowsPreFilter();
            preUserFilter += s.rowsPreUserFilter();
            millis = Math.max(millis, s.millis());
        }
        return new Scenario.Scan(scan.table(), scan.type(), rows, preFilter, preUserFilter, millis, scan.rangeRestricted(),
                List.copyOf(slices));
    }

    /** Total bytes a scan read: the slices' bytes, or 64 per row. */
    public static long bytes(Scenario.Scan scan) {
        return scan.slices().isEmpty() ? scan.rows() * BYTES_PER_ROW
                : scan.slices().stream().mapToLong(Scenario.SliceScan::bytes).sum();
    }

    private static void agree(String at, long given, long sum, List<String> problems) {
        if (given != 0 && given != sum) {
            problems.add(at + ": " + given + ", but the slices add up to " + sum + " (leave it out or make them agree)");
        }
    }

    private static long share(long total, int slice, int slices) {
        return total / slices + (slice < total % slices ? 1 : 0);
    }
}
