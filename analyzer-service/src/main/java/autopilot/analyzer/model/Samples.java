package autopilot.analyzer.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A few exact measurements (scan seconds of one table and scan type), kept in arrival order up to
 * a cap, for medians that must be exact on small counts (AQUA's first touch is one scan; its
 * steady state a handful). Beyond the cap only the count grows.
 */
public final class Samples {

    static final int CAP = 512;
    /** Null until the first value: a table has four of these per hour, and most stay empty. */
    private List<Double> values;
    private long count;

    public Samples() {
        this(null, 0);
    }

    private Samples(List<Double> values, long count) {
        this.values = values;
        this.count = count;
    }

    public void add(double value) {
        count++;
        if (values == null) values = new ArrayList<>();
        if (values.size() < CAP) {
            values.add(value);
        }
    }

    public void addAll(Samples other) {
        for (double v : other.values()) {
            if (values == null) values = new ArrayList<>();
            if (values.size() < CAP) values.add(v);
        }
        count += other.count;
    }

    public long count() {
        return count;
    }

    public List<Double> values() {
        return values == null ? List.of() : values;
    }

    /** The median of the kept values; NaN when empty. */
    public double median() {
        if (values().isEmpty()) return Double.NaN;
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    @JsonValue
    public Object[] json() {
        return new Object[]{count, values()};
    }

    @JsonCreator
    public static Samples of(Object[] json) {
        List<Double> values = new ArrayList<>();
        for (Object o : (List<?>) json[1]) values.add(((Number) o).doubleValue());
        return new Samples(values, ((Number) json[0]).longValue());
    }

    @Override
    public String toString() {
        return count + Arrays.toString(values().toArray());
    }
}
