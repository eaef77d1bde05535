package autopilot.sim.check;

/**
 * What running one file gave: its statements, how many views it created were then selected from,
 * the rows fetched, the pass it last ran in, and the failure that stopped it (null when it ran to the end).
 */
record Outcome(String name, int statements, int viewsSelected, long rows, double seconds, int pass,
               Failure failure) {

    boolean passed() {
        return failure == null;
    }

    String progressLine() {
        if (passed()) {
            return String.format("PASS %s  (%d statement%s, %d view%s selected, %d row%s fetched, %.1f s%s)", name,
                    statements, statements == 1 ? "" : "s", viewsSelected, viewsSelected == 1 ? "" : "s", rows,
                    rows == 1 ? "" : "s", seconds, pass > 1 ? ", pass " + pass : "");
        }
        Script.Statement st = failure.statement();
        return String.format("FAIL %s  %s %s%n       at statement %d of %d (line %d)%s: %s", name, failure.sqlState(),
                failure.message(), st.number(), statements, st.line(),
                failure.viewSelect() ? ", selecting from the view it created" : "",
                failure.viewSelect() ? "SELECT * FROM " + st.createdView().orElse("?") + " LIMIT 100" : st.head(80));
    }
}
