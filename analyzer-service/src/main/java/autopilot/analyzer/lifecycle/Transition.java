package autopilot.analyzer.lifecycle;

import autopilot.events.Finding;
import autopilot.events.Severity;

/** What one analysis did to one finding. */
public sealed interface Transition {

    Finding finding();

    /** First seen now. */
    record Raised(Finding finding) implements Transition {
    }

    /** Still there, and its severity or headline changed: subscribers hear about it. */
    record Updated(Finding finding, Severity previousSeverity) implements Transition {
    }

    /** Still there, nothing a subscriber needs to hear: evidence and last-seen are refreshed in state only. */
    record Refreshed(Finding finding) implements Transition {
    }

    /** No longer shown by data that could show it. */
    record Resolved(Finding finding, String reason) implements Transition {
    }
}
