package dev.veloera.bench.stacks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Driven by bench/server-stacks.sh, which starts nginx (a static upstream and a proxy_pass to it). Measures the
 * direct and proxy_pass arms, then each stack in a JVM of its own, one after another, with wrk at 1 and 64
 * connections, and prints what each adds, as figures and as ratios to the nginx arms of this same run.
 *
 *   Driver STATIC_URL PROXY_URL ARM_SECONDS WORK_DIR FIRST_PORT STACK...
 */
public final class Driver {

    static final String PATH = "/v1/chat/completions";
    static final int[] CONNECTIONS = {1, 64};
    /** relay-service's own options under the platform (ServiceProcess), the same for every stack. */
    static final List<String> JVM_OPTIONS = List.of("-Xmx512m", "-XX:+UseSerialGC");

    /** One arm at one connection count, with the CPU the stack's JVM spent per request (NaN for nginx's arms). */
    record Result(Wrk wrk, double cpuMicrosPerRequest) {
    }

    public static void main(String[] args) throws Exception {
        String direct = args[0] + PATH, proxy = args[1] + PATH;
        int seconds = Integer.parseInt(args[2]);
        Path work = Path.of(args[3]);
        int port = Integer.parseInt(args[4]);
        Path script = work.resolve("post.lua");
        Files.writeString(script, """
                wrk.method = "POST"
                wrk.body = '{"model":"gpt-4o-mini","max_tokens":20,"messages":[{"role":"user","content":"benchmark"}]}'
                wrk.headers["Content-Type"] = "application/json"
                wrk.headers["Authorization"] = "Bearer sk-bench"
                """);

        Map<String, Result[]> arms = new LinkedHashMap<>();
        Wrk.run(direct, script, 8, 2); // warm-up
        Wrk.run(proxy, script, 8, 2);
        arms.put("direct", measure(direct, script, seconds, null));
        arms.put("nginx proxy_pass", measure(proxy, script, seconds, null));
        List<String> stacks = List.of(args).subList(5, args.length);
        for (String stack : stacks) {
            arms.put(stack, measureStack(stack, port++, args[0], script, seconds, work));
        }
        Result[] directAgain = measure(direct, script, seconds, null); // how far the machine drifted during the run
        print(arms, seconds);
        System.out.printf(Locale.ROOT, "direct again at the end: p50 %.0f µs at 1 connection, %.0f req/s at 64%n",
                directAgain[0].wrk().p50Micros(), directAgain[1].wrk().requestsPerSecond());
    }

    static Result[] measure(String url, Path script, int seconds, ProcessHandle stack) throws IOException, InterruptedException {
        Result[] results = new Result[CONNECTIONS.length];
        for (int i = 0; i < CONNECTIONS.length; i++) {
            long cpuBefore = cpuNanos(stack);
            Wrk wrk = Wrk.run(url, script, CONNECTIONS[i], seconds);
            results[i] = new Result(wrk, stack == null ? Double.NaN
                    : (cpuNanos(stack) - cpuBefore) / 1000.0 / Math.max(1, wrk.requests()));
        }
        return results;
    }

    /** User and system CPU time of the stack's whole JVM (its GC and JIT threads too). */
    static long cpuNanos(ProcessHandle process) {
        return process == null ? 0 : process.info().totalCpuDuration().orElseThrow().toNanos();
    }

    static Result[] measureStack(String stack, int port, String upstream, Path script, int seconds, Path work)
            throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(JVM_OPTIONS);
        // e.g. -Xlog:gc:file=/tmp/gc-%p.log, to see what a stack's tail is made of
        String extra = System.getenv().getOrDefault("STACK_JAVA_OPTS", "");
        if (!extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        if (stack.equals("jdk-httpserver")) {
            command.add("-Dsun.net.httpserver.nodelay=true");
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Stacks.class.getName(),
                stack, Integer.toString(port), upstream));
        Path log = work.resolve(stack + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            String url = "http://127.0.0.1:" + port + PATH;
            awaitReady(stack, process, log, url);
            Files.readAllLines(log).stream().filter(line -> line.startsWith("filters: "))
                    .forEach(line -> System.out.println(stack + " " + line));
            Wrk.run(url, script, 64, 5); // warm-up: JIT, the upstream pool
            Wrk.run(url, script, 1, 3);
            return measure(url, script, seconds, process.toHandle());
        } finally {
            process.destroy();
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    /** Waits for the stack's "ready" line, then checks that it relays: a 200 carrying the upstream's usage. */
    static void awaitReady(String stack, Process process, Path log, String url) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!Files.readString(log).contains("ready: ")) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException(stack + " did not start; see " + log);
            }
            Thread.sleep(100);
        }
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt-4o-mini\",\"messages\":[]}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200 || !answer.body().contains("\"total_tokens\":30")) {
                throw new IllegalStateException(stack + " answered " + answer.statusCode() + ": " + answer.body());
            }
        }
    }

    static void print(Map<String, Result[]> arms, int seconds) {
        Wrk[] direct = wrks(arms.get("direct")), nginx = wrks(arms.get("nginx proxy_pass"));
        System.out.printf("%nnon-streaming chat completions, wrk %d s per arm, each stack in its own JVM %s%n",
                seconds, JVM_OPTIONS);
        System.out.println("conns | arm              |  p50 µs |  p99 µs |   req/s | errors | added p50 | added p99 |"
                + " ÷ nginx's added p50 | req/s ÷ direct | req/s ÷ nginx | stack CPU µs/req");
        for (int i = 0; i < CONNECTIONS.length; i++) {
            double nginxAdded = Math.max(1, nginx[i].p50Micros() - direct[i].p50Micros());
            for (Map.Entry<String, Result[]> arm : arms.entrySet()) {
                Wrk w = arm.getValue()[i].wrk();
                double cpu = arm.getValue()[i].cpuMicrosPerRequest();
                double added = w.p50Micros() - direct[i].p50Micros();
                System.out.printf(Locale.ROOT, "%5d | %-16s | %7.0f | %7.0f | %7.0f | %6d | %9.0f | %9.0f | %19.1f | %14.2f | %13.2f | %16s%n",
                        CONNECTIONS[i], arm.getKey(), w.p50Micros(), w.p99Micros(), w.requestsPerSecond(), w.errors(),
                        added, w.p99Micros() - direct[i].p99Micros(), added / nginxAdded,
                        w.requestsPerSecond() / direct[i].requestsPerSecond(),
                        w.requestsPerSecond() / nginx[i].requestsPerSecond(),
                        Double.isNaN(cpu) ? "" : String.format(Locale.ROOT, "%.0f", cpu));
            }
        }
        System.out.println("\nagainst issue 6's relay targets (added p50 ≤ 250 µs at 1 connection, ≥ 5,000 req/s at 64):");
        arms.forEach((name, results) -> {
            Wrk[] w = wrks(results);
            if (!name.equals("direct") && !name.equals("nginx proxy_pass")) {
                double added = w[0].p50Micros() - direct[0].p50Micros();
                System.out.printf(Locale.ROOT, "  %-16s adds %4.0f µs p50, %5.0f µs p99 at 1 connection %s;"
                                + " %6.0f req/s at 64 connections %s (%.2f× nginx proxy_pass), %.0f µs CPU per request%n", name, added,
                        w[0].p99Micros() - direct[0].p99Micros(), added <= 250 ? "(meets)" : "(misses)",
                        w[1].requestsPerSecond(), w[1].requestsPerSecond() >= 5000 ? "(meets)" : "(misses)",
                        w[1].requestsPerSecond() / nginx[1].requestsPerSecond(), results[1].cpuMicrosPerRequest());
            }
        });
    }

    static Wrk[] wrks(Result[] results) {
        Wrk[] wrks = new Wrk[results.length];
        for (int i = 0; i < results.length; i++) {
            wrks[i] = results[i].wrk();
        }
        return wrks;
    }
}
