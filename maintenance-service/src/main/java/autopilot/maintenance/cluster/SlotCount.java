package autopilot.maintenance.cluster;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks {@code wlm_query_slot_count} against the manual WLM queue maintenance sessions land in
 * (the rule naming their query_group, else the catch-all {@code (querytype: any)}): a session that
 * asks for more slots than its queue has fails every query. Automatic WLM (-1 slots) is not checked.
 */
public final class SlotCount {

    static final String KEY = "autopilot.maintenance.wlm-query-slot-count";
    private static final String QUEUES = ClusterReader.sql("wlm_queues");

    private SlotCount() {
    }

    /** What is wrong with {@code slots} on this cluster, naming the key, or empty when it fits (or cannot be told). */
    public static Optional<String> problem(Connection c, int slots, String queryGroup) throws SQLException {
        String ownRule = "(query group: ";
        Queue matched = null;
        Queue fallback = null;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(QUEUES)) {
            while (rs.next()) {
                Queue queue = new Queue(rs.getInt(1), rs.getInt(3), rs.getString(4));
                String condition = rs.getString(2).toLowerCase(Locale.ROOT);
                int at = condition.indexOf(ownRule);
                if (matched == null && at >= 0) {
                    String group = condition.substring(at + ownRule.length(), Math.max(at + ownRule.length(), condition.indexOf(')', at)));
                    if (glob(group.trim()).matcher(queryGroup.toLowerCase(Locale.ROOT)).matches()) {
                        matched = queue;
                    }
                }
                if (condition.contains("(querytype: any)")) {
                    fallback = queue;
                }
            }
        }
        Queue queue = matched != null ? matched : fallback;
        if (queue == null || queue.slots() <= 0 || slots <= queue.slots()) {
            return Optional.empty();
        }
        return Optional.of(KEY + " is " + slots + ", but WLM queue '" + queue.name() + "' (service class " + queue.serviceClass()
                + "), where maintenance sessions (query_group " + queryGroup + ") run, has " + queue.slots()
                + " slots: every maintenance statement would fail; set it to at most " + queue.slots() + " or leave it unset");
    }

    private record Queue(int serviceClass, int slots, String name) {
    }

    /** A query group condition may end in a wildcard ({@code querygroup*}). */
    private static Pattern glob(String group) {
        return Pattern.compile(Pattern.quote(group).replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q"));
    }
}
