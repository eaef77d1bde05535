package autopilot.testsupport;

/**
 * What a test gets from {@link MotoExtension}: the running emulator, clients for it and the
 * provisioned topology.
 */
public record Moto(MotoServer server, AwsClients clients, AwsTopology.Provisioned topology) {

    /** The JVM-wide emulator with the test topology provisioned (idempotent, so cheap to call again). */
    public static synchronized Moto shared() {
        MotoServer server = MotoServer.shared();
        server.start();
        AwsClients clients = AwsClients.forEndpoint(server.endpoint());
        return new Moto(server, clients, AwsTopology.forTests().provision(clients.sqs(), clients.sns()));
    }
}
