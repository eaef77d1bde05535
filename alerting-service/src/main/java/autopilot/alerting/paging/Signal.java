package autopilot.alerting.paging;

import autopilot.events.Severity;

/**
 * Something on-call should hear about (a problem started) or hear the end of (it resolved), taken
 * from one inbound event. Whether it becomes a page is decided against the fingerprint's history.
 *
 * @param type        problem or resolution
 * @param clusterId   the cluster
 * @param fingerprint stable identity of the problem (the finding's fingerprint, or one derived for outcomes and gaps)
 * @param severity    severity for the page and its {@code severity} attribute
 * @param category    category for the page and its {@code category} attribute
 * @param title       one line naming the problem (goes into the subject)
 * @param body        evidence, recommended action and runbook line
 * @param eventType   the event it came from (for the suppressed-repeats log)
 */
public record Signal(Type type, String clusterId, String fingerprint, Severity severity, String category,
                     String title, String body, String eventType) {

    /** A problem starts, or it ends. */
    public enum Type { PROBLEM, RESOLUTION }
}
