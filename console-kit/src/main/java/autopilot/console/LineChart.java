package autopilot.console;

import io.quarkus.qute.RawString;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A line chart over time as inline SVG, drawn on the server from the data: one or more measured series, an optional
 * threshold, and an optional forecast line with its 95 % band. No script: the chart is in the page as it is served,
 * with a {@code <title>} and {@code <desc>} that say in words what it shows, and series told apart by dash pattern
 * and legend text as well as colour. Stable hooks for tests: {@code data-chart="line"}, {@code data-series},
 * {@code class="forecast"}, {@code class="band"}, {@code class="threshold"}.
 */
public final class LineChart {

    /** One observation. */
    public record Point(Instant at, double value) {
    }

    private record Series(String name, List<Point> points, String colour, String dash) {
    }

    private static final String[] COLOURS = {"#1f5fa8", "#a8551f", "#3b7d2a", "#6a3d9a"};
    private static final String[] DASHES = {"", "6 3", "2 3", "8 3 2 3"};
    /** Series with at most this many points get a dot per point (denser ones are lines only). */
    static final int MAX_MARKED = 48;
    private static final DateTimeFormatter TICK = DateTimeFormatter.ofPattern("MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final String id;
    private final String title;
    private final String unit;
    private final List<Series> series = new ArrayList<>();
    private Double threshold;
    private String thresholdLabel;
    private List<Point> forecast = List.of();
    private List<Point> bandLow = List.of();
    private List<Point> bandHigh = List.of();

    private LineChart(String id, String title, String unit) {
        this.id = id;
        this.title = title;
        this.unit = unit;
    }

    /**
     * @param id    the element id (unique in the page; also the prefix of its title's and description's ids)
     * @param title what the chart shows, e.g. {@code public.sales: unsorted % over time}
     * @param unit  the y axis unit, e.g. {@code %}
     */
    public static LineChart of(String id, String title, String unit) {
        return new LineChart(id, title, unit);
    }

    /** A measured series, oldest point first. */
    public LineChart series(String name, List<Point> points) {
        int i = series.size() % COLOURS.length;
        series.add(new Series(name, List.copyOf(points), COLOURS[i], DASHES[i]));
        return this;
    }

    /** A horizontal line at the value findings compare against. */
    public LineChart threshold(double value, String label) {
        this.threshold = value;
        this.thresholdLabel = label;
        return this;
    }

    /**
     * The fitted line continued into the future and its 95 % band (lower and upper edge at the same instants as the
     * line); all three oldest first.
     */
    public LineChart forecast(List<Point> line, List<Point> low, List<Point> high) {
        this.forecast = List.copyOf(line);
        this.bandLow = List.copyOf(low);
        this.bandHigh = List.copyOf(high);
        return this;
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public boolean isEmpty() {
        return series.stream().allMatch(s -> s.points().isEmpty());
    }

    public RawString svg() {
        List<Point> all = Stream.of(series.stream().flatMap(s -> s.points().stream()), forecast.stream(), bandLow.stream(),
                bandHigh.stream()).flatMap(s -> s).filter(p -> Double.isFinite(p.value())).toList();
        long t0 = all.stream().mapToLong(p -> p.at().getEpochSecond()).min().orElse(0);
        long t1 = all.stream().mapToLong(p -> p.at().getEpochSecond()).max().orElse(t0 + 1);
        if (t1 == t0) t1 = t0 + 3600;
        double hi = all.stream().mapToDouble(Point::value).max().orElse(1);
        double lo = all.stream().mapToDouble(Point::value).min().orElse(0);
        if (threshold != null) hi = Math.max(hi, threshold);
        ChartFrame frame = new ChartFrame(lo, hi);
        long from = t0;
        long span = t1 - t0;
        java.util.function.ToDoubleFunction<Instant> x = at -> ChartFrame.LEFT + ChartFrame.plotWidth() * (at.getEpochSecond() - from) / span;

        String e = Html.escape(id);
        StringBuilder sb = new StringBuilder(4096);
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart line-chart\" id=\"").append(e)
                .append("\" role=\"img\" aria-labelledby=\"").append(e).append("-title ").append(e).append("-desc\" viewBox=\"0 0 ")
                .append(ChartFrame.WIDTH).append(' ').append(ChartFrame.HEIGHT).append("\" data-chart=\"line\" data-series=\"")
                .append(Html.escape(String.join(",", series.stream().map(Series::name).toList()))).append("\" data-forecast=\"")
                .append(!forecast.isEmpty()).append("\" font-family=\"sans-serif\">");
        sb.append("<title id=\"").append(e).append("-title\">").append(Html.escape(title)).append("</title>");
        sb.append("<desc id=\"").append(e).append("-desc\">").append(Html.escape(describe(t0, t1))).append("</desc>");
        frame.grid(sb, unit);
        timeTicks(sb, t0, t1, x);
        if (!bandLow.isEmpty() && bandLow.size() == bandHigh.size()) {
            sb.append("<path class=\"band\" data-role=\"band\" fill=\"#a8551f\" fill-opacity=\"0.15\" stroke=\"none\" d=\"");
            for (int i = 0; i < bandHigh.size(); i++) {
                Point p = bandHigh.get(i);
                sb.append(i == 0 ? 'M' : 'L').append(ChartFrame.f(x.applyAsDouble(p.at()))).append(',').append(ChartFrame.f(frame.y(p.value())));
            }
            for (int i = bandLow.size() - 1; i >= 0; i--) {
                Point p = bandLow.get(i);
                sb.append('L').append(ChartFrame.f(x.applyAsDouble(p.at()))).append(',').append(ChartFrame.f(frame.y(p.value())));
            }
            sb.append("Z\"><title>95 % band of the forecast</title></path>");
        }
        if (threshold != null) {
            String y = ChartFrame.f(frame.y(threshold));
            sb.append("<line class=\"threshold\" data-threshold=\"").append(threshold).append("\" x1=\"").append(ChartFrame.LEFT)
                    .append("\" x2=\"").append(ChartFrame.WIDTH - ChartFrame.RIGHT).append("\" y1=\"").append(y).append("\" y2=\"").append(y)
                    .append("\" stroke=\"#b00020\" stroke-width=\"1.5\" stroke-dasharray=\"4 4\"/>");
            sb.append("<text class=\"threshold-label\" x=\"").append(ChartFrame.WIDTH - ChartFrame.RIGHT - 4).append("\" y=\"")
                    .append(ChartFrame.f(frame.y(threshold) - 4)).append("\" text-anchor=\"end\" font-size=\"11\" fill=\"#b00020\">")
                    .append(Html.escape(thresholdLabel)).append("</text>");
        }
        if (!forecast.isEmpty()) {
            polyline(sb, "forecast", "forecast", forecast, "#a8551f", "3 3", x, frame);
        }
        for (Series s : series) {
            polyline(sb, "series", s.name(), s.points(), s.colour(), s.dash(), x, frame);
            if (s.points().size() <= MAX_MARKED) markers(sb, s, x, frame);
        }
        legend(sb);
        return new RawString(sb.append("</svg>").toString());
    }

    private String describe(long t0, long t1) {
        StringBuilder d = new StringBuilder();
        for (Series s : series) {
            if (s.points().isEmpty()) continue;
            Point last = s.points().get(s.points().size() - 1);
            d.append(s.name()).append(": ").append(s.points().size()).append(" points, latest ")
                    .append(ChartFrame.number(last.value())).append(unit == null ? "" : " " + unit).append(". ");
        }
        if (threshold != null) d.append("Threshold ").append(ChartFrame.number(threshold)).append(". ");
        if (!forecast.isEmpty()) d.append("Dashed: the forecast, shaded: its 95 % band. ");
        d.append("From ").append(Console.utc(Instant.ofEpochSecond(t0))).append(" to ").append(Console.utc(Instant.ofEpochSecond(t1))).append('.');
        return d.toString();
    }

    private void timeTicks(StringBuilder sb, long t0, long t1, java.util.function.ToDoubleFunction<Instant> x) {
        sb.append("<g class=\"x-ticks\" font-size=\"11\" fill=\"#333\">");
        int ticks = 4;
        for (int i = 0; i <= ticks; i++) {
            Instant at = Instant.ofEpochSecond(t0 + (t1 - t0) * i / ticks);
            String anchor = i == 0 ? "start" : i == ticks ? "end" : "middle";
            sb.append("<text x=\"").append(ChartFrame.f(x.applyAsDouble(at))).append("\" y=\"").append(ChartFrame.HEIGHT - ChartFrame.BOTTOM + 16)
                    .append("\" text-anchor=\"").append(anchor).append("\">").append(TICK.format(at)).append("</text>");
        }
        sb.append("</g>");
    }

    private static void polyline(StringBuilder sb, String cls, String name, List<Point> points, String colour, String dash,
                                 java.util.function.ToDoubleFunction<Instant> x, ChartFrame frame) {
        sb.append("<polyline class=\"").append(cls).append("\" data-series=\"").append(Html.escape(name)).append("\" data-points=\"")
                .append(points.size()).append("\" fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"2\"");
        if (!dash.isEmpty()) sb.append(" stroke-dasharray=\"").append(dash).append('"');
        sb.append(" points=\"");
        for (Point p : points) {
            if (!Double.isFinite(p.value())) continue;
            sb.append(ChartFrame.f(x.applyAsDouble(p.at()))).append(',').append(ChartFrame.f(frame.y(p.value()))).append(' ');
        }
        sb.append("\"/>");
    }

    /** A dot per measured point, with its time and value as a tooltip: a series of one point has no line to show. */
    private void markers(StringBuilder sb, Series s, java.util.function.ToDoubleFunction<Instant> x, ChartFrame frame) {
        for (Point p : s.points()) {
            if (!Double.isFinite(p.value())) continue;
            sb.append("<circle class=\"point\" data-series=\"").append(Html.escape(s.name())).append("\" cx=\"")
                    .append(ChartFrame.f(x.applyAsDouble(p.at()))).append("\" cy=\"").append(ChartFrame.f(frame.y(p.value())))
                    .append("\" r=\"3.5\" fill=\"").append(s.colour()).append("\"><title>").append(Console.utc(p.at())).append(": ")
                    .append(ChartFrame.number(p.value())).append(unit == null ? "" : " " + Html.escape(unit)).append("</title></circle>");
        }
    }

    private void legend(StringBuilder sb) {
        sb.append("<g class=\"legend\" font-size=\"11\" fill=\"#333\">");
        double lx = ChartFrame.LEFT;
        double ly = ChartFrame.HEIGHT - 10;
        List<String[]> items = new ArrayList<>();
        for (Series s : series) items.add(new String[]{s.name(), s.colour(), s.dash()});
        if (!forecast.isEmpty()) items.add(new String[]{"forecast (95 % band shaded)", "#a8551f", "3 3"});
        for (String[] item : items) {
            sb.append("<line x1=\"").append(ChartFrame.f(lx)).append("\" x2=\"").append(ChartFrame.f(lx + 18)).append("\" y1=\"")
                    .append(ChartFrame.f(ly - 4)).append("\" y2=\"").append(ChartFrame.f(ly - 4)).append("\" stroke=\"").append(item[1])
                    .append("\" stroke-width=\"2\"");
            if (!item[2].isEmpty()) sb.append(" stroke-dasharray=\"").append(item[2]).append('"');
            sb.append("/><text x=\"").append(ChartFrame.f(lx + 22)).append("\" y=\"").append(ChartFrame.f(ly)).append("\">")
                    .append(Html.escape(item[0])).append("</text>");
            lx += 34 + 6.5 * item[0].length();
        }
        sb.append("</g>");
    }
}
