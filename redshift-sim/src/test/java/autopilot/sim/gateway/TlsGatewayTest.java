package autopilot.sim.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway with TLS on. With TLS the Redshift driver's default settings (ssl=true, which
 * means verify-full) work; the test trusts a throwaway certificate made with keytool.
 */
class TlsGatewayTest {
    private static final String STORE_PASSWORD = "changeit";

    @TempDir static Path temp;

    private static GatewayFixture fixture;
    private static Path certificatePem;

    @BeforeAll
    static void start() throws Exception {
        Path keystore = temp.resolve("gateway.p12");
        certificatePem = temp.resolve("gateway.pem");
        run(
                keytool(),
                "-genkeypair",
                "-alias",
                "gateway",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-validity",
                "2",
                "-dname",
                "CN=127.0.0.1",
                "-ext",
                "san=ip:127.0.0.1",
                "-storetype",
                "PKCS12",
                "-keystore",
                keystore.toString(),
                "-storepass",
                STORE_PASSWORD);
        run(
                keytool(),
                "-exportcert",
                "-rfc",
                "-alias",
                "gateway",
                "-keystore",
                keystore.toString(),
                "-storepass",
                STORE_PASSWORD,
                "-file",
                certificatePem.toString());
        SSLContext tls = serverContext(keystore);
        fixture = GatewayFixture.start(b -> b.tls(tls));
    }

    @AfterAll
    static void stop() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void redshiftDriverConnectsWithDefaultSslSettings() throws Exception {
        try (Connection c =
                        DriverManager.getConnection(
                                defaultSslUrl() + "?sslrootcert=" + certificatePem,
                                GatewayFixture.USER,
                                GatewayFixture.PASSWORD);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select 1")) {
            assertThat(rs.next()).isTrue();
        }
    }

    @Test
    void redshiftDriverChecksTheCertificate() {
        // Proves the session above really ran over TLS: the unknown certificate is refused.
        assertThatThrownBy(
                        () ->
                                DriverManager.getConnection(
                                        defaultSslUrl(),
                                        GatewayFixture.USER,
                                        GatewayFixture.PASSWORD))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("PKIX path building failed");
    }

    @Test
    void psqlNegotiatesTls() throws Exception {
        Path psql = Path.of("/usr/bin/psql");
        org.assertj.core.api.Assertions.assertThat(Files.isExecutable(psql))
                .as("psql is needed: apt-get install postgresql-client")
                .isTrue();
        String conninfo =
                "host=127.0.0.1 port="
                        + fixture.gateway.port()
                        + " dbname=postgres user="
                        + GatewayFixture.USER
                        + " sslmode=verify-full sslrootcert="
                        + certificatePem;
        String output =
                run(
                        List.of("PGPASSWORD=" + GatewayFixture.PASSWORD),
                        psql.toString(),
                        "-X",
                        "-w",
                        conninfo,
                        "-c",
                        "\\conninfo");
        assertThat(output).contains("SSL connection");
    }

    private static String defaultSslUrl() {
        return "jdbc:redshift://127.0.0.1:" + fixture.gateway.port() + "/postgres";
    }

    private static SSLContext serverContext(Path keystore) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, STORE_PASSWORD.toCharArray());
        }
        KeyManagerFactory kmf =
                KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, STORE_PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        return context;
    }

    private static String keytool() {
        return Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    }

    private static String run(String... command) throws Exception {
        return run(List.of(), command);
    }

    /** Runs a command to completion and returns its output; {@code env} holds NAME=value pairs. */
    private static String run(List<String> env, String... command) throws Exception {
        Path log = Files.createTempFile(temp, "command", ".log");
        ProcessBuilder pb =
                new ProcessBuilder(new ArrayList<>(List.of(command)))
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile());
        env.forEach(
                pair -> {
                    int eq = pair.indexOf('=');
                    pb.environment().put(pair.substring(0, eq), pair.substring(eq + 1));
                });
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(command[0] + " did not finish");
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IllegalStateException(command[0] + " failed: " + output);
        }
        return output;
    }
}
