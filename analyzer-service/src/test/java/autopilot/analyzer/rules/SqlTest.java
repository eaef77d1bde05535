package autopilot.analyzer.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SqlTest {

    /** What {@link Sql#num} printed before it stopped calling String.format for each figure. */
    private static String formatted(double value) {
        return value >= 10 || value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value)
                : String.format(Locale.ROOT, "%.1f", value);
    }

    @Test
    void figuresPrintAsStringFormatPrintsThem() {
        List<Double> values = new ArrayList<>(List.of(0.0, -0.0, 0.05, 0.15, 0.25, 0.35, 0.45, 0.95, 1.45, 2.675, 9.95, 9.94999,
                9.96, 10.0, 10.5, 11.5, 12.49999999, 99.5, 100.0, 1e15, 1.5e15, 1e20, 123456789.5, -0.04, -0.05, -0.5, -2.5,
                -12.5, -9.96, 1e-9, -1e-9, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE,
                Double.MAX_VALUE));
        Random random = new Random(7);
        for (int i = 0; i < 200_000; i++) {
            double scale = Math.pow(10, random.nextInt(12) - 4);
            double v = random.nextDouble() * scale * (random.nextBoolean() ? 1 : -1);
            values.add(v);
            values.add(Math.round(v * 100) / 100.0); // two decimals: halves that round at the first
            values.add(Math.round(v * 10) / 10.0 + 0.05);
        }
        for (double v : values) {
            assertThat(Sql.num(v)).as("num(%s)", v).isEqualTo(formatted(v));
        }
    }
}
