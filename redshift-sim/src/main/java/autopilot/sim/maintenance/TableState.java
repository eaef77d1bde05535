package autopilot.sim.maintenance;

/** What the simulator's model says about one table right before a maintenance statement. */
record TableState(long tableId, String database, String schema, String table, String diststyle, String sortkeyType, int sortkeyNum,
                  int ncols, long rows, long sortedRows, long deletedRows, long blocks, double statsOff, long modifiedRows) {

    /** Rows changed since the last ANALYZE, as a percentage of the table: what analyze_threshold_percent is compared with. */
    double modifiedPercent() {
        return rows == 0 ? 0 : 100.0 * modifiedRows / rows;
    }

    double sortedShare() {
        return rows == 0 ? 1 : (double) sortedRows / rows;
    }

    double liveShare() {
        return rows == 0 ? 1 : (double) (rows - deletedRows) / rows;
    }

    boolean hasSortKey() {
        return sortkeyNum > 0;
    }

    boolean interleaved() {
        return "INTERLEAVED".equalsIgnoreCase(sortkeyType);
    }
}
