package autopilot.analyzer.config;

import autopilot.analyzer.model.TableState;
import autopilot.analyzer.rules.Thresholds;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** Thresholds (defaults with configured overrides) and the deny-list, as plain values for the pipeline. */
@ApplicationScoped
public class AnalysisSettings {

    private final AnalyzerConfig config;

    AnalysisSettings(AnalyzerConfig config) {
        this.config = config;
    }

    @Produces
    @Singleton
    public Thresholds thresholds() {
        Thresholds d = Thresholds.defaults();
        AnalyzerConfig.ThresholdOverrides o = config.thresholds();
        if (o.unsortedPct().isPresent() && (o.unsortedPct().get() <= 0 || o.unsortedPct().get() >= 100)) {
            throw new IllegalArgumentException("autopilot.analyzer.thresholds.unsorted-pct must be between 0 and 100 (exclusive), was "
                    + o.unsortedPct().get());
        }
        if (o.ghostRowsPct().isPresent() && (o.ghostRowsPct().get() <= 0 || o.ghostRowsPct().get() >= 100)) {
            throw new IllegalArgumentException("autopilot.analyzer.thresholds.ghost-rows-pct must be between 0 and 100 (exclusive), was "
                    + o.ghostRowsPct().get());
        }
        return new Thresholds(o.skewRatio().orElse(d.skewRatio()), o.skewMinRows().orElse(d.skewMinRows()),
                o.pageMinSizeMb().orElse(d.pageMinSizeMb()), o.unsortedPct().orElse(d.unsortedPct()),
                o.unsortedCriticalPct().orElse(d.unsortedCriticalPct()), o.minSortBenefitPct().orElse(d.minSortBenefitPct()),
                o.deepCopyMinSizeMb().orElse(d.deepCopyMinSizeMb()), o.deepCopyUnsortedPct().orElse(d.deepCopyUnsortedPct()),
                o.statsOffPct().orElse(d.statsOffPct()), o.statsOffCriticalPct().orElse(d.statsOffCriticalPct()),
                o.ghostRowsPct().orElse(d.ghostRowsPct()), o.ghostMinRowsPerScan().orElse(d.ghostMinRowsPerScan()),
                o.heavyScansPerDay().orElse(d.heavyScansPerDay()), d.wlmQueueSharePct(), d.wlmQueueShareCriticalPct(),
                d.wlmMinQueued(), d.compileSharePct(), d.compileMinQueries(), d.diskBasedMinQueries(), d.alertMinQueries(),
                d.topQueryCount(), d.topQueryMinSharePct(), o.workloadWindow().orElse(d.workloadWindow()),
                o.autoMaintenanceGrace().orElse(d.autoMaintenanceGrace()), o.workRepeatAfter().orElse(d.workRepeatAfter()),
                d.wlmMixedWorkRatio(), d.wildcardMinScans(), d.aquaFirstTouchFactor(), d.aquaUnpushedMinRows(),
                d.compileDominatedQueriesPct(), d.topQueryMinHoursPerDay(), d.wlm(), new Thresholds.Forecast(
                        o.forecastLookback().orElse(d.forecast().lookback()), o.forecastMinPoints().orElse(d.forecast().minPoints()),
                        o.forecastMinR2().orElse(d.forecast().minR2()), o.forecastHorizon().orElse(d.forecast().horizon()),
                        o.forecastWorkLead().orElse(d.forecast().workLead())),
                o.design().apply(d.design()));
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
