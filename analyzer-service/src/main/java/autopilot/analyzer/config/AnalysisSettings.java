package autopilot.analyzer.config;

import autopilot.analyzer.model.TableState;
import autopilot.analyzer.model.Workload;
import autopilot.analyzer.rules.Thresholds;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** Thresholds (as configured, checked) and the deny-list, as plain values for the pipeline. */
@ApplicationScoped
public class AnalysisSettings {

    private final AnalyzerConfig config;

    AnalysisSettings(AnalyzerConfig config) {
        this.config = config;
    }

    /** Where the thresholds are configured; error messages name keys under it. */
    public static final String THRESHOLDS = "autopilot.analyzer.thresholds";

    @Produces
    @Singleton
    public Thresholds thresholds() {
        Thresholds t = config.thresholds();
        // Work items sort and reclaim "TO 100 - pct PERCENT": outside (0, 100) that is no statement Redshift accepts.
        requirePercent("unsorted.pct", t.unsorted().pct());
        requirePercent("ghost-rows.pct", t.ghostRows().pct());
        // The workload keeps the times of each rule's newest 100 actions: a higher threshold could never be reached.
        long aborts = t.qmr().pageAbortsPerHour();
        if (aborts < 1 || aborts > Workload.QmrAction.RECENT) {
            throw new IllegalArgumentException(THRESHOLDS + ".qmr.page-aborts-per-hour must be between 1 and "
                    + Workload.QmrAction.RECENT + ", was " + aborts);
        }
        return t;
    }

    private static void requirePercent(String key, double value) {
        if (value <= 0 || value >= 100) {
            throw new IllegalArgumentException(THRESHOLDS + "." + key + " must be between 0 and 100 (exclusive), was " + value);
        }
    }

    /** Where price and budgets of usage are configured. */
    public static final String USAGE = "autopilot.analyzer.usage";

    /** Checks the usage price and budgets at start-up, naming the key of a bad value. */
    void checkUsage(@jakarta.enterprise.event.Observes io.quarkus.runtime.StartupEvent started) {
        checkUsage();
    }

    /** Each value positive, each price with its currency and each money budget with a price, globally and per cluster. */
    void checkUsage() {
        check(USAGE, config.usage());
        config.usage().clusters().forEach((id, cost) -> check(USAGE + ".clusters." + id, cost));
        cost(USAGE, null);
        config.usage().clusters().forEach((id, own) -> cost(USAGE + ".clusters." + id, own));
    }

    private static void check(String prefix, AnalyzerConfig.Cost cost) {
        cost.pricePerRpuHour().ifPresent(v -> requirePositive(prefix + ".price-per-rpu-hour", v));
        cost.dailyBudgetRpuHours().ifPresent(v -> requirePositive(prefix + ".daily-budget-rpu-hours", v));
        cost.dailyBudgetAmount().ifPresent(v -> requirePositive(prefix + ".daily-budget-amount", v));
        cost.currency().ifPresent(c -> {
            if (!c.matches("[A-Z]{3}")) {
                throw new IllegalArgumentException(prefix + ".currency must be an ISO 4217 code of three capital letters (USD, EUR), was '" + c + "'");
            }
        });
    }

    private static void requirePositive(String key, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(key + " must be a positive number, was " + value);
        }
    }

    /**
     * A cluster's price and budgets: its own values ({@code usage.clusters.<id>.*}) over the global ones. A price
     * needs its currency, and a money budget needs a price.
     */
    public autopilot.analyzer.model.UsageCost usageCost(String clusterId) {
        AnalyzerConfig.Cost own = config.usage().clusters().get(clusterId);
        return own == null ? cost(USAGE, null) : cost(USAGE + ".clusters." + clusterId, own);
    }

    /** The global values with {@code own}'s (null: none) over them; {@code prefix} names the keys in errors. */
    private autopilot.analyzer.model.UsageCost cost(String prefix, AnalyzerConfig.Cost own) {
        AnalyzerConfig.Usage global = config.usage();
        Double price = pick(own == null ? null : own.pricePerRpuHour(), global.pricePerRpuHour());
        String currency = own != null && own.currency().isPresent() ? own.currency().get() : global.currency().orElse(null);
        Double budget = pick(own == null ? null : own.dailyBudgetRpuHours(), global.dailyBudgetRpuHours());
        Double amount = pick(own == null ? null : own.dailyBudgetAmount(), global.dailyBudgetAmount());
        if (price != null && currency == null) {
            throw new IllegalArgumentException(prefix + ".currency is required with a price per RPU-hour (e.g. USD)");
        }
        if (amount != null && price == null) {
            throw new IllegalArgumentException(prefix + ".daily-budget-amount needs " + prefix + ".price-per-rpu-hour: no price is assumed");
        }
        return new autopilot.analyzer.model.UsageCost(price, currency, budget, amount);
    }

    private static Double pick(java.util.Optional<Double> own, java.util.Optional<Double> global) {
        return own != null && own.isPresent() ? own.get() : global.orElse(null);
    }

    /** Whether a table of a cluster is on the deny-list. */
    public Predicate<TableState> denied(String clusterId) {
        List<Pattern> patterns = config.deny().orElse(List.of()).stream().map(AnalysisSettings::glob).toList();
        return table -> {
            String name = clusterId + "/" + table.database() + "." + table.schema() + "." + table.name();
            return patterns.stream().anyMatch(p -> p.matcher(name).matches());
        };
    }

    static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        for (String part : glob.split("\\*", -1)) {
            if (!regex.isEmpty()) regex.append(".*");
            regex.append(Pattern.quote(part));
        }
        return Pattern.compile(regex.toString());
    }
}
