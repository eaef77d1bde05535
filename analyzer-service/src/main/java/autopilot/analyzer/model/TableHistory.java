package autopilot.analyzer.model;

/**
 * One table's recent observations, oldest first, at most one per hour (the last of each hour): what
 * trend forecasts are fitted to. Arrays of equal length; NaN where a metric was not reported.
 *
 * @param epochSeconds when each observation was made
 * @param unsortedPct  SVV_TABLE_INFO.unsorted
 * @param statsOffPct  SVV_TABLE_INFO.stats_off
 */
public record TableHistory(long[] epochSeconds, double[] unsortedPct, double[] statsOffPct) {

    public int size() {
        return epochSeconds.length;
    }
}
