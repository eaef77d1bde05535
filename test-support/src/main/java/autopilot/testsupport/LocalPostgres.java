package autopilot.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Command-line entry for the local run: a real PostgreSQL (embedded binaries, no install) on the
 * given port with its data under the given directory, until the process is stopped.
 * Usage: {@code LocalPostgres <port> <data-dir>}
 */
public final class LocalPostgres {

    private LocalPostgres() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: LocalPostgres <port> <data-dir>");
            System.exit(2);
        }
        Path data = Path.of(args[1]);
        Files.createDirectories(data);
        EmbeddedPostgres pg = EmbeddedPostgres.builder().setPort(Integer.parseInt(args[0]))
                .setDataDirectory(data).setCleanDataDirectory(true).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                pg.close();
            } catch (Exception e) {
                // stopping anyway
            }
            stopped.countDown();
        }, "postgres-stop"));
        System.out.println("POSTGRES_URL=jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/postgres");
        System.out.flush();
        stopped.await();
    }
}
