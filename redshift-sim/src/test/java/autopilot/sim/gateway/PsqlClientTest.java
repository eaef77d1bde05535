package autopilot.sim.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** libpq, through Debian's psql, as a second client implementation. */
class PsqlClientTest {
    private static final Path PSQL = Path.of("/usr/bin/psql");
    private static GatewayFixture fixture;

    @TempDir Path temp;

    /** Exit code and combined output of one psql run. */
    record Result(int exitCode, String output) {}

    @BeforeAll
    static void start() throws Exception {
        org.assertj.core.api.Assertions.assertThat(Files.isExecutable(PSQL))
                .as("psql is needed: apt-get install postgresql-client")
                .isTrue();
        fixture = GatewayFixture.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void psqlConnectsAndQueries() throws Exception {
        Result result = psql(GatewayFixture.PASSWORD, "select 42");
        assertThat(result.output().strip()).isEqualTo("42");
        assertThat(result.exitCode()).isZero();
        assertThat(fixture.sqlSeen()).contains("select 42");
    }

    @Test
    void psqlWithWrongPasswordFails() throws Exception {
        Result result = psql("wrong", "select 42");
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("password authentication failed for user \"alice\"");
    }

    private Result psql(String password, String sql) throws IOException, InterruptedException {
        Path output = temp.resolve("psql-" + System.nanoTime() + ".out");
        String conninfo =
                "host=127.0.0.1 port="
                        + fixture.gateway.port()
                        + " dbname=postgres user="
                        + GatewayFixture.USER
                        + " sslmode=prefer connect_timeout=10";
        ProcessBuilder pb =
                new ProcessBuilder(
                                List.of(
                                        PSQL.toString(),
                                        "-X",
                                        "-w",
                                        "-A",
                                        "-t",
                                        conninfo,
                                        "-c",
                                        sql))
                        .redirectErrorStream(true)
                        .redirectOutput(output.toFile());
        pb.environment().put("PGPASSWORD", password);
        Process process = pb.start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("psql did not finish within 30 s");
        }
        return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }
}
