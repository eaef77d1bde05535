package autopilot.testsupport;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One packaged service run as its own process, as on ECS: configuration from the environment and -D
 * options, log to a file, killed without warning on demand (a crashed task).
 */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Path jar;
    private final int port;
    private final Path log;
    private final Map<String, String> env;
    private final List<String> options;
    private Process process;

    private ServiceProcess(String name, Path jar, Map<String, String> env, List<String> options, Path logs) {
        this.name = name;
        this.jar = jar;
        this.port = freePort();
        this.log = logs.resolve(name + ".log");
        this.env = env;
        this.options = new ArrayList<>(options);
    }

    /** Service {@code name} (its module's directory), packaged in a sibling module; run from another module's tests. */
    public static ServiceProcess sibling(String name, Map<String, String> env, List<String> options, Path logs) {
        return new ServiceProcess(name, Path.of("..", name, "target", "quarkus-app", "quarkus-run.jar"), env, options, logs);
    }

    /** The service this module packages ({@code name} is its module's directory), from its own integration tests. */
    public static ServiceProcess ofThisModule(String name, Map<String, String> env, List<String> options, Path logs) {
        return new ServiceProcess(name, Path.of("target", "quarkus-app", "quarkus-run.jar"), env, options, logs);
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    /** The service's HTTP address on this machine, e.g. {@code http://127.0.0.1:41234}. */
    public String address() {
        return "http://127.0.0.1:" + port;
    }

    /** Adds a -D option for the next start: one that needs the service's own address, known only once the port is chosen. */
    public ServiceProcess withOption(String option) {
        options.add(option);
        return this;
    }

    /** The file the process logs to (appended to across restarts): what a test reads to see what it did. */
    public Path log() {
        return log;
    }

    public ServiceProcess start() throws IOException {
        if (!Files.exists(jar)) throw new IllegalStateException(jar + " is missing: build with ./mvnw -pl " + name + " -am package");
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Dquarkus.http.port=" + port));
        command.addAll(options);
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        process = builder.start();
        return this;
    }

    public void awaitReady(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) throw new IllegalStateException(name + " exited; see " + log);
            try {
                if (get("/q/health/ready").statusCode() == 200) return;
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(300);
        }
        throw new IllegalStateException(name + " not ready after " + timeout + "; see " + log);
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> post(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Killed without warning, as a crashed task. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(15, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
