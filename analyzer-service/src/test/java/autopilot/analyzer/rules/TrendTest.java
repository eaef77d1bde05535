package autopilot.analyzer.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The forecast's arithmetic on synthetic histories with a known trend. Stated error: over 50 noisy
 * histories (48 hourly points from 5 %, 3 points a day of growth, Gaussian noise of 0.3 points: about 3 days to 20 %) the predicted
 * crossing lands within 10 % of the true time, and the true time lies inside the 95 % interval in at
 * least 90 % of them.
 */
class TrendTest {

    static final long NOW = 1_800_000_000L;
    static final long HOUR = 3600;

    /** Hourly points ending now: value = start + slope * days, plus noise. */
    static long[] times(int n) {
        long[] t = new long[n];
        for (int i = 0; i < n; i++) t[i] = NOW - (n - 1 - i) * HOUR;
        return t;
    }

    static double[] line(long[] t, double start, double slopePerDay, double noise, Random random) {
        double[] v = new double[t.length];
        for (int i = 0; i < t.length; i++) v[i] = start + slopePerDay * (t[i] - t[0]) / 86_400.0 + noise * random.nextGaussian();
        return v;
    }

    @Test
    void aNoisyLinearTrendIsForecastWithinTenPercentOfTheTrueCrossing() {
        double worst = 0;
        int covered = 0;
        int runs = 50;
        for (int seed = 0; seed < runs; seed++) {
            long[] t = times(48);
            double[] v = line(t, 5, 3, 0.3, new Random(seed));
            // The true line is at 5 + 3 * 47/24 now; it reaches 20 after (20 - that) / 3 days.
            double trueDays = (20 - (5 + 3 * 47 / 24.0)) / 3;
            Trend trend = Trend.fit(t, v, null, NOW, 20, 6, 0.7);
            assertThat(trend).isNotNull();
            assertThat(trend.points()).isEqualTo(48);
            double error = Math.abs(trend.days() - trueDays) / trueDays;
            worst = Math.max(worst, error);
            if (trend.lowDays() <= trueDays && trueDays <= trend.highDays()) covered++;
            assertThat(trend.lowDays()).isLessThanOrEqualTo(trend.days());
            assertThat(trend.highDays()).isGreaterThanOrEqualTo(trend.days());
        }
        System.out.printf("forecast: worst relative error of the crossing over %d noisy histories %.1f %%, true time inside the"
                + " 95 %% interval in %d%n", runs, 100 * worst, covered);
        assertThat(worst).isLessThan(0.10);
        assertThat(covered).isGreaterThanOrEqualTo(45);
    }

    @Test
    void onlyPointsSinceTheLastVacuumAreFitted() {
        long[] t = times(40);
        double[] v = new double[40];
        Random random = new Random(3);
        for (int i = 0; i < 40; i++) {
            v[i] = i < 20 ? 2 + 0.8 * i + 0.2 * random.nextGaussian() // climbs to ~17, slope 19 a day
                    : 0.5 + 0.25 * (i - 20) + 0.1 * random.nextGaussian(); // after the VACUUM: 6 a day
        }
        Trend trend = Trend.fit(t, v, null, NOW, 20, 6, 0.7);
        assertThat(trend.fromIndex()).isEqualTo(20);
        assertThat(trend.points()).isEqualTo(20);
        assertThat(trend.slopePerDay()).isCloseTo(6, org.assertj.core.data.Offset.offset(0.6));
        double trueDays = (20 - (0.5 + 0.25 * 19)) / 6;
        assertThat(Math.abs(trend.days() - trueDays) / trueDays).isLessThan(0.10);
    }

    @Test
    void theLastMaintenanceAlsoStartsTheFitEvenWithoutAVisibleDrop() {
        long[] t = times(30);
        double[] v = line(t, 1, 3, 0.05, new Random(1));
        assertThat(Trend.fit(t, v, t[20], NOW, 20, 6, 0.7).fromIndex()).isEqualTo(20);
        assertThat(Trend.fit(t, v, t[26], NOW, 20, 6, 0.7)).as("4 points after the maintenance are too few").isNull();
    }

    @Test
    void flatOrFallingMetricsHaveNoForecast() {
        long[] t = times(48);
        assertThat(Trend.fit(t, line(t, 8, 0, 0.3, new Random(1)), null, NOW, 20, 6, 0.7)).isNull();
        assertThat(Trend.fit(t, line(t, 15, -1, 0.1, new Random(1)), null, NOW, 20, 6, 0.7)).isNull();
    }

    @Test
    void fewPointsOrAPoorFitHaveNoForecast() {
        long[] t = times(5);
        assertThat(Trend.fit(t, line(t, 5, 10, 0.01, new Random(1)), null, NOW, 20, 6, 0.7)).isNull();
        long[] many = times(48);
        assertThat(Trend.fit(many, line(many, 5, 1, 3, new Random(2)), null, NOW, 20, 6, 0.7)).as("noise dwarfs the trend").isNull();
    }

    @Test
    void missingValuesAreSkipped() {
        long[] t = times(12);
        double[] v = line(t, 5, 4, 0.01, new Random(1));
        v[3] = Double.NaN;
        Trend trend = Trend.fit(t, v, null, NOW, 20, 6, 0.7);
        assertThat(trend.points()).isEqualTo(11);
        assertThat(trend.slopePerDay()).isCloseTo(4, org.assertj.core.data.Offset.offset(0.1));
    }
}
