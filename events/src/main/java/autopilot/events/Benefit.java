package autopilot.events;

/**
 * An estimate of what acting on a finding saves.
 *
 * @param description how it was estimated
 * @param value       the estimated saving
 * @param unit        its unit, e.g. {@code % scan time}, {@code s/day}
 */
public record Benefit(String description, double value, String unit) {
}
