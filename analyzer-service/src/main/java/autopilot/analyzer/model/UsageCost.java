package autopilot.analyzer.model;

/**
 * What a cluster's usage costs and may cost, as configured ({@code autopilot.analyzer.usage.*}, per cluster over the
 * global values). Nothing has a default: AWS's price per RPU-hour differs by region and contract, so a figure in money
 * appears only when a price is configured.
 *
 * @param pricePerRpuHour     price of one RPU-hour (Serverless compute), or null
 * @param currency            currency of the price (ISO 4217, e.g. USD), set with the price
 * @param dailyBudgetRpuHours RPU-hours a UTC day may use, or null
 * @param dailyBudgetAmount   money a UTC day may cost (needs the price), or null
 */
public record UsageCost(Double pricePerRpuHour, String currency, Double dailyBudgetRpuHours, Double dailyBudgetAmount) {

    public static final UsageCost NONE = new UsageCost(null, null, null, null);

    /** The day's budget in RPU-hours: the lower of the two budgets (the money one at the price); null without either. */
    public Double budgetRpuHours() {
        Double byAmount = dailyBudgetAmount != null && pricePerRpuHour != null ? dailyBudgetAmount / pricePerRpuHour : null;
        if (dailyBudgetRpuHours == null) return byAmount;
        return byAmount == null ? dailyBudgetRpuHours : Math.min(dailyBudgetRpuHours, byAmount);
    }

    /** RPU-hours in money at the price; null without a price. */
    public Double cost(double rpuHours) {
        return pricePerRpuHour == null ? null : rpuHours * pricePerRpuHour;
    }
}
