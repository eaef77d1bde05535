package autopilot.analyzer.rules;

import autopilot.events.Attribution;
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
 * @param work        maintenance that would address it, if any (table findings)
 * @param attribution who causes it (users, query groups, queues), largest share first; empty when not workload
 */
public record FindingDraft(FindingCategory category, Severity severity, ObjectRef subject, String title, String explanation,
                           List<Evidence> evidence, RecommendedAction action, Benefit benefit, WorkNeed work,
                           List<Attribution> attribution) {

    public FindingDraft {
        attribution = attribution == null ? List.of() : List.copyOf(attribution);
    }

    /** A draft nobody in particular causes (table design, table health, on-call state). */
    public FindingDraft(FindingCategory category, Severity severity, ObjectRef subject, String title, String explanation,
                        List<Evidence> evidence, RecommendedAction action, Benefit benefit, WorkNeed work) {
        this(category, severity, subject, title, explanation, evidence, action, benefit, work, List.of());
    }

    /** The same draft naming who causes it. */
    public FindingDraft withAttribution(List<Attribution> contributors) {
        return new FindingDraft(category, severity, subject, title, explanation, evidence, action, benefit, work, contributors);
    }
}
