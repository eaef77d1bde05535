package autopilot.collector.source;

import java.time.Instant;

/**
 * The time range an incremental read covers: rows with event time in ({@code from}, {@code to}].
 *
 * @param from exclusive lower bound: the last watermark published
 * @param to   inclusive upper bound: what this cycle will publish as the new watermark
 */
public record Window(Instant from, Instant to) {
    public Window {
        if (!to.isAfter(from) && !to.equals(from)) {
            throw new IllegalArgumentException("window ends before it starts: " + from + " .. " + to);
        }
    }
}
