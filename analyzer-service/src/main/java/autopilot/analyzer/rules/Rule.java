package autopilot.analyzer.rules;

import autopilot.events.FindingCategory;
import java.util.List;
import java.util.Set;

/**
 * One family of findings, as a pure function of what is known about a cluster. A rule is only
 * evaluated when the data it needs is in scope, and only then can its open findings be resolved.
 */
public interface Rule {

    /** What data a rule needs. */
    enum Scope {
        /** Table health (SVV_TABLE_INFO and friends); may also use the workload window for weight. */
        TABLES,
        /** The workload window (queries, scans, alerts, ...). */
        WORKLOAD
    }

    Scope scope();

    /** Categories this rule raises (and so may resolve when evaluated). */
    Set<FindingCategory> categories();

    /**
     * Sources that must all be in the snapshot for the rule to run, beside its scope (the on-call sources: a Serverless
     * snapshot has no {@code disk}, and a disk finding must neither be raised nor resolved from it). None by default.
     */
    default Set<String> sources() {
        return Set.of();
    }

    /**
     * Whether what the rule needs beyond its scope and sources is known; when not, it neither raises nor resolves (as if
     * out of scope). Always by default.
     */
    default boolean ready(ClusterView view) {
        return true;
    }

    List<FindingDraft> evaluate(ClusterView view);
}
