package autopilot.analyzer.model;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;

/**
 * One UTC day's usage as far as a snapshot saw it, with its trend and forecast: Serverless in RPU-hours charged,
 * provisioned in concurrency-scaling hours (node-hours are fixed). Pure: the series, the time and the settings in.
 *
 * <p>Trend: the previous {@code trendDays} days the series covers whole, each summed over the same completed hours
 * as today (00:00 to the current hour), averaged; fewer than {@code minHistoryDays} such days and there is no trend.
 * Forecast: what today used so far plus the rest of the day, hour by hour, at the trend's hours scaled by how far
 * today runs above its trend (never below it: a quiet morning promises no quiet evening); without a trend, at the
 * mean of the last three hours known.
 *
 * @param day            the UTC day of the snapshot
 * @param asOf           the snapshot's time
 * @param serverless     RPU-hours (true) or concurrency-scaling hours (false)
 * @param soFar          used since 00:00 UTC, the current hour as far as read
 * @param lastHour       used in the last completed hour; null when that hour is not covered
 * @param completedToday used in today's completed hours (what the trend is compared with)
 * @param completedHours how many of today's hours are complete
 * @param trend          the trend over the same completed hours; null without enough history
 * @param historyDays    how many previous days the trend averages
 * @param forecast       what the whole day will reach
 * @param projection     the forecast's steps after {@code asOf}: each segment's end and the amount it adds
 */
public record UsageDay(LocalDate day, Instant asOf, boolean serverless, double soFar, Double lastHour, double completedToday,
                       int completedHours, Double trend, int historyDays, double forecast, List<Step> projection) {

    private static final Duration HOUR = Duration.ofHours(1);
    private static final int RECENT_HOURS = 3;

    /** A stretch of the forecast: until {@code end} the day adds {@code amount}. */
    public record Step(Instant start, Instant end, double amount) {
    }

    /** Today's usage of the series the cluster kind bills by; null when the series holds nothing. */
    public static UsageDay of(UsageSeries series, boolean serverless, Instant asOf, int trendDays, int minHistoryDays) {
        if (series == null) return null;
        NavigableMap<Instant, Double> seconds = serverless ? series.rpuSeconds() : series.scalingSeconds();
        if (seconds.isEmpty()) return null;
        Instant dayStart = asOf.truncatedTo(ChronoUnit.DAYS);
        Instant dayEnd = dayStart.plus(Duration.ofDays(1));
        Instant currentHour = asOf.truncatedTo(ChronoUnit.HOURS);
        Instant covered = series.coveredFrom();
        double soFar = hours(seconds, dayStart, dayEnd);
        Instant last = currentHour.minus(HOUR);
        Double lastHour = covered.isAfter(last) ? null : hours(seconds, last, currentHour);
        double completed = hours(seconds, dayStart, currentHour);
        int completedHours = (int) Duration.between(dayStart, currentHour).toHours();

        List<Instant> days = new ArrayList<>();
        for (int d = 1; d <= trendDays; d++) {
            Instant start = dayStart.minus(Duration.ofDays(d));
            if (!covered.isAfter(start)) days.add(start);
        }
        boolean trended = days.size() >= minHistoryDays && days.size() > 0;
        Double trend = null;
        if (trended) {
            Duration elapsed = Duration.between(dayStart, currentHour);
            trend = days.stream().mapToDouble(d -> hours(seconds, d, d.plus(elapsed))).average().orElse(0);
        }

        List<Step> steps = new ArrayList<>();
        double inCurrent = hours(seconds, currentHour, currentHour.plus(HOUR));
        if (trended) {
            double factor = trend > 0 ? Math.max(1, completed / trend) : 1;
            for (Instant h = currentHour; h.isBefore(dayEnd); h = h.plus(HOUR)) {
                Instant hour = h;
                double expected = factor * days.stream().mapToDouble(d -> hours(seconds, d.plus(Duration.between(dayStart, hour)),
                        d.plus(Duration.between(dayStart, hour)).plus(HOUR))).average().orElse(0);
                double add = h.equals(currentHour) ? Math.max(0, expected - inCurrent) : expected;
                steps.add(new Step(h.equals(currentHour) ? asOf : h, h.plus(HOUR), add));
            }
        } else {
            double rate = recentRate(seconds, covered, currentHour, asOf, inCurrent);
            for (Instant h = currentHour; h.isBefore(dayEnd); h = h.plus(HOUR)) {
                Instant start = h.equals(currentHour) ? asOf : h;
                steps.add(new Step(start, h.plus(HOUR), rate * Duration.between(start, h.plus(HOUR)).toSeconds() / 3600.0));
            }
        }
        double forecast = soFar + steps.stream().mapToDouble(Step::amount).sum();
        return new UsageDay(dayStart.atOffset(ZoneOffset.UTC).toLocalDate(), asOf, serverless, soFar, lastHour, completed,
                completedHours, trend, days.size(), forecast, List.copyOf(steps));
    }

    /** Per hour: the mean of the last three covered completed hours, else the current hour's pace so far. */
    private static double recentRate(NavigableMap<Instant, Double> seconds, Instant covered, Instant currentHour, Instant asOf,
                                     double inCurrent) {
        double sum = 0;
        int n = 0;
        for (Instant h = currentHour.minus(HOUR); n < RECENT_HOURS && !h.isBefore(covered); h = h.minus(HOUR)) {
            sum += hours(seconds, h, h.plus(HOUR));
            n++;
        }
        if (n > 0) return sum / n;
        long elapsed = Duration.between(currentHour, asOf).toSeconds();
        return elapsed < 300 ? 0 : inCurrent * 3600.0 / elapsed;
    }

    private static double hours(NavigableMap<Instant, Double> seconds, Instant from, Instant to) {
        return UsageSeries.sum(seconds, from, to) / 3600.0;
    }

    /** How many of today's completed hours the trend compares: none without a trend. */
    public boolean hasTrend() {
        return trend != null;
    }

    /**
     * When the day reaches {@code budget}: within today's known hours when it already has (the hour it was passed,
     * from {@code series}), else along the forecast; null when the forecast stays under it.
     */
    public Instant reaches(double budget, NavigableMap<Instant, Double> seconds) {
        Instant dayStart = day.atStartOfDay().toInstant(ZoneOffset.UTC);
        if (soFar >= budget) {
            double cum = 0;
            for (var e : seconds.subMap(dayStart, true, dayStart.plus(Duration.ofDays(1)), false).entrySet()) {
                double add = e.getValue() / 3600.0;
                if (cum + add >= budget && add > 0) {
                    return e.getKey().plusSeconds(Math.round(3600 * (budget - cum) / add));
                }
                cum += add;
            }
            return asOf;
        }
        double cum = soFar;
        for (Step s : projection) {
            if (s.amount() > 0 && cum + s.amount() >= budget) {
                long span = Duration.between(s.start(), s.end()).toSeconds();
                return s.start().plusSeconds(Math.round(span * (budget - cum) / s.amount()));
            }
            cum += s.amount();
        }
        return null;
    }
}
