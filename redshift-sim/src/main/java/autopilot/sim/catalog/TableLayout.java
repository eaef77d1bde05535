package autopilot.sim.catalog;

import autopilot.sim.model.Scenario;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a table's rows and blocks sit, slice by slice, derived from its distribution style and
 * key value distribution: EVEN spreads rows evenly; KEY hashes values, so every NULL lands on one
 * slice and a dominant value on another; ALL keeps a full copy on the first slice of each node.
 */
record TableLayout(String diststyleText, int distStyleCode, long[] rowsPerSlice, long[] sortedRowsPerSlice,
                   long[] blocksPerSlice, Integer maxVarchar, double vacuumSortBenefit) {

    private static final Pattern VARCHAR = Pattern.compile("(?i)(?:varchar|character varying|char|character)\\s*\\((\\d+)\\)");

    static TableLayout of(Scenario.Table t, Scenario.Cluster cluster) {
        int slices = cluster.slices();
        String style = t.diststyle() == null ? "EVEN" : t.diststyle().toUpperCase(Locale.ROOT);
        long[] rows = new long[slices];
        SplittableRandom random = ClusterWriter.randomFor(t.schema() + "." + t.name());
        String text;
        int code;
        switch (style) {
            case "ALL" -> {
                text = "ALL";
                code = 8;
                for (int node = 0; node < cluster.nodes(); node++) {
                    rows[node * cluster.slicesPerNode()] = t.rows();
                }
            }
            case "KEY" -> {
                text = "KEY(" + t.distkey() + ")";
                code = 1;
                spreadByKey(t, rows, random);
            }
            case "AUTO" -> {
                text = "AUTO(EVEN)";
                code = 0;
                spreadEvenly(t.rows(), rows, 0, random, false);
            }
            default -> {
                text = "EVEN";
                code = 0;
                spreadEvenly(t.rows(), rows, 0, random, false);
            }
        }
        boolean sorted = t.sortkey() != null && !t.sortkey().columns().isEmpty();
        long[] sortedRows = new long[slices];
        long[] blocks = new long[slices];
        double bytesPerRow = t.columns().stream().mapToDouble(TableLayout::bytesPerValue).sum();
        int columns = t.columns().size() + 3;
        for (int s = 0; s < slices; s++) {
            sortedRows[s] = sorted ? Math.round(rows[s] * (1 - t.unsortedPct() / 100.0)) : 0;
            long perColumn = rows[s] == 0 ? 0
                    : Math.max(1, (long) Math.ceil(rows[s] * (bytesPerRow / t.columns().size()) / ClusterWriter.blockBytes()));
            blocks[s] = perColumn * columns;
        }
        Integer maxVarchar = t.columns().stream().map(c -> VARCHAR.matcher(c.type())).filter(Matcher::find)
                .map(m -> Integer.parseInt(m.group(1))).max(Integer::compare).orElse(null);
        double benefit = t.vacuumSortBenefit() != null ? t.vacuumSortBenefit() : Math.round(t.unsortedPct() * 60) / 100.0;
        return new TableLayout(text, code, rows, sortedRows, blocks, maxVarchar, benefit);
    }

    private static void spreadByKey(Scenario.Table t, long[] rows, SplittableRandom random) {
        Scenario.KeyDistribution d = t.distkeyValues() == null ? new Scenario.KeyDistribution(0, Long.MAX_VALUE, 0) : t.distkeyValues();
        long nulls = Math.round(t.rows() * d.nullFraction());
        long top = Math.round(t.rows() * d.topValueShare());
        long rest = t.rows() - nulls - top;
        int slices = rows.length;
        // NULL hashes to one fixed slice; the dominant value to another.
        rows[0] += nulls;
        rows[Math.min(1, slices - 1)] += top;
        long distinct = Math.max(1, d.cardinality() - (top > 0 ? 1 : 0));
        if (distinct < slices) {
            // Fewer distinct values than slices: some slices stay empty.
            for (long v = 0; v < distinct; v++) {
                rows[(int) ((v * 7 + 3) % slices)] += rest / distinct + (v < rest % distinct ? 1 : 0);
            }
        } else {
            spreadEvenly(rest, rows, 0, random, true);
        }
    }

    private static void spreadEvenly(long total, long[] rows, int from, SplittableRandom random, boolean hashed) {
        int n = rows.length - from;
        long assigned = 0;
        for (int i = from; i < rows.length; i++) {
            long share = total / n;
            // Hash distribution is never perfectly even: +/-2 % per slice, deterministic per table.
            long jitter = hashed && share > 100 ? (long) (share * (random.nextDouble() * 0.04 - 0.02)) : 0;
            long value = i == rows.length - 1 ? total - assigned : share + jitter;
            rows[i] += value;
            assigned += value;
        }
    }

    private static double bytesPerValue(Scenario.Column c) {
        String type = c.type().toLowerCase(Locale.ROOT);
        double raw;
        Matcher m = VARCHAR.matcher(type);
        if (m.find()) {
            raw = Math.min(Integer.parseInt(m.group(1)), 256) / 3.0;
        } else if (type.startsWith("bigint") || type.startsWith("timestamp") || type.startsWith("double") || type.startsWith("float8")) {
            raw = 8;
        } else if (type.startsWith("decimal") || type.startsWith("numeric")) {
            raw = 8;
        } else if (type.startsWith("smallint") || type.startsWith("bool")) {
            raw = 2;
        } else {
            raw = 4;
        }
        // Compression typically shrinks columns to about a third.
        return ClusterWriter.isRaw(c.encoding()) ? raw : raw / 3;
    }
}
