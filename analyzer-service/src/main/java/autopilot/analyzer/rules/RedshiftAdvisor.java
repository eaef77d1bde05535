package autopilot.analyzer.rules;

import autopilot.analyzer.model.DesignFacts;
import autopilot.analyzer.model.TableState;
import autopilot.events.Evidence;
import autopilot.events.FindingCategory;
import autopilot.events.RecommendedAction;
import autopilot.events.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Redshift's own recommendations (SVV_ALTER_TABLE_RECOMMENDATIONS, Advisor / automatic table optimization) beside
 * ours: on our finding, whether Redshift agrees or what it proposes instead and why we differ; for tables we have no
 * advice on, an informational finding with Redshift's statements (its whole group: rows sharing a group id must be
 * applied together).
 */
final class RedshiftAdvisor {

    private static final Pattern DIST = Pattern.compile(
            "(?i)ALTER\\s+(?:DISTSTYLE\\s+(ALL|EVEN|AUTO)\\b|(?:DISTSTYLE\\s+KEY\\s+)?DISTKEY\\s+\"?([^\";\\s]+)\"?)");
    private static final Pattern SORT = Pattern.compile("(?i)ALTER\\s+(?:COMPOUND\\s+)?SORTKEY\\s*(?:\\(([^)]*)\\)|(AUTO|NONE))");

    private RedshiftAdvisor() {
    }

    /** What a recommendation sets, normalised like our advice: KEY(c), ALL, EVEN, AUTO; COMPOUND(a,b), AUTO, NONE. */
    static String target(DesignFacts.Advice a) {
        Matcher d = DIST.matcher(a.ddl());
        if (a.distribution() && d.find()) {
            return d.group(1) != null ? d.group(1).toUpperCase(Locale.ROOT) : "KEY(" + d.group(2).toLowerCase(Locale.ROOT) + ")";
        }
        Matcher s = SORT.matcher(a.ddl());
        if (!a.distribution() && s.find()) {
            if (s.group(2) != null) return s.group(2).toUpperCase(Locale.ROOT);
            List<String> columns = new ArrayList<>();
            for (String c : s.group(1).split(",")) columns.add(c.trim().replace("\"", "").toLowerCase(Locale.ROOT));
            return "COMPOUND(" + String.join(",", columns) + ")";
        }
        return null;
    }

    static List<DesignFacts.Advice> of(ClusterView view, long tableId, boolean distribution) {
        return view.design().advisor().stream().filter(a -> a.tableId() == tableId && a.distribution() == distribution).toList();
    }

    /** Evidence comparing Redshift's advice on a table with ours ({@code ours} normalised as {@link #target}); null if it has none. */
    static Evidence compare(ClusterView view, TableState table, boolean distribution, String ours, String whyOurs) {
        List<DesignFacts.Advice> theirs = of(view, table.tableId(), distribution);
        if (theirs.isEmpty()) return null;
        for (DesignFacts.Advice a : theirs) {
            if (ours.equals(target(a))) {
                return Evidence.text("redshift_advisor_" + table.name(), "agrees: Redshift recommends " + a.ddl() + group(a));
            }
        }
        DesignFacts.Advice a = theirs.get(0);
        return Evidence.text("redshift_advisor_" + table.name(), "disagrees: Redshift recommends " + a.ddl() + group(a)
                + "; we recommend " + ours + " because " + whyOurs);
    }

    private static String group(DesignFacts.Advice a) {
        return a.groupId() > 0 ? " (group " + a.groupId() + ")" : "";
    }

    /** Informational findings for Redshift's recommendations on tables our rule did not judge. */
    static List<FindingDraft> onlyRedshift(ClusterView view, boolean distribution, Set<Long> judged, FindingCategory category) {
        Map<Long, TableState> known = view.tablesById();
        List<FindingDraft> drafts = new ArrayList<>();
        Set<Long> done = new java.util.HashSet<>(judged);
        for (DesignFacts.Advice a : view.design().advisor()) {
            TableState table = known.get(a.tableId());
            if (a.distribution() != distribution || table == null || !done.add(a.tableId())) continue;
            List<String> sql = new ArrayList<>();
            for (DesignFacts.Advice g : view.design().advisor()) {
                boolean sameGroup = a.groupId() > 0 ? g.groupId() == a.groupId() : g == a;
                if (sameGroup && !sql.contains(g.ddl())) sql.add(g.ddl().endsWith(";") ? g.ddl() : g.ddl() + ";");
            }
            List<Evidence> evidence = new ArrayList<>();
            evidence.add(Evidence.text("redshift_advisor", "only Redshift's: " + a.ddl()));
            evidence.add(Evidence.measured("group_id", a.groupId(), "group", null));
            evidence.add(Evidence.text("auto_eligible", a.autoEligible() ? "yes" : "no"));
            String title = "Redshift recommends " + (distribution ? "a new distribution" : "a new sort key") + " for "
                    + table.qualifiedName() + ": " + target(a);
            String explanation = "Redshift's Advisor (automatic table optimization) recommends this change to "
                    + table.qualifiedName() + ". The workload the analyzer saw in the window gives no reason of its own for or"
                    + " against it" + (a.autoEligible() ? "; Redshift may apply it by itself if the table is set to AUTO" : "")
                    + (sql.size() > 1 ? ". Its statements form one group: apply them together." : ".");
            drafts.add(new FindingDraft(category, Severity.INFO, table.ref(), title, explanation, evidence,
                    new RecommendedAction("Consider Redshift's recommendation for " + table.qualifiedName(), sql,
                            "SVV_ALTER_TABLE_RECOMMENDATIONS is refreshed about twice a day; a row disappears once applied."),
                    null, null));
        }
        return drafts;
    }
}
