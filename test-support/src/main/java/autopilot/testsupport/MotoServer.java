package autopilot.testsupport;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code moto_server} (AWS emulator: SQS, SNS, CloudWatch, Secrets Manager) on a free
 * loopback port. {@link #shared()} starts one per JVM (one per module's test run) and stops it at
 * exit; tests that simulate an outage use {@link #stop()} and {@link #start()} on it.
 */
public final class MotoServer {

    private static MotoServer shared;

    private final int port;
    private final Path log;
    private Process process;

    private MotoServer(int port, Path log) {
        this.port = port;
        this.log = log;
    }

    /** The JVM-wide instance, started on first use. */
    public static synchronized MotoServer shared() {
        if (shared == null) {
            MotoServer server = new MotoServer(freePort(), logFile());
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "moto-stop"));
            shared = server;
        }
        return shared;
    }

    /** Starts a server on the given port (0 = any free port) for a local run; the caller stops it. */
    public static MotoServer startOn(int port, Path log) {
        MotoServer server = new MotoServer(port == 0 ? freePort() : port, log);
        server.start();
        return server;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Starts (or restarts, after {@link #stop()}) the process and waits until it answers. Restarted moto is empty. */
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        String executable = findExecutable(System.getenv("MOTO_SERVER"), System.getenv().getOrDefault("PATH", ""));
        try {
            Files.createDirectories(log.getParent());
            process = new ProcessBuilder(executable, "-H", "127.0.0.1", "-p", Integer.toString(port))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("could not start " + executable + ": " + e.getMessage(), e);
        }
        awaitReady(Duration.ofSeconds(60));
    }

    /** Stops the process (simulates an AWS outage when used mid-test). */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        // Killed, not asked to stop: a stopped moto stands for an AWS outage, which must begin at once. Asked
        // politely, moto went on answering requests in flight for seconds, so an outage test could see SNS
        // accept what it was meant to refuse. moto keeps nothing worth flushing.
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    private void awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        Instant deadline = Instant.now().plus(timeout);
        HttpRequest ping = HttpRequest.newBuilder(endpoint().resolve("/moto-api/")).timeout(Duration.ofSeconds(2)).build();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("moto_server exited with code " + process.exitValue()
                        + " before it answered; see " + log);
            }
            try {
                if (http.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode() < 500) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for moto_server", e);
            }
            pause();
        }
        stop();
        throw new IllegalStateException("moto_server did not answer on " + endpoint() + " within " + timeout + "; see " + log);
    }

    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String findExecutable(String override, String path) {
        if (override != null && !override.isBlank()) {
            return override;
        }
        for (String dir : path.split(File.pathSeparator)) {
            File candidate = new File(dir, "moto_server");
            if (candidate.canExecute()) {
                return candidate.getAbsolutePath();
            }
        }
        throw new IllegalStateException("moto_server (the AWS emulator the tests and the local run use) is not on PATH. "
                + "Install it with: pip install 'moto[server]'   (or set MOTO_SERVER to its path)");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port on loopback", e);
        }
    }

    private static Path logFile() {
        return Path.of("target", "moto-server.log").toAbsolutePath();
    }
}
