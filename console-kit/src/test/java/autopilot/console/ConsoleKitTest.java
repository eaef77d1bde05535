package autopilot.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The shared pieces on their own: words for people, escaping, page links, and the SVG the charts draw. */
class ConsoleKitTest {

    private static final Instant NOW = Instant.parse("2026-12-08T03:14:00Z");

    @Test
    void timesAreUtcWithTheirAgeAndSeveritiesAreWords() {
        assertThat(Console.utc(NOW)).isEqualTo("2026-12-08 03:14 UTC");
        assertThat(Console.age(NOW.minusSeconds(3 * 3600), NOW)).isEqualTo("3 h ago");
        assertThat(Console.age(NOW.minusSeconds(45), NOW)).isEqualTo("45 s ago");
        assertThat(Console.age(NOW.minusSeconds(3 * 86400), NOW)).isEqualTo("3 d ago");
        assertThat(Console.when(NOW, NOW.plusSeconds(600)).getValue())
                .isEqualTo("<time class=\"when\" datetime=\"2026-12-08T03:14:00Z\">2026-12-08 03:14 UTC</time> <span class=\"age\">(10 min ago)</span>");
        assertThat(Console.severity("critical").getValue())
                .isEqualTo("<span class=\"sev sev-critical\" data-severity=\"CRITICAL\">CRITICAL</span>");
        assertThat(Console.severity("<x>").getValue()).doesNotContain("<x>");
    }

    @Test
    void pagesLinkToTheirNeighboursKeepingTheOtherParameters() {
        Pager p = new Pager(2, 50, 7_313);
        assertThat(p.pages()).isEqualTo(147);
        assertThat(p.offset()).isEqualTo(50);
        String nav = p.links("/console/clusters/c 1", Map.of("severity", "WARNING")).getValue();
        assertThat(nav).contains("href=\"/console/clusters/c 1?severity=WARNING&amp;page=1\"")
                .contains("href=\"/console/clusters/c 1?severity=WARNING&amp;page=3\"").contains("rows 51–100 of 7313");
        assertThat(new Pager(999, 50, 10).page()).as("clamped to the last page").isEqualTo(1);
        assertThat(Links.segments("c1/unsorted_region/table:dev.public.my table")).isEqualTo("c1/unsorted_region/table%3Adev.public.my%20table");
    }

    @Test
    void aLineChartDrawsSeriesThresholdForecastAndBandWithATextDescription() {
        List<LineChart.Point> points = List.of(new LineChart.Point(NOW.minusSeconds(7200), 10), new LineChart.Point(NOW.minusSeconds(3600), 12),
                new LineChart.Point(NOW, 14));
        String svg = LineChart.of("c", "sales <unsorted>", "%").series("unsorted %", points).threshold(20, "threshold 20")
                .forecast(List.of(new LineChart.Point(NOW, 14), new LineChart.Point(NOW.plusSeconds(3 * 3600), 20)),
                        List.of(new LineChart.Point(NOW, 13), new LineChart.Point(NOW.plusSeconds(3 * 3600), 18)),
                        List.of(new LineChart.Point(NOW, 15), new LineChart.Point(NOW.plusSeconds(3 * 3600), 22))).svg().getValue();
        assertThat(svg).startsWith("<svg").endsWith("</svg>").contains("role=\"img\"").contains("<title id=\"c-title\">sales &lt;unsorted&gt;</title>")
                .contains("unsorted %: 3 points, latest 14 %").contains("class=\"forecast\"").contains("class=\"band\"")
                .contains("data-threshold=\"20.0\"").contains("data-forecast=\"true\"");
        assertThat(svg.split("class=\"point\"", -1)).as("a dot per measured point").hasSize(4);
        String single = LineChart.of("one", "one snapshot", "%").series("unsorted %", List.of(new LineChart.Point(NOW, 70))).svg().getValue();
        assertThat(single).as("a single point shows as a dot").contains("<circle class=\"point\"").contains(">2026-12-08 03:14 UTC: 70 %</title>");
        String bars = BarChart.of("b", "waits", "s").bar("09:00", 1.5).bar("10:00", 12).svg().getValue();
        assertThat(bars).contains("data-chart=\"bar\"").contains("data-label=\"10:00\" data-value=\"12.0\"").contains("highest 12 s at 10:00");
    }

    @Test
    void aBaseAddressMustBeAbsoluteHttp() {
        assertThat(ConsoleConfig.checked(Optional.of("https://autopilot.example.com/"))).contains("https://autopilot.example.com");
        assertThat(ConsoleConfig.checked(Optional.empty())).isEmpty();
        assertThatThrownBy(() -> ConsoleConfig.checked(Optional.of("autopilot.example.com"))).hasMessageContaining("autopilot.console.base-url");
        assertThatThrownBy(() -> ConsoleConfig.checked(Optional.of("ftp://x/"))).hasMessageContaining("autopilot.console.base-url");
    }

    @Test
    void stateBadgesAndFiguresReadWithoutColour() {
        assertThat(Console.badge("failed", "critical").getValue())
                .isEqualTo("<span class=\"sev sev-critical state\" data-state=\"failed\">failed</span>");
        assertThat(Console.badge("<open>", "bogus").getValue()).contains("sev-none").doesNotContain("<open>");
        assertThat(Console.number(1_234_567L)).isEqualTo("1,234,567");
        assertThat(Console.number(63.456)).isEqualTo("63.46");
        assertThat(Console.number(1234.5)).isEqualTo("1,235");
        assertThat(Console.number(null)).isEqualTo("—");
        assertThat(Console.when(NOW.plusSeconds(3 * 3600), NOW).getValue()).contains("(in 3 h)");
    }

    @Test
    void badParametersSayWhatWasExpected() {
        assertThat(Params.page(null)).isEqualTo(1);
        assertThat(Params.page(" 3 ")).isEqualTo(3);
        assertThat(Params.size(null, 50, 500)).isEqualTo(50);
        assertThat(Params.oneOf("state", "FAILED", List.of("completed", "failed"))).isEqualTo("failed");
        assertThat(Params.oneOf("state", "", List.of("completed"))).isNull();
        assertThat(Params.text("  c1 ")).isEqualTo("c1");
        assertThatThrownBy(() -> Params.page("0")).isInstanceOf(Params.BadParameter.class).hasMessage("page must be a whole number from 1, was 0");
        assertThatThrownBy(() -> Params.size("501", 50, 500)).hasMessage("size must be a whole number from 1 to 500, was 501");
        assertThatThrownBy(() -> Params.oneOf("severity", "loud", Params.names(Sev.class)))
                .hasMessage("severity must be one of [CRITICAL, WARNING], was loud")
                .satisfies(e -> assertThat(((Params.BadParameter) e).heading()).isEqualTo("Unknown severity"));
    }

    private enum Sev { CRITICAL, WARNING }
}
