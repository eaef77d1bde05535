package autopilot.events;

/** How urgent a finding is: critical pages on-call, warning and info only inform. */
public enum Severity {
    CRITICAL,
    WARNING,
    INFO
}
