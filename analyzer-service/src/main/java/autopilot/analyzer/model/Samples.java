package autopilot.analyzer.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;

/**
 * A few exact measurements (scan seconds of one table and scan type), kept in arrival order up to
 * a cap, for medians that must be exact on small counts (AQUA's first touch is one scan; its
 * steady state a handful). Beyond the cap only the count grows.
 */
public final class Samples {

    static final int CAP = 512;
    private static final double[] NONE = {};
    /**
     * The first {@link #kept} of these are the kept values: primitive, as every scan of every table adds one,
     * and boxed they were most of a table's usage in the heap. Empty until the first value: a table has four
     * of these per hour, and most stay empty.
     */
    private double[] values;
    private int kept;
    private long count;

    public Samples() {
        this(NONE, 0);
    }

    private Samples(double[] values, long count) {
        this.values = values;
        this.kept = values.length;
        this.count = count;
    }

    public void add(double value) {
        count++;
        keep(value);
    }

    public void addAll(Samples other) {
        for (int i = 0; i < other.kept; i++) keep(other.values[i]);
        count += other.count;
    }

    private void keep(double value) {
        if (kept >= CAP) return;
        if (kept == values.length) values = Arrays.copyOf(values, Math.min(CAP, Math.max(4, kept * 2)));
        values[kept++] = value;
    }

    public long count() {
        return count;
    }

    public List<Double> values() {
        return Arrays.stream(values, 0, kept).boxed().toList();
    }

    /** The median of the kept values; NaN when empty. */
    public double median() {
        if (kept == 0) return Double.NaN;
        double[] sorted = Arrays.copyOf(values, kept);
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    @JsonValue
    public Object[] json() {
        return new Object[]{count, values()};
    }

    @JsonCreator
    public static Samples of(Object[] json) {
        List<?> kept = (List<?>) json[1];
        double[] values = new double[kept.size()];
        for (int i = 0; i < values.length; i++) values[i] = ((Number) kept.get(i)).doubleValue();
        return new Samples(values, ((Number) json[0]).longValue());
    }

    @Override
    public String toString() {
        return count + Arrays.toString(values().toArray());
    }
}
