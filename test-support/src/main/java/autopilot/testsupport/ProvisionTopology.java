package autopilot.testsupport;

import java.net.URI;

/**
 * Command-line entry for the local run: provisions the topology on an emulator endpoint
 * idempotently (the same code the tests use) and prints what it created as KEY=VALUE lines.
 * Usage: {@code ProvisionTopology http://127.0.0.1:5000}
 */
public final class ProvisionTopology {

    private ProvisionTopology() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: ProvisionTopology <emulator endpoint, e.g. http://127.0.0.1:5000>");
            System.exit(2);
        }
        try (AwsClients clients = AwsClients.forEndpoint(URI.create(args[0]))) {
            AwsTopology.Provisioned p = new AwsTopology(AwsTopology.Names.defaults(), 5, 30)
                    .provision(clients.sqs(), clients.sns());
            System.out.println("SNAPSHOTS_QUEUE_URL=" + p.snapshotsUrl());
            System.out.println("MAINTENANCE_QUEUE_URL=" + p.maintenanceWorkUrl());
            System.out.println("ALERTING_INBOX_URL=" + p.alertingInboxUrl());
            System.out.println("RECOMMENDATIONS_TOPIC_ARN=" + p.recommendationsArn());
            System.out.println("PAGES_TOPIC_ARN=" + p.pagesArn());
        }
    }
}
