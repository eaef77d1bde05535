package autopilot.analyzer.config;

import autopilot.analyzer.rules.DesignThresholds;
import java.util.Optional;

/** Overrides of table design thresholds ({@code autopilot.analyzer.thresholds.design.*}); defaults and reasons in {@link DesignThresholds}. */
public interface DesignOverrides {
    Optional<Long> distAllMaxRows();

    Optional<Double> distAllMaxWritesPerDay();

    Optional<Double> minJoinsPerDay();

    Optional<Double> distKeyMaxSkew();

    Optional<Long> sortKeyMinRows();

    Optional<Double> minFilterQueriesPerDay();

    Optional<Double> compoundPrefixSharePct();

    Optional<Long> interleavedMinRows();

    Optional<Double> varcharOversizeFactor();

    /** The defaults with these overrides. */
    default DesignThresholds apply(DesignThresholds d) {
        return new DesignThresholds(distAllMaxRows().orElse(d.distAllMaxRows()),
                distAllMaxWritesPerDay().orElse(d.distAllMaxWritesPerDay()), minJoinsPerDay().orElse(d.minJoinsPerDay()),
                distKeyMaxSkew().orElse(d.distKeyMaxSkew()), sortKeyMinRows().orElse(d.sortKeyMinRows()),
                minFilterQueriesPerDay().orElse(d.minFilterQueriesPerDay()),
                compoundPrefixSharePct().orElse(d.compoundPrefixSharePct()), interleavedMinRows().orElse(d.interleavedMinRows()),
                varcharOversizeFactor().orElse(d.varcharOversizeFactor()));
    }
}
