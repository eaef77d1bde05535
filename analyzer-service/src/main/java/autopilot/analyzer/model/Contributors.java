package autopilot.analyzer.model;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Who ran some queries (an hour's, a queue hour's or a pattern's): their count, queue wait and execution time by
 * user name and by query group, the largest {@code top} of each kept by name and the rest summed as {@link #OTHERS}.
 * Bounded, so a pattern run by a thousand users still costs a few entries; adding periods keeps the bound.
 * Answers "who is doing this?" as amazon-redshift-utils' top_queries report does, per user and label.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public final class Contributors {

    /** The name of everyone beyond the largest {@link #top}. */
    public static final String OTHERS = "(others)";
    /** The query group of a query without one: STL_QUERY shows 'default', SYS_QUERY_HISTORY null. */
    public static final String NO_GROUP = "default";

    /** How many contributors of each kind are kept by name. */
    public int top;
    public Map<String, Share> users = new TreeMap<>();
    public Map<String, Share> groups = new TreeMap<>();

    Contributors() {
    }

    Contributors(int top) {
        this.top = top;
    }

    /** One contributor's queries and their time. */
    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
    public static final class Share {
        public long queries;
        public double queueMs;
        public double execMs;

        Share() {
        }

        Share(long queries, double queueMs, double execMs) {
            this.queries = queries;
            this.queueMs = queueMs;
            this.execMs = execMs;
        }

        void add(Share other) {
            queries += other.queries;
            queueMs += other.queueMs;
            execMs += other.execMs;
        }

        /** Time the contributor's queries held the cluster, waiting or running: what ranks contributors. */
        public double load() {
            return queueMs + execMs;
        }
    }

    /** A copy of these, for adding other periods to. */
    Contributors copy() {
        return new Contributors(top).add(this);
    }

    /** Adds another period's contributors (copied, never shared), keeping the larger bound. */
    public Contributors add(Contributors other) {
        if (other == null) return this;
        top = Math.max(top, other.top);
        other.users.forEach((name, s) -> users.computeIfAbsent(name, n -> new Share()).add(s));
        other.groups.forEach((name, s) -> groups.computeIfAbsent(name, n -> new Share()).add(s));
        trim(users, top);
        trim(groups, top);
        return this;
    }

    /** Several periods' contributors added up into a new object; null when none has any. */
    public static Contributors sum(java.util.Collection<Contributors> periods) {
        Contributors sum = null;
        for (Contributors c : periods) {
            if (c == null) continue;
            sum = sum == null ? c.copy() : sum.add(c);
        }
        return sum;
    }

    /** The largest {@code top} by load stay, the rest move into {@link #OTHERS}. */
    static void trim(Map<String, Share> shares, int top) {
        int named = shares.size() - (shares.containsKey(OTHERS) ? 1 : 0);
        if (named <= top) return;
        List<Map.Entry<String, Share>> ranked = ranked(shares);
        Share others = shares.computeIfAbsent(OTHERS, n -> new Share());
        int kept = 0;
        for (Map.Entry<String, Share> e : ranked) {
            if (e.getKey().equals(OTHERS)) continue;
            if (kept++ < top) continue;
            others.add(e.getValue());
            shares.remove(e.getKey());
        }
    }

    /** Entries by a measure, largest first, then by name (so ties read the same on every run). */
    public static List<Map.Entry<String, Share>> ranked(Map<String, Share> shares, java.util.function.ToDoubleFunction<Share> measure) {
        List<Map.Entry<String, Share>> ranked = new ArrayList<>(shares.entrySet());
        ranked.sort(Comparator.comparingDouble((Map.Entry<String, Share> e) -> measure.applyAsDouble(e.getValue())).reversed()
                .thenComparing(Map.Entry::getKey));
        return ranked;
    }

    private static List<Map.Entry<String, Share>> ranked(Map<String, Share> shares) {
        return ranked(shares, Share::load);
    }
}
