package dev.veloera.platform;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
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
import java.util.concurrent.TimeUnit;

/**
 * One service (command, query, relay, analytics) run as its own JVM from its Spring Boot jar, as
 * it would run in production; its output goes to {@code <data>/logs/<name>.log}.
 */
final class ServiceProcess implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ServiceProcess.class);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Path jar;
    private final int port;
    private final Map<String, String> environment;
    private final Path logFile;
    private volatile Process process;
    private volatile boolean stopping;

    ServiceProcess(String name, Path jar, int port, Map<String, String> environment, Path logDir) {
        this.name = name;
        this.jar = jar;
        this.port = port;
        this.environment = environment;
        this.logFile = logDir.resolve(name + ".log");
    }

    String name() {
        return name;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Starts the process; also used by the {@link Supervisor} to start it again after it died. */
    void start() throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build first (./mvnw -DskipTests package)");
        }
        Files.createDirectories(logFile.getParent());
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions());
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        builder.environment().putAll(environment);
        stopping = false;
        process = builder.start();
        log.info("Started {} (pid {}), log in {}", name, process.pid(), logFile);
    }

    /**
     * Small heaps and the serial collector: five JVMs share the machine. The relay serves every request and gets
     * the optimising JIT compiler (C2); the others start faster with C1 alone, which is plenty for their load
     * (measured: the relay used 0.8 of a core at 1,200 req/s and the others 0.1-0.4 each).
     */
    private List<String> jvmOptions() {
        return name.startsWith("relay-service")
                ? List.of("-Xmx512m", "-XX:+UseSerialGC")
                : List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    }

    /** Waits until {@code /actuator/health} answers UP; fails early if the process dies. */
    void awaitHealthy(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        HttpRequest request = HttpRequest.newBuilder(URI.create(url() + "/actuator/health"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue()
                        + " during start-up; see " + logFile);
            }
            try {
                HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
                    log.info("{} is up at {}", name, url());
                    return;
                }
            } catch (IOException notYetListening) {
                // keep polling until the deadline
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " was not healthy within " + timeout.toSeconds() + " s; see " + logFile);
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** True once {@link #close} began: a stop that is meant, not a death to recover from. */
    boolean isStopping() {
        return stopping;
    }

    int exitCode() {
        Process current = process;
        return current == null || current.isAlive() ? -1 : current.exitValue();
    }

    Path logFile() {
        return logFile;
    }

    long pid() {
        return process == null ? -1 : process.pid();
    }

    /** SIGTERM (Spring's graceful shutdown), then a hard kill after 30 s. */
    @Override
    public void close() {
        stopping = true;
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                log.warn("{} did not stop within 30 s; killing it", name);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        log.info("{} stopped", name);
    }

    /** For fault tests: the process dies at once, as on a crash or `kill -9` (the supervisor restarts it). */
    void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
