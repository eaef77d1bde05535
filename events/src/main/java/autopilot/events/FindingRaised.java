package autopilot.events;

/** A problem was seen for the first time (or again after it had been resolved). */
public record FindingRaised(Finding finding) implements EventPayload {
}
