package autopilot.events;

import jakarta.annotation.Nullable;

/**
 * Who causes a workload figure: one user, query group or WLM queue and its share of the figure.
 * Workload findings carry the largest contributors (issue 20, "who is doing this?").
 *
 * @param by       what the name is: a database user, a query group (STL_QUERY.label,
 *                 SYS_QUERY_HISTORY.query_label) or a WLM queue
 * @param name     the user name, query group or queue name (user ids are resolved to names)
 * @param sharePct the contributor's share of the finding's figure, in % (0-100)
 * @param value    the contributor's own amount of that figure, e.g. queue wait seconds
 * @param unit     unit of value, e.g. {@code s}, {@code queries}
 */
public record Attribution(By by, String name, double sharePct, @Nullable Double value, @Nullable String unit) {

    /** The kind of contributor. */
    public enum By {
        USER, QUERY_GROUP, QUEUE
    }
}
