package autopilot.events;

/**
 * A problem persists and its evidence or severity changed.
 *
 * @param finding          the refreshed finding
 * @param previousSeverity its severity before this update
 */
public record FindingUpdated(Finding finding, Severity previousSeverity) implements EventPayload {
}
