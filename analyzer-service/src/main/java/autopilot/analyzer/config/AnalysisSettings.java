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
