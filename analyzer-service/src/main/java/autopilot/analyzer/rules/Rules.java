package autopilot.analyzer.rules;

import java.util.List;

/** Every rule the analyzer runs, in the order their findings are listed. */
public final class Rules {

    private Rules() {
    }

    public static List<Rule> all() {
        return List.of(
                new SkewRule(), new UnsortedRule(), new StatisticsRule(), new GhostRowsRule(),
                new WlmQueueRule(), new CompileTimeRule(), new DiskBasedQueryRule(), new OptimizerAlertRule(),
                new TopQueryRule(), new WildcardScanRule(), new WlmConfigRule(), new MaintenanceForecastRule(),
                new DistributionDesignRule(), new SortKeyDesignRule(), new CompressionDesignRule(),
                new BlockingSessionRule(), new RunawayQueryRule(), new DiskSpaceRule(), new QmrActionRule(), new LoadErrorRule(),
                new CommitQueueRule(), new UsageTrendRule(), new UsageBudgetRule());
    }
}
