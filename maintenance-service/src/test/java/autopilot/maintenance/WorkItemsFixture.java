package autopilot.maintenance;

import autopilot.events.AnalyzeSpec;
import autopilot.events.EventCodec;
import autopilot.events.EventEnvelope;
import autopilot.events.EventPayload;
import autopilot.events.MaintenanceCompleted;
import autopilot.events.MaintenanceFailed;
import autopilot.events.MaintenanceRequested;
import autopilot.events.MaintenanceSkipped;
import autopilot.events.TableRef;
import autopilot.events.VacuumSpec;
import autopilot.testsupport.Moto;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/** Builds work items as the analyzer sends them and puts them on the FIFO queue. */
final class WorkItemsFixture {

    private static final EventCodec CODEC = new EventCodec();

    private WorkItemsFixture() {
    }

    static MaintenanceRequested item(String schema, String table, VacuumSpec vacuum, AnalyzeSpec analyze, double priority, boolean urgent) {
        return item(new TableRef("dev", schema, table, null), vacuum, analyze, priority, urgent);
    }

    static MaintenanceRequested item(TableRef table, VacuumSpec vacuum, AnalyzeSpec analyze, double priority, boolean urgent) {
        String id = UUID.randomUUID().toString();
        return new MaintenanceRequested(id, "dedup-" + id, table, vacuum, analyze, priority, urgent, List.of(), "test", null);
    }

    static String encode(String clusterId, MaintenanceRequested item) {
        return CODEC.encode(EventEnvelope.create(clusterId, "analyzer-service", item, Clock.systemUTC()));
    }

    private static Moto moto;

    /**
     * The emulator, provisioned once: {@link Moto#shared()} provisions again on every call, which
     * would reset a test's own redrive policy (and make new clients each time).
     */
    static synchronized Moto moto() {
        if (moto == null) {
            moto = Moto.shared();
        }
        return moto;
    }

    /** Sends the item to its cluster's message group; returns its work item id. */
    static String send(String clusterId, MaintenanceRequested item) {
        return send(clusterId, item, item.deduplicationId());
    }

    /** Sends the item again, as a re-delivery SQS's own 5-minute deduplication does not catch. */
    static String sendAgain(String clusterId, MaintenanceRequested item) {
        return send(clusterId, item, "again-" + UUID.randomUUID());
    }

    private static String send(String clusterId, MaintenanceRequested item, String messageDeduplicationId) {
        Moto m = moto();
        m.clients().sqs().sendMessage(b -> b.queueUrl(m.topology().maintenanceWorkUrl()).messageBody(encode(clusterId, item))
                .messageGroupId(clusterId).messageDeduplicationId(messageDeduplicationId));
        return item.workItemId();
    }

    static String workItemId(EventPayload payload) {
        if (payload instanceof MaintenanceCompleted c) {
            return c.workItemId();
        }
        if (payload instanceof MaintenanceSkipped s) {
            return s.workItemId();
        }
        if (payload instanceof MaintenanceFailed f) {
            return f.workItemId();
        }
        return null;
    }
}
