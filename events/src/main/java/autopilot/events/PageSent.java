package autopilot.events;

import java.util.List;

/**
 * A page the alerting service sent to on-call responders through the pages topic.
 *
 * @param pageId       unique id of the page
 * @param kind         a problem started, resolved, or a digest of many
 * @param severity     highest severity among the problems paged
 * @param category     category of the problem (or {@code DIGEST})
 * @param subject      the SNS subject: names cluster and problem, under SNS's 100-character limit
 * @param body         evidence, recommended action (SQL) and a runbook line, for a person
 * @param fingerprints the findings (or outcomes) the page is about
 */
public record PageSent(String pageId, Kind kind, Severity severity, String category, String subject,
                       String body, List<String> fingerprints) implements EventPayload {

    /** What a page announces. */
    public enum Kind { PROBLEM, RESOLVED, DIGEST }

    /** The line of a page's body its recommended statements follow, each indented by two spaces. */
    public static final String ACTION_LINE = "Recommended action:";

    /** The statements a page's body gives to copy: the indented lines right under its {@link #ACTION_LINE}. */
    public static List<String> statements(String body) {
        List<String> sql = new java.util.ArrayList<>();
        boolean inAction = false;
        for (String line : body.split("\n")) {
            if (line.startsWith(ACTION_LINE)) {
                inAction = true;
            } else if (inAction && line.startsWith("  ")) {
                sql.add(line.strip());
            } else if (inAction) {
                break;
            }
        }
        return sql;
    }
}
