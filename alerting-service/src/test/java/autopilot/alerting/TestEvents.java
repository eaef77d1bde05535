package autopilot.alerting;

import autopilot.events.ClusterHealthReported;
import autopilot.events.CollectionGapDetected;
import autopilot.events.EventCodec;
import autopilot.events.EventEnvelope;
import autopilot.events.EventPayload;
import autopilot.events.Evidence;
import autopilot.events.Finding;
import autopilot.events.FindingCategory;
import autopilot.events.FindingRaised;
import autopilot.events.FindingResolved;
import autopilot.events.FindingUpdated;
import autopilot.events.MaintenanceFailed;
import autopilot.events.ObjectRef;
import autopilot.events.RecommendedAction;
import autopilot.events.Severity;
import autopilot.events.TableRef;
import autopilot.testsupport.Moto;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Events as the analyzer and maintenance would publish them, sent to the recommendations topic. */
final class TestEvents {

    private static final EventCodec CODEC = new EventCodec();
    private static final Clock CLOCK = Clock.systemUTC();

    private TestEvents() {
    }

    static Finding unsorted(String cluster, String table, Severity severity) {
        ObjectRef subject = new ObjectRef(ObjectRef.Kind.TABLE, table, "dev", "public", 100L);
        Instant now = CLOCK.instant();
        return new Finding(Finding.fingerprint(cluster, FindingCategory.UNSORTED_REGION, subject),
                FindingCategory.UNSORTED_REGION, severity, subject, "Table public." + table + " is 63% unsorted",
                "Most rows are outside the sort order, so range-restricted scans read far more blocks than needed.",
                List.of(Evidence.measured("unsorted_pct", 63.0, "%", 20.0)),
                new RecommendedAction("Sort the table", List.of("VACUUM SORT ONLY \"public\".\"" + table + "\";"),
                        "Run it inside the maintenance window; it needs free disk of about the table's size."),
                null, now.minusSeconds(600), now, UUID.randomUUID(), null, null);
    }

    /** A critical WLM queue wait finding in a queue one user fills, as the analyzer raises it (issue 20). */
    static Finding queueWait(String cluster) {
        ObjectRef subject = new ObjectRef(ObjectRef.Kind.QUEUE, "bi", null, null, 7L);
        Instant now = CLOCK.instant();
        return new Finding(Finding.fingerprint(cluster, FindingCategory.WLM_QUEUE_WAIT, subject), FindingCategory.WLM_QUEUE_WAIT,
                Severity.CRITICAL, subject, "Queue bi: queries spent 93% of their time waiting",
                "Queries of the WLM queue bi wait for a free slot. etl_user causes 92 % of the queue wait (query group etl_nightly 92 %).",
                List.of(Evidence.measured("worst_hour_queue_share", 93.0, "%", 20.0),
                        Evidence.text("top_users", "etl_user 92 % (720 s), dashboard 7.7 % (60 s)")),
                new RecommendedAction("Switch to automatic WLM", List.of(), "WLM changes are made in the parameter group."),
                null, now.minusSeconds(600), now, UUID.randomUUID(),
                List.of(new autopilot.events.Attribution(autopilot.events.Attribution.By.USER, "etl_user", 92.3, 720.0, "s"),
                        new autopilot.events.Attribution(autopilot.events.Attribution.By.USER, "dashboard", 7.7, 60.0, "s"),
                        new autopilot.events.Attribution(autopilot.events.Attribution.By.QUERY_GROUP, "etl_nightly", 92.3, 720.0, "s")), null);
    }

    static String raised(String cluster, Finding finding) {
        return encode(cluster, "analyzer-service", new FindingRaised(finding));
    }

    static String updated(String cluster, Finding finding, Severity previous) {
        return encode(cluster, "analyzer-service", new FindingUpdated(finding, previous));
    }

    static String resolved(String cluster, Finding finding) {
        return encode(cluster, "analyzer-service", new FindingResolved(finding, CLOCK.instant(), "unsorted 2.1% is below 20%"));
    }

    static String maintenanceFailed(String cluster, String table, boolean willRetry) {
        return encode(cluster, "maintenance-service", new MaintenanceFailed(UUID.randomUUID().toString(),
                new TableRef("dev", "public", table, 100L), "STATEMENT_TIMEOUT", "canceling statement due to statement timeout",
                "57014", 3, willRetry));
    }

    static String gap(String cluster, String source) {
        Instant now = CLOCK.instant();
        return encode(cluster, "collector-service", new CollectionGapDetected(source, now.minusSeconds(7 * 86400),
                now.minusSeconds(5 * 86400), "collector was away longer than STL retention"));
    }

    static String health(String cluster, Instant observedAt, double maxUnsortedPct, int critical) {
        return health(cluster, observedAt, maxUnsortedPct, critical, null);
    }

    /** As above, with the queue wait p95 per WLM queue (issue 20). */
    static String health(String cluster, Instant observedAt, double maxUnsortedPct, int critical, Map<String, Double> queueWaitP95) {
        return encode(cluster, "analyzer-service", new ClusterHealthReported(UUID.randomUUID(), observedAt, maxUnsortedPct,
                3.5, 7, 1234.0, 4, Map.of("CRITICAL", critical, "WARNING", 2), 42.0,
                null, null, null, null, null, null, null, null, null, null, queueWaitP95,
                // The user's own SELECTs: one to publish, one named like a metric of the service's own (not published).
                java.util.List.of(new autopilot.events.UserMetric("OpenOrders", 17.0, "Count"),
                        new autopilot.events.UserMetric("MaxUnsortedPct", 99.0, "Percent"))));
    }

    static String encode(String cluster, String producer, EventPayload payload) {
        return CODEC.encode(EventEnvelope.create(cluster, producer, payload, CLOCK));
    }

    static void publish(Moto moto, String body) {
        moto.clients().sns().publish(b -> b.topicArn(moto.topology().recommendationsArn()).message(body));
    }

    static String newCluster(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
