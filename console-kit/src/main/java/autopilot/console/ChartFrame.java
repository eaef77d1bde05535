package autopilot.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The plotting area every chart shares: its size, the y scale with round ticks, and how numbers are written. */
final class ChartFrame {

    static final int WIDTH = 640;
    static final int HEIGHT = 260;
    static final int LEFT = 60;
    static final int RIGHT = 16;
    static final int TOP = 20;
    static final int BOTTOM = 46;

    final double yMin;
    final double yMax;
    final List<Double> ticks;

    /** A y scale from 0 (or the lowest value, if negative) to a round value above the highest. */
    ChartFrame(double low, double high) {
        double lo = Math.min(0, low);
        double hi = high <= lo ? lo + 1 : high;
        double step = niceStep((hi - lo) / 4);
        this.yMin = Math.floor(lo / step) * step;
        this.yMax = Math.ceil(hi / step) * step;
        List<Double> t = new ArrayList<>();
        for (double v = yMin; v <= yMax + step / 2; v += step) t.add(v);
        this.ticks = t;
    }

    double y(double value) {
        return TOP + (HEIGHT - TOP - BOTTOM) * (1 - (value - yMin) / (yMax - yMin));
    }

    static double plotWidth() {
        return WIDTH - LEFT - RIGHT;
    }

    /** Grid lines and y tick labels. */
    void grid(StringBuilder sb, String unit) {
        sb.append("<g class=\"grid\" stroke=\"#ccc\" stroke-width=\"1\" font-size=\"11\" fill=\"#333\">");
        for (double v : ticks) {
            String y = f(y(v));
            sb.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"").append(y)
                    .append("\" y2=\"").append(y).append("\"/>");
            sb.append("<text stroke=\"none\" x=\"").append(LEFT - 6).append("\" y=\"").append(f(y(v) + 4))
                    .append("\" text-anchor=\"end\">").append(Html.escape(number(v))).append("</text>");
        }
        if (unit != null && !unit.isBlank()) {
            sb.append("<text stroke=\"none\" x=\"4\" y=\"12\">").append(Html.escape(unit)).append("</text>");
        }
        sb.append("</g>");
    }

    /** The smallest of 1, 2, 5 x 10^n at least {@code rough}. */
    static double niceStep(double rough) {
        if (!(rough > 0)) return 1;
        double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
        for (double m : new double[]{1, 2, 5, 10}) {
            if (m * magnitude >= rough) return m * magnitude;
        }
        return 10 * magnitude;
    }

    /** Coordinates to a tenth of a pixel: enough for the eye, short in the page. */
    static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** A value for people: no needless decimals, thousands separated. */
    static String number(double v) {
        if (Math.abs(v) >= 100 || v == Math.rint(v)) return String.format(Locale.ROOT, "%,.0f", v);
        if (Math.abs(v) >= 10) return String.format(Locale.ROOT, "%.1f", v);
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
