package autopilot.events;

import jakarta.annotation.Nullable;

/**
 * One measured number behind a finding and, where it applies, the threshold it crossed.
 *
 * @param name      what was measured, e.g. {@code unsorted_pct}
 * @param value     the measurement (null when only {@code detail} applies)
 * @param unit      unit of value and threshold, e.g. {@code %}, {@code ms}, {@code rows}
 * @param threshold the configured threshold, if the measurement was compared to one
 * @param detail    extra text, e.g. the distribution key or the alert's event text
 */
public record Evidence(String name, @Nullable Double value, @Nullable String unit,
                       @Nullable Double threshold, @Nullable String detail) {

    public static Evidence measured(String name, double value, String unit, @Nullable Double threshold) {
        return new Evidence(name, value, unit, threshold, null);
    }

    public static Evidence text(String name, String detail) {
        return new Evidence(name, null, null, null, detail);
    }
}
