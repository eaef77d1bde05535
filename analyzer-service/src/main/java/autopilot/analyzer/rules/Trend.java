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
record Trend(int points, int fromIndex, double slopePerDay, double r2, double days, double lowDays, double highDays) {

    private static final double DAY = 86_400;

    /**
     * The trend of {@code values} since the last reset, or null when there is none worth a forecast: too few points,
     * a fit under {@code minR2}, or growth not distinguishable from zero at 95 %.
     *
     * @param resetAfter epoch second of the last maintenance that resets the metric (points before it are ignored), or null
     */
    static Trend fit(long[] epochSeconds, double[] values, Long resetAfter, long now, double threshold, int minPoints, double minR2) {
        int from = resetIndex(epochSeconds, values, resetAfter);
        SimpleRegression regression = new SimpleRegression();
        long origin = epochSeconds.length == 0 ? now : epochSeconds[from < epochSeconds.length ? from : 0];
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
        double meanX = sumX / n;
        double s = Math.sqrt(regression.getMeanSquareError());
        double sxx = regression.getXSumSquares();
        double intercept = regression.getIntercept();
        double xNow = (now - origin) / DAY;
        java.util.function.DoubleUnaryOperator band = x -> t * s * Math.sqrt(1.0 / n + (x - meanX) * (x - meanX) / sxx);
        double cross = Math.max(xNow, (threshold - intercept) / slope);
        double low = firstReaching(x -> intercept + slope * x + band.applyAsDouble(x), threshold, xNow, cross);
        double limit = cross + Math.max(30, 10 * (cross - xNow));
        double high = intercept + slope * limit - band.applyAsDouble(limit) < threshold ? Double.POSITIVE_INFINITY
                : firstReaching(x -> intercept + slope * x - band.applyAsDouble(x), threshold, cross, limit);
        return new Trend((int) n, from, slope, r2, cross - xNow, low - xNow, high - xNow);
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
