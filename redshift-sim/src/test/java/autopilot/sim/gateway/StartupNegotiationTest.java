package autopilot.sim.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Startup packets spoken by hand. Everything here happens before the gateway contacts
 * PostgreSQL, so no backend runs.
 */
class StartupNegotiationTest {
    private static WireGateway gateway;

    @BeforeAll
    static void start() throws IOException {
        gateway =
                WireGateway.builder("127.0.0.1", 1)
                        .authenticator(Authenticator.of(Map.of("alice", "pw")))
                        .start();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void encryptionRequestsAreDeclinedWithoutTls() throws IOException {
        try (Socket s = connect()) {
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            DataInputStream in = new DataInputStream(s.getInputStream());
            out.writeInt(8);
            out.writeInt(StartupReader.GSSENC_REQUEST);
            out.writeInt(8);
            out.writeInt(StartupReader.SSL_REQUEST);
            out.flush();
            assertThat((char) in.read()).isEqualTo('N');
            assertThat((char) in.read()).isEqualTo('N');
            out.write(startup(3 << 16, Map.of("user", "alice")));
            out.flush();
            assertMd5Challenge(in);
        }
    }

    @Test
    void newerMinorVersionAndProtocolOptionsAreNegotiatedDown() throws IOException {
        try (Socket s = connect()) {
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            DataInputStream in = new DataInputStream(s.getInputStream());
            out.write(startup((3 << 16) | 2, Map.of("user", "alice", "_pq_.compression", "on")));
            out.flush();
            assertThat((char) in.readByte()).isEqualTo('v');
            in.readInt();
            assertThat(in.readInt()).as("newest minor version").isZero();
            assertThat(in.readInt()).as("unsupported options").isEqualTo(1);
            assertThat(
                            new String(
                                    in.readNBytes("_pq_.compression".length() + 1),
                                    StandardCharsets.UTF_8))
                    .isEqualTo("_pq_.compression\0");
            assertMd5Challenge(in);
        }
    }

    @Test
    void protocolTwoIsRefused() throws IOException {
        try (Socket s = connect()) {
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            out.write(startup(2 << 16, Map.of("user", "alice")));
            out.flush();
            String reply = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(reply)
                    .startsWith("E")
                    .contains("0A000")
                    .contains("unsupported frontend protocol");
        }
    }

    private static Socket connect() throws IOException {
        Socket s = new Socket("127.0.0.1", gateway.port());
        s.setSoTimeout(10_000);
        return s;
    }

    private static void assertMd5Challenge(DataInputStream in) throws IOException {
        assertThat((char) in.readByte()).isEqualTo('R');
        assertThat(in.readInt()).isEqualTo(12);
        assertThat(in.readInt()).isEqualTo(Messages.AUTH_MD5);
        in.readFully(new byte[4]);
    }

    private static byte[] startup(int version, Map<String, String> parameters) throws IOException {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        for (Map.Entry<String, String> p : parameters.entrySet()) {
            payload.write(p.getKey().getBytes(StandardCharsets.UTF_8));
            payload.write(0);
            payload.write(p.getValue().getBytes(StandardCharsets.UTF_8));
            payload.write(0);
        }
        payload.write(0);
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(message);
        out.writeInt(8 + payload.size());
        out.writeInt(version);
        out.write(payload.toByteArray());
        return message.toByteArray();
    }
}
