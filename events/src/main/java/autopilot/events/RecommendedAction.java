package autopilot.events;

import java.util.List;

/**
 * What to do about a finding.
 *
 * @param summary one-line instruction for a person
 * @param sql     exact statements to run, in order; empty when the action is not SQL
 *                (e.g. a WLM parameter-group change)
 * @param runbook where to read more or what to check before acting
 */
public record RecommendedAction(String summary, List<String> sql, String runbook) {
}
