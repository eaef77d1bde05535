package autopilot.sim.maintenance;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Settings of one client session that the simulator honours itself (Redshift-only ones and timeouts). */
final class Session {
    private final Map<String, String> settings = new ConcurrentHashMap<>();
    private volatile long statementTimeoutMillis;
    private volatile boolean ended;

    /** The client's connection ended: a statement still running for this session stops. */
    void end() {
        ended = true;
    }

    boolean ended() {
        return ended;
    }

    void set(String name, String value) {
        if (value == null) {
            settings.remove(name);
        } else {
            settings.put(name, value);
        }
    }

    int analyzeThresholdPercent() {
        return Integer.parseInt(settings.getOrDefault("analyze_threshold_percent", "10"));
    }

    /**
     * What SHOW answers: the session's value, else the default (r_analyze_threshold_percent 10,
     * r_wlm_query_slot_count 1, r_query_group none: SHOW says "unset", r_SHOW).
     */
    String show(String name) {
        String value = settings.get(name);
        if (value != null) {
            return value;
        }
        return switch (name) {
            case "analyze_threshold_percent" -> "10";
            case "wlm_query_slot_count" -> "1";
            default -> "unset";
        };
    }

    String queryGroup() {
        return settings.get("query_group");
    }

    long statementTimeoutMillis() {
        return statementTimeoutMillis;
    }

    void statementTimeoutMillis(long millis) {
        this.statementTimeoutMillis = millis;
    }
}
