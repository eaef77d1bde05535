package autopilot.events;

/** Which ANALYZE to run: only predicate columns (with dist and sort keys) or all columns. */
public record AnalyzeSpec(Columns columns) {

    /** Column selection of ANALYZE. */
    public enum Columns { PREDICATE_COLUMNS, ALL_COLUMNS }
}
