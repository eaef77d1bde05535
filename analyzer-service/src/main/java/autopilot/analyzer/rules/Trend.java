package autopilot.analyzer.rules;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * A straight line through a metric's observations since its last reset (VACUUM or ANALYZE brings
 * it down), fitted by ordinary least squares, and when it crosses a threshold. The 95 % interval of
 * the crossing inverts the line's 95 % confidence band: the earliest time its upper edge reaches the
 * threshold and the time its lower edge does. Pure arithmetic; times in days.
 *
 * @param points      observations fitted
 * @param fromIndex   index of the first fitted observation (after the last reset)
 * @param slopePerDay fitted growth, metric units per day
 * @param r2          coefficient of determination of the fit
 * @param days        days from now until the line crosses the threshold (0 if it already has)
 * @param lowDays     early end of the 95 % interval, days from now
 * @param highDays    late end of the 95 % interval, days from now; infinite when the band never closes
 */
public record Trend(int points, int fromIndex, double slopePerDay, double r2, double days, double lowDays, double highDays) {

    private static final double DAY = 86_400;

    /**
     * The trend of {@code values} since the last reset, or null when there is none worth a forecast: too few points,
     * a fit under {@code minR2}, or growth not distinguishable from zero at 95 %.
     *
     * @param resetAfter epoch second of the last maintenance that resets the metric (points before it are ignored), or null
     */
    static Trend fit(long[] epochSeconds, double[] values, Long resetAfter, long now, double threshold, int minPoints, double minR2) {
        Line line = Line.fit(epochSeconds, values, resetAfter, minPoints, minR2);
        if (line == null) return null;
        double xNow = (now - line.origin) / DAY;
        double cross = Math.max(xNow, (threshold - line.intercept) / line.slope);
        double low = firstReaching(x -> line.at(x) + line.halfBand(x), threshold, xNow, cross);
        double limit = cross + Math.max(30, 10 * (cross - xNow));
        double high = line.at(limit) - line.halfBand(limit) < threshold ? Double.POSITIVE_INFINITY
                : firstReaching(x -> line.at(x) - line.halfBand(x), threshold, cross, limit);
        return new Trend(line.n, line.from, line.slope, line.r2, cross - xNow, low - xNow, high - xNow);
    }

    /**
     * The fitted line and its 95 % confidence band, as {@link #fit} judges them, at the given instants: what a chart
     * draws (the console's finding page). Null when {@link #fit} would give no forecast.
     *
     * @return three arrays (line, lower edge, upper edge) of {@code at}'s length
     */
    public static double[][] band(long[] epochSeconds, double[] values, Long resetAfter, int minPoints, double minR2, long[] at) {
        Line line = Line.fit(epochSeconds, values, resetAfter, minPoints, minR2);
        if (line == null) return null;
        double[][] out = new double[3][at.length];
        for (int i = 0; i < at.length; i++) {
            double x = (at[i] - line.origin) / DAY;
            out[0][i] = line.at(x);
            out[1][i] = line.at(x) - line.halfBand(x);
            out[2][i] = line.at(x) + line.halfBand(x);
        }
        return out;
    }

    /** The least-squares line since the last reset and what its 95 % band needs; x in days from {@code origin}. */
    private record Line(int from, long origin, int n, double slope, double intercept, double r2, double t, double s, double meanX,
                        double sxx) {

        /** Null when there is no forecast worth drawing: too few points, a poor fit, or growth not distinct from zero. */
        static Line fit(long[] epochSeconds, double[] values, Long resetAfter, int minPoints, double minR2) {
            int from = resetIndex(epochSeconds, values, resetAfter);
            if (epochSeconds.length == 0) return null;
            SimpleRegression regression = new SimpleRegression();
            long origin = epochSeconds[from < epochSeconds.length ? from : 0];
            double sumX = 0;
            for (int i = from; i < values.length; i++) {
                if (Double.isNaN(values[i])) continue;
                double x = (epochSeconds[i] - origin) / DAY;
                regression.addData(x, values[i]);
                sumX += x;
            }
            long n = regression.getN();
            if (n < Math.max(3, minPoints)) return null;
            double slope = regression.getSlope();
            double r2 = regression.getRSquare();
            if (!(slope > 0) || !(r2 >= minR2)) return null;
            double t = new TDistribution(n - 2).inverseCumulativeProbability(0.975);
            if (slope <= t * regression.getSlopeStdErr()) return null;
            return new Line(from, origin, (int) n, slope, regression.getIntercept(), r2, t, Math.sqrt(regression.getMeanSquareError()),
                    sumX / n, regression.getXSumSquares());
        }

        double at(double x) {
            return intercept + slope * x;
        }

        double halfBand(double x) {
            return t * s * Math.sqrt(1.0 / n + (x - meanX) * (x - meanX) / sxx);
        }
    }

    /**
     * Index of the first observation after the last reset: a drop of more than a fifth of the previous value and at least
     * one percentage point (growth with noise does not fall that far), or the last maintenance.
     */
    static int resetIndex(long[] epochSeconds, double[] values, Long resetAfter) {
        int from = 0;
        double previous = Double.NaN;
        for (int i = 0; i < values.length; i++) {
            if (resetAfter != null && epochSeconds[i] < resetAfter) from = i + 1;
            if (Double.isNaN(values[i])) continue;
            if (!Double.isNaN(previous) && previous - values[i] > Math.max(1, previous / 5)) from = Math.max(from, i);
            previous = values[i];
        }
        return from;
    }

    /** Smallest x in [lo, hi] where the increasing function f reaches the target (lo when it already has). */
    private static double firstReaching(java.util.function.DoubleUnaryOperator f, double target, double lo, double hi) {
        if (f.applyAsDouble(lo) >= target) return lo;
        for (int i = 0; i < 60; i++) {
            double mid = (lo + hi) / 2;
            if (f.applyAsDouble(mid) >= target) hi = mid;
            else lo = mid;
        }
        return hi;
    }
}
