package autopilot.collector.source;

/**
 * The collector's query_group, by which its own statements are left out of the workload it reads.
 * Redshift keeps a label in fixed-width single-byte columns and cuts it: STL_QUERY.label to 30
 * characters ({@code default} when unlabelled), STV_INFLIGHT.label to 15 (blank when unlabelled);
 * SYS_QUERY_HISTORY.query_label keeps it (NULL when unlabelled). The SQL compares the trimmed
 * stored label with the label cut the same way, so a label is refused when a cut of it would not
 * tell the collector's statements from others: blank, {@code default}, characters a CHAR column
 * cannot hold, or whitespace that trimming a cut would remove.
 *
 * @param value the label as configured and set with {@code SET query_group}
 */
public record QueryGroupLabel(String value) {

    /** Characters STV_INFLIGHT keeps of a label (inflight.sql cuts it the same). */
    static final int INFLIGHT_LENGTH = 15;
    /** Characters STL_QUERY keeps of a label (the provisioned workload SQL cuts it the same). */
    static final int QUERY_LOG_LENGTH = 30;
    private static final String KEY = "autopilot.collector.query-group";

    public QueryGroupLabel {
        String problem = problem(value);
        if (problem != null) {
            throw new IllegalArgumentException(KEY + " '" + value + "' " + problem
                    + "; choose a label of printable ASCII without surrounding spaces, e.g. autopilot-collector");
        }
    }

    private static String problem(String value) {
        if (value == null || value.isBlank()) {
            return "is blank: unlabelled statements would be taken for the collector's";
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return "holds a character Redshift's CHAR label columns cannot store (position " + (i + 1) + ")";
            }
        }
        for (int length : new int[] {value.length(), QUERY_LOG_LENGTH, INFLIGHT_LENGTH}) {
            String cut = cut(value, length);
            if (!cut.equals(cut.strip())) {
                return "has whitespace at an end of its first " + cut.length() + " characters, which Redshift keeps; "
                        + "trimmed, they would not match the label";
            }
            if (cut.equalsIgnoreCase("default")) {
                return "reads 'default' as Redshift keeps it, which STL_QUERY shows for every unlabelled query";
            }
        }
        return null;
    }

    /** The label as a relation that keeps {@code length} characters holds it. */
    private static String cut(String value, int length) {
        return value.length() <= length ? value : value.substring(0, length);
    }
}
