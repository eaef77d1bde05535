package autopilot.analyzer.rules;

import autopilot.events.FindingCategory;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Runs the rules whose data is in scope, and whose sources the snapshot carried, over one view of a
 * cluster. Pure: the same view gives the same drafts. The categories evaluated are returned too,
 * because only those can be resolved.
 */
public final class Analysis {

    /** The drafts of one analysis and the categories whose rules ran. */
    public record Result(List<FindingDraft> drafts, Set<FindingCategory> evaluated) {
    }

    private Analysis() {
    }

    public static Result run(ClusterView view, List<Rule> rules) {
        List<FindingDraft> drafts = new ArrayList<>();
        Set<FindingCategory> evaluated = EnumSet.noneOf(FindingCategory.class);
        for (Rule rule : rules) {
            boolean inScope = rule.scope() == Rule.Scope.TABLES ? view.hasTables() : view.hasWorkload();
            if (!inScope || !view.onCall().hasAll(rule.sources()) || !rule.ready(view)) continue;
            drafts.addAll(rule.evaluate(view));
            evaluated.addAll(rule.categories());
        }
        return new Result(drafts, evaluated);
    }
}
