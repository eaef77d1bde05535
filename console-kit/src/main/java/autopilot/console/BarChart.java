package autopilot.console;

import io.quarkus.qute.RawString;
import java.util.ArrayList;
import java.util.List;

/**
 * A bar chart as inline SVG (e.g. queue waits per hour): one bar per labelled value, each with a {@code <title>}
 * that states its label and value, so the numbers are there without colour or a pointer. Hooks for tests:
 * {@code data-chart="bar"}, {@code class="bar"} with {@code data-label} and {@code data-value}.
 */
public final class BarChart {

    /** One bar. */
    public record Bar(String label, double value) {
    }

    private final String id;
    private final String title;
    private final String unit;
    private final List<Bar> bars = new ArrayList<>();
    private Double threshold;
    private String thresholdLabel;

    private BarChart(String id, String title, String unit) {
        this.id = id;
        this.title = title;
        this.unit = unit;
    }

    public static BarChart of(String id, String title, String unit) {
        return new BarChart(id, title, unit);
    }

    public BarChart bar(String label, double value) {
        bars.add(new Bar(label, value));
        return this;
    }

    public BarChart threshold(double value, String label) {
        this.threshold = value;
        this.thresholdLabel = label;
        return this;
    }

    public boolean isEmpty() {
        return bars.isEmpty();
    }

    public RawString svg() {
        double hi = bars.stream().mapToDouble(Bar::value).max().orElse(1);
        if (threshold != null) hi = Math.max(hi, threshold);
        ChartFrame frame = new ChartFrame(0, hi);
        String e = Html.escape(id);
        StringBuilder sb = new StringBuilder(4096);
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart bar-chart\" id=\"").append(e)
                .append("\" role=\"img\" aria-labelledby=\"").append(e).append("-title ").append(e).append("-desc\" viewBox=\"0 0 ")
                .append(ChartFrame.WIDTH).append(' ').append(ChartFrame.HEIGHT).append("\" data-chart=\"bar\" data-bars=\"")
                .append(bars.size()).append("\" font-family=\"sans-serif\">");
        sb.append("<title id=\"").append(e).append("-title\">").append(Html.escape(title)).append("</title>");
        Bar top = bars.stream().max(java.util.Comparator.comparingDouble(Bar::value)).orElse(null);
        sb.append("<desc id=\"").append(e).append("-desc\">").append(bars.size()).append(" bars")
                .append(top == null ? "" : "; highest " + Html.escape(ChartFrame.number(top.value()) + (unit == null ? "" : " " + unit)
                        + " at " + top.label())).append(".</desc>");
        frame.grid(sb, unit);
        double slot = ChartFrame.plotWidth() / Math.max(1, bars.size());
        double width = Math.max(1, slot * 0.8);
        int every = Math.max(1, (int) Math.ceil(bars.size() / 6.0));
        double base = frame.y(0);
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            double x = ChartFrame.LEFT + i * slot + (slot - width) / 2;
            double y = frame.y(b.value());
            sb.append("<rect class=\"bar\" data-label=\"").append(Html.escape(b.label())).append("\" data-value=\"").append(b.value())
                    .append("\" x=\"").append(ChartFrame.f(x)).append("\" y=\"").append(ChartFrame.f(y)).append("\" width=\"")
                    .append(ChartFrame.f(width)).append("\" height=\"").append(ChartFrame.f(Math.max(0, base - y)))
                    .append("\" fill=\"#1f5fa8\"><title>").append(Html.escape(b.label() + ": " + ChartFrame.number(b.value())
                            + (unit == null ? "" : " " + unit))).append("</title></rect>");
            if (i % every == 0) {
                sb.append("<text x=\"").append(ChartFrame.f(x + width / 2)).append("\" y=\"").append(ChartFrame.HEIGHT - ChartFrame.BOTTOM + 16)
                        .append("\" text-anchor=\"middle\" font-size=\"11\" fill=\"#333\">").append(Html.escape(b.label())).append("</text>");
            }
        }
        if (threshold != null) {
            String y = ChartFrame.f(frame.y(threshold));
            sb.append("<line class=\"threshold\" data-threshold=\"").append(threshold).append("\" x1=\"").append(ChartFrame.LEFT)
                    .append("\" x2=\"").append(ChartFrame.WIDTH - ChartFrame.RIGHT).append("\" y1=\"").append(y).append("\" y2=\"").append(y)
                    .append("\" stroke=\"#b00020\" stroke-width=\"1.5\" stroke-dasharray=\"4 4\"/><text x=\"")
                    .append(ChartFrame.WIDTH - ChartFrame.RIGHT - 4).append("\" y=\"").append(ChartFrame.f(frame.y(threshold) - 4))
                    .append("\" text-anchor=\"end\" font-size=\"11\" fill=\"#b00020\">").append(Html.escape(thresholdLabel)).append("</text>");
        }
        return new RawString(sb.append("</svg>").toString());
    }
}
