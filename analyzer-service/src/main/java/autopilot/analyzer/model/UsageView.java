package autopilot.analyzer.model;

/**
 * What the usage rules see of a snapshot that carried a usage source: today's figures, the hours behind them and
 * the cluster's configured price and budget.
 *
 * @param day    today's usage, trend and forecast; null when the series holds nothing of the cluster's kind
 * @param series the hours known, this snapshot's read laid over the stored ones
 * @param cost   the cluster's price and budgets
 * @param idlePctLastDay share (%) of the last day no user query ran (provisioned; {@link BusyMinutes}), else null
 */
public record UsageView(UsageDay day, UsageSeries series, UsageCost cost, Double idlePctLastDay) {

    /** Without an idle share (Serverless). */
    public UsageView(UsageDay day, UsageSeries series, UsageCost cost) {
        this(day, series, cost, null);
    }
}
