package autopilot.analyzer.work;

import autopilot.analyzer.model.TableState;
import autopilot.analyzer.rules.FindingDraft;
import autopilot.analyzer.rules.Thresholds;
import autopilot.analyzer.rules.WorkNeed;
import autopilot.events.AnalyzeSpec;
import autopilot.events.Finding;
import autopilot.events.MaintenanceRequested;
import autopilot.events.Severity;
import autopilot.events.VacuumSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Turns the maintenance needs of table findings into one work item per table: the VACUUM variant
 * that fits (SORT ONLY, DELETE ONLY, FULL when both, REINDEX for interleaved keys) with a
 * {@code TO n PERCENT} consistent with the threshold that triggered it, then ANALYZE. Leaves out
 * tables Redshift's automatic maintenance handled recently, denied tables, and work already
 * requested. Pure.
 */
public final class WorkPlanner {

    /** A decision not to request work, for logs and the what-if answer. */
    public record Skip(String table, String reason) {
    }

    /** The work items, highest priority first, and what was left out. */
    public record Plan(List<MaintenanceRequested> items, List<Skip> skipped) {
    }

    private WorkPlanner() {
    }

    /**
     * @param alreadyRequested deduplication id -> when it was requested
     * @param denied           tables never to maintain
     */
    public static Plan plan(String clusterId, List<FindingDraft> drafts, Map<String, Instant> alreadyRequested,
                            Predicate<TableState> denied, Instant now, Thresholds thresholds) {
        Map<Long, List<FindingDraft>> byTable = new LinkedHashMap<>();
        for (FindingDraft draft : drafts) {
            if (draft.work() != null) byTable.computeIfAbsent(draft.work().table().tableId(), id -> new ArrayList<>()).add(draft);
        }
        List<MaintenanceRequested> items = new ArrayList<>();
        List<Skip> skipped = new ArrayList<>();
        for (List<FindingDraft> needs : byTable.values()) {
            TableState table = needs.get(0).work().table();
            String name = table.database() + "." + table.qualifiedName();
            if (denied.test(table)) {
                skipped.add(new Skip(name, "denied by configuration"));
                continue;
            }
            Integer sortBelow = null;
            Integer reclaimBelow = null;
            boolean reindex = false;
            boolean analyze = false;
            double priority = 0;
            boolean urgent = false;
            List<String> reasons = new ArrayList<>();
            List<String> fingerprints = new ArrayList<>();
            for (FindingDraft draft : needs) {
                WorkNeed need = draft.work();
                if (need.sortBelowPct() != null) sortBelow = max(sortBelow, need.sortBelowPct());
                if (need.reclaimBelowPct() != null) reclaimBelow = max(reclaimBelow, need.reclaimBelowPct());
                reindex |= need.reindex();
                analyze |= need.analyze();
                priority += need.priority();
                urgent |= draft.severity() == Severity.CRITICAL;
                reasons.add(need.reason());
                fingerprints.add(Finding.fingerprint(clusterId, draft.category(), draft.subject()));
            }
            boolean vacuumWanted = reindex || sortBelow != null || reclaimBelow != null;
            if (vacuumWanted && recently(table.lastAutoVacuum(), now, thresholds)) {
                skipped.add(new Skip(name, "automatic VACUUM ran at " + table.lastAutoVacuum() + "; VACUUM left to Redshift"));
                vacuumWanted = false;
                reindex = false;
                sortBelow = null;
                reclaimBelow = null;
            }
            VacuumSpec vacuum = !vacuumWanted ? null
                    : reindex ? new VacuumSpec(VacuumSpec.Variant.REINDEX, null, false)
                    : sortBelow != null && reclaimBelow != null ? new VacuumSpec(VacuumSpec.Variant.FULL, Math.max(sortBelow, reclaimBelow), false)
                    : sortBelow != null ? new VacuumSpec(VacuumSpec.Variant.SORT_ONLY, sortBelow, false)
                    : new VacuumSpec(VacuumSpec.Variant.DELETE_ONLY, reclaimBelow, false);
            // VACUUM changes the statistics, so ANALYZE follows every VACUUM; alone, only if Redshift hasn't just done it.
            boolean analyzeWanted = vacuum != null || (analyze && !recently(table.lastAutoAnalyze(), now, thresholds));
            if (analyze && !analyzeWanted) {
                skipped.add(new Skip(name, "automatic ANALYZE ran at " + table.lastAutoAnalyze() + "; ANALYZE left to Redshift"));
            }
            if (vacuum == null && !analyzeWanted) continue;
            AnalyzeSpec analyzeSpec = analyzeWanted ? new AnalyzeSpec(AnalyzeSpec.Columns.PREDICATE_COLUMNS) : null;
            String dedup = deduplicationId(clusterId, table, vacuum, analyzeSpec);
            Instant requested = alreadyRequested.get(dedup);
            if (requested != null && requested.isAfter(now.minus(thresholds.work().repeatAfter()))) {
                skipped.add(new Skip(name, "the same work was requested at " + requested + " and is still pending"));
                continue;
            }
            items.add(new MaintenanceRequested(UUID.randomUUID().toString(), dedup, table.tableRef(), vacuum, analyzeSpec,
                    Math.round(priority * 100) / 100.0, urgent, fingerprints, String.join("; ", reasons), table.sizeMb()));
        }
        items.sort(Comparator.comparingDouble(MaintenanceRequested::priority).reversed());
        return new Plan(items, skipped);
    }

    /** Same cluster, table and work -> same id (SQS FIFO drops a repeat within its 5-minute window; state beyond). */
    public static String deduplicationId(String clusterId, TableState table, VacuumSpec vacuum, AnalyzeSpec analyze) {
        String key = String.join("|", clusterId, table.database(), table.schema(), table.name(),
                vacuum == null ? "-" : vacuum.variant() + ":" + vacuum.toPercent(), analyze == null ? "-" : analyze.columns().name());
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)), 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    private static boolean recently(Instant when, Instant now, Thresholds thresholds) {
        return when != null && when.isAfter(now.minus(thresholds.work().autoMaintenanceGrace()));
    }

    private static Integer max(Integer a, int b) {
        return a == null ? b : Math.max(a, b);
    }
}
