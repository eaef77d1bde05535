package autopilot.console;

import io.quarkus.qute.RawString;
import io.quarkus.qute.TemplateExtension;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The small pieces every console page shows the same way, as Qute template extensions in the {@code console}
 * namespace: {@code {console:severity(f.severity)}}, {@code {console:when(f.lastSeen, now)}}, {@code {console:age(...)}}.
 * Pure functions of their arguments (the page passes its clock's {@code now}), so tests need no clock of the day.
 */
@TemplateExtension(namespace = "console")
public final class Console {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Console() {
    }

    /**
     * A severity as a badge readable without colour: the word itself, plus a class for the colour and a data attribute
     * for tests ({@code <span class="sev sev-critical" data-severity="CRITICAL">CRITICAL</span>}).
     */
    public static RawString severity(String severity) {
        String s = severity == null ? "NONE" : severity.toUpperCase(Locale.ROOT);
        String e = Html.escape(s);
        return new RawString("<span class=\"sev sev-" + e.toLowerCase(Locale.ROOT) + "\" data-severity=\"" + e + "\">" + e + "</span>");
    }

    /**
     * A state word as a badge readable without colour, coloured like a severity of the given tone
     * ({@code critical}, {@code warning}, {@code info}, {@code none}):
     * {@code <span class="sev sev-critical state" data-state="failed">failed</span>}.
     */
    public static RawString badge(String word, String tone) {
        String w = Html.escape(word == null ? "" : word);
        String t = tone == null ? "none" : tone.toLowerCase(Locale.ROOT);
        if (!java.util.List.of("critical", "warning", "info", "none").contains(t)) t = "none";
        return new RawString("<span class=\"sev sev-" + t + " state\" data-state=\"" + w + "\">" + w + "</span>");
    }

    /**
     * A figure as people read it: whole numbers with thousands separators ({@code 1,234,567}), others with two decimals
     * below 100 and none above; an em dash for none.
     */
    public static String number(Number value) {
        if (value == null) return "—";
        double v = value.doubleValue();
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return String.format(Locale.ROOT, "%,d", (long) v);
        return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%,.0f" : "%.2f", v);
    }

    /** An instant in UTC to the minute, e.g. {@code 2026-12-08 03:14 UTC}; an em dash for none. */
    public static String utc(Instant at) {
        return at == null ? "—" : UTC.format(at);
    }

    /** How long before {@code now} an instant was, in the largest sensible unit: {@code 45 s ago}, {@code 3 h ago}, {@code 2 d ago}. */
    public static String age(Instant at, Instant now) {
        if (at == null) return "never";
        Duration d = Duration.between(at, now);
        boolean future = d.isNegative();
        String span = span(d.abs());
        return future ? "in " + span : span + " ago";
    }

    /** A duration in seconds as people read it: {@code 45 s}, {@code 12 min}, {@code 3 h}, {@code 2 d}. */
    public static String duration(Double seconds) {
        return seconds == null ? "—" : span(Duration.ofMillis(Math.round(seconds * 1000)));
    }

    /**
     * An instant as a {@code <time>} element in UTC followed by its age, e.g. {@code 2026-12-08 03:14 UTC (3 h ago)};
     * the exact instant is in {@code datetime} for tools and tests.
     */
    public static RawString when(Instant at, Instant now) {
        if (at == null) return new RawString("<span class=\"when\">never</span>");
        return new RawString("<time class=\"when\" datetime=\"" + at + "\">" + utc(at) + "</time> <span class=\"age\">("
                + age(at, now) + ")</span>");
    }

    private static String span(Duration d) {
        long s = d.getSeconds();
        if (s < 90) return s + " s";
        if (s < 90 * 60) return Math.round(s / 60.0) + " min";
        if (s < 36 * 3600) return Math.round(s / 3600.0) + " h";
        return Math.round(s / 86400.0) + " d";
    }
}
