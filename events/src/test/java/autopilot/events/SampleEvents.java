package autopilot.events;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/** One representative payload of every event type, for round-trip and schema tests. */
final class SampleEvents {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T02:15:00Z"), ZoneOffset.UTC);
    static final Instant T = CLOCK.instant();
    static final TableRef SALES = new TableRef("dev", "public", "sales", 108_234L);

    static EventPayload of(EventType type) {
        return switch (type) {
            case SNAPSHOT_PART_COLLECTED -> new SnapshotPartCollected(UUID.randomUUID(), "svv_table_info",
                    ClusterKind.PROVISIONED, 1, 3, null, null, T, List.of("table_id", "table", "unsorted"),
                    List.of(List.of(108234, "sales", 63.5), java.util.Arrays.asList(108235, "users", null)),
                    List.of("table_info", "queries"));
            case CLUSTER_DROPPED -> new ClusterDropped("no longer tagged autopilot:monitor=true (or being deleted)", T);
            case COLLECTION_GAP_DETECTED -> new CollectionGapDetected("stl_query", T.minusSeconds(7 * 86400),
                    T.minusSeconds(5 * 86400), "collector was away longer than the 5-day retention");
            case FINDING_RAISED -> new FindingRaised(finding(Severity.CRITICAL));
            case FINDING_UPDATED -> new FindingUpdated(finding(Severity.CRITICAL), Severity.WARNING);
            case FINDING_RESOLVED -> new FindingResolved(finding(Severity.WARNING), T, "unsorted 1.2% is below 10%");
            case MAINTENANCE_REQUESTED -> new MaintenanceRequested("wi-1", "dedup-1", SALES,
                    new VacuumSpec(VacuumSpec.Variant.SORT_ONLY, 90, false),
                    new AnalyzeSpec(AnalyzeSpec.Columns.PREDICATE_COLUMNS), 42.5, false,
                    List.of("c1/unsorted_region/table:dev.public.sales"), "63% unsorted, scanned 900 times a day", 12_988L);
            case MAINTENANCE_COMPLETED -> new MaintenanceCompleted("wi-1", SALES,
                    List.of("VACUUM SORT ONLY \"public\".\"sales\" TO 90 PERCENT", "ANALYZE \"public\".\"sales\" PREDICATE COLUMNS"),
                    61_000, new TableHealth(63.5, 12.0, 1_000_000L, 12_988L), new TableHealth(0.0, 0.0, 1_000_000L, 12_900L));
            case MAINTENANCE_SKIPPED -> new MaintenanceSkipped("wi-1", SALES, MaintenanceSkipped.Code.NO_LONGER_NEEDED,
                    "unsorted is 0.4%, below the 10% that triggered the request");
            case MAINTENANCE_FAILED -> new MaintenanceFailed("wi-1", SALES, "STATEMENT_TIMEOUT",
                    "canceling statement due to statement timeout", "57014", 1, true);
            case PAGE_SENT -> new PageSent("p-1", PageSent.Kind.PROBLEM, Severity.CRITICAL, "UNSORTED_REGION",
                    "[c1] CRITICAL: public.sales is 63% unsorted", "evidence...", List.of("c1/unsorted_region/table:dev.public.sales"));
            case CLUSTER_HEALTH_REPORTED -> new ClusterHealthReported(UUID.randomUUID(), T, 63.5, 4.2, 3, 1_250.0, 2,
                    java.util.Map.of("CRITICAL", 1, "WARNING", 4, "INFO", 0), 42.0, 91.5, 7.5, 2, 1_080.0, 1, 9_600.0, 3, 2, 12_400.0,
                    new UsageFigures(java.time.LocalDate.parse("2026-05-01"), 41.5, 2.25, 60.0, 15.56, "USD", null, null),
                    java.util.Map.of("Default queue", 1_250.0, "etl", 40.0), List.of(new UserMetric("OrdersPending", 17.0, "Count")));
        };
    }

    static Finding finding(Severity severity) {
        ObjectRef table = new ObjectRef(ObjectRef.Kind.TABLE, "sales", "dev", "public", 108_234L);
        return new Finding(Finding.fingerprint("c1", FindingCategory.UNSORTED_REGION, table),
                FindingCategory.UNSORTED_REGION, severity, table, "public.sales is 63% unsorted",
                "Scans read blocks they could skip.",
                List.of(Evidence.measured("unsorted_pct", 63.5, "%", 10.0), Evidence.text("sortkey1", "saletime")),
                new RecommendedAction("Sort the table", List.of("VACUUM SORT ONLY \"public\".\"sales\" TO 90 PERCENT"), "runbook"),
                new Benefit("vacuum_sort_benefit", 45.0, "% scan time"), T.minusSeconds(3600), T, UUID.randomUUID(),
                List.of(new Attribution(Attribution.By.USER, "etl_user", 72.5, 1_450.0, "s")),
                "https://autopilot.example.com/console/findings/c1/unsorted_region/table:dev.public.sales");
    }

    private SampleEvents() {
    }
}
