package autopilot.analyzer.intake;

import autopilot.analyzer.AnalyzerMetrics;
import autopilot.events.Finding;
import autopilot.events.FindingCategory;
import autopilot.events.Severity;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Gauge of open findings per cluster, severity and category (a gauge holds its number weakly: keep one each). */
@ApplicationScoped
public class FindingMetrics {

    private final MeterRegistry registry;
    private final Map<String, AtomicInteger> open = new ConcurrentHashMap<>();

    FindingMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void refresh(String clusterId, Collection<Finding> findings) {
        Map<String, Integer> counts = new java.util.HashMap<>();
        for (Finding f : findings) counts.merge(key(clusterId, f.severity(), f.category()), 1, Integer::sum);
        for (Severity s : Severity.values()) {
            for (FindingCategory c : FindingCategory.values()) {
                String key = key(clusterId, s, c);
                Integer n = counts.get(key);
                AtomicInteger gauge = open.get(key);
                if (gauge == null && n == null) continue;
                if (gauge == null) {
                    gauge = registry.gauge(AnalyzerMetrics.FINDINGS_OPEN, Tags.of("cluster", clusterId, "severity", s.name(),
                            "category", c.name()), new AtomicInteger());
                    open.put(key, gauge);
                }
                gauge.set(n == null ? 0 : n);
            }
        }
    }

    private static String key(String clusterId, Severity s, FindingCategory c) {
        return clusterId + "|" + s + "|" + c;
    }
}
