package autopilot.events;

import jakarta.annotation.Nullable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A problem the analyzer found, with the numbers that justify it and what to do.
 *
 * @param fingerprint       stable id: cluster + category + object; the same problem keeps it for life
 * @param category          kind of problem
 * @param severity          current severity
 * @param subject           the object concerned
 * @param title             short headline, e.g. {@code Table public.sales is 63% unsorted}
 * @param explanation       plain explanation for a person who is not a Redshift expert
 * @param evidence          measured numbers and thresholds crossed
 * @param action            the recommended action, if any
 * @param benefit           estimated benefit, where it can be estimated
 * @param firstSeen         when the problem was first seen
 * @param lastSeen          when the latest snapshot still showed it
 * @param snapshotId        snapshot the current evidence comes from
 * @param attribution       the users, query groups or queues that cause a workload finding, largest share
 *                          first (null or empty when the finding is not about the workload)
 * @param link              the finding's page on the analyzer's console, when the analyzer knows its address
 *                          ({@code autopilot.console.base-url}); null otherwise
 */
public record Finding(
        String fingerprint,
        FindingCategory category,
        Severity severity,
        ObjectRef subject,
        String title,
        String explanation,
        List<Evidence> evidence,
        @Nullable RecommendedAction action,
        @Nullable Benefit benefit,
        Instant firstSeen,
        Instant lastSeen,
        @Nullable UUID snapshotId,
        @Nullable List<Attribution> attribution,
        @Nullable String link) {

    /** The same finding pointing at its console page (or at none, for null). */
    public Finding withLink(@Nullable String link) {
        return new Finding(fingerprint, category, severity, subject, title, explanation, evidence, action, benefit, firstSeen,
                lastSeen, snapshotId, attribution, link);
    }

    /** The fingerprint for a category and object on a cluster. */
    public static String fingerprint(String clusterId, FindingCategory category, ObjectRef subject) {
        return clusterId + "/" + category.name().toLowerCase() + "/" + subject.key();
    }
}
