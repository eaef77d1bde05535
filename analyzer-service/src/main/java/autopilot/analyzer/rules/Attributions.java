package autopilot.analyzer.rules;

import autopilot.analyzer.model.Contributors;
import autopilot.events.Attribution;
import autopilot.events.Evidence;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Who causes a workload finding (issue 20): the users and query groups with the largest shares of its figure (queue
 * wait, execution time), as the finding's attribution, an evidence line and a sentence naming the largest user.
 */
final class Attributions {

    /** Contributors of each kind a finding names: enough to act on, few enough for a page. */
    static final int NAMED = 3;

    /** What a figure is and how to read a contributor's amount of it. */
    record Figure(String what, ToDoubleFunction<Contributors.Share> measure, String unit, double perUnit) {
        static final Figure QUEUE_WAIT = new Figure("the queue wait", s -> s.queueMs, "s", 1000);
        static final Figure EXECUTION = new Figure("the execution time", s -> s.execMs, "s", 1000);
    }

    private Attributions() {
    }

    /** The largest users, then the largest query groups, each with its share of the figure; empty when nobody has any. */
    static List<Attribution> of(Contributors who, Figure figure) {
        List<Attribution> named = new ArrayList<>();
        if (who == null) return named;
        add(named, Attribution.By.USER, who.users, figure);
        add(named, Attribution.By.QUERY_GROUP, who.groups, figure);
        return named;
    }

    private static void add(List<Attribution> named, Attribution.By by, Map<String, Contributors.Share> shares, Figure figure) {
        double total = shares.values().stream().mapToDouble(figure.measure()).sum();
        if (total <= 0) return;
        int n = 0;
        for (Map.Entry<String, Contributors.Share> e : Contributors.ranked(shares, figure.measure())) {
            double value = figure.measure().applyAsDouble(e.getValue());
            if (n == NAMED || value <= 0) break;
            if (e.getKey().equals(Contributors.OTHERS)) continue;
            named.add(new Attribution(by, e.getKey(), round(100 * value / total), round(value / figure.perUnit()), figure.unit()));
            n++;
        }
    }

    /** "etl_user causes 72 % of the queue wait (query group nightly 70 %)."; empty when nobody is named. */
    static String sentence(List<Attribution> named, Figure figure) {
        Attribution user = first(named, Attribution.By.USER);
        if (user == null) return "";
        Attribution group = first(named, Attribution.By.QUERY_GROUP);
        return " " + user.name() + " causes " + Sql.pct(user.sharePct()) + " % of " + figure.what()
                + (group != null && !group.name().equals(Contributors.NO_GROUP)
                ? " (query group " + group.name() + " " + Sql.pct(group.sharePct()) + " %)" : "") + ".";
    }

    /** The contributors as one evidence line, e.g. {@code etl_user 72 % (1,234 s), bi_user 20 % (...)}; null when none. */
    static Evidence evidence(String name, List<Attribution> named, Attribution.By by) {
        List<String> parts = named.stream().filter(a -> a.by() == by)
                .map(a -> a.name() + " " + Sql.pct(a.sharePct()) + " % (" + Sql.num(a.value()) + " " + a.unit() + ")").toList();
        return parts.isEmpty() ? null : Evidence.text(name, String.join(", ", parts));
    }

    /** The draft with its attribution, the sentence in its explanation and the contributors in its evidence. */
    static FindingDraft attribute(FindingDraft draft, Contributors who, Figure figure) {
        List<Attribution> named = of(who, figure);
        if (named.isEmpty()) return draft;
        List<Evidence> evidence = new ArrayList<>(draft.evidence());
        Evidence users = evidence("top_users", named, Attribution.By.USER);
        Evidence groups = evidence("top_query_groups", named, Attribution.By.QUERY_GROUP);
        if (users != null) evidence.add(users);
        if (groups != null) evidence.add(groups);
        return new FindingDraft(draft.category(), draft.severity(), draft.subject(), draft.title(),
                draft.explanation() + sentence(named, figure), evidence, draft.action(), draft.benefit(), draft.work(), named);
    }

    private static Attribution first(List<Attribution> named, Attribution.By by) {
        return named.stream().filter(a -> a.by() == by).findFirst().orElse(null);
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
