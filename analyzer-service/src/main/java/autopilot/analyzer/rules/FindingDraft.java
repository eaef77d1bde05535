package autopilot.analyzer.rules;

import autopilot.events.Benefit;
import autopilot.events.Evidence;
import autopilot.events.FindingCategory;
import autopilot.events.ObjectRef;
import autopilot.events.RecommendedAction;
import autopilot.events.Severity;
import java.util.List;

/**
 * What a rule concluded about one object in one analysis: a finding without its history (first
 * and last seen, fingerprint) which the lifecycle adds.
 *
 * @param work maintenance that would address it, if any (table findings)
 */
public record FindingDraft(FindingCategory category, Severity severity, ObjectRef subject, String title, String explanation,
                           List<Evidence> evidence, RecommendedAction action, Benefit benefit, WorkNeed work) {
}
