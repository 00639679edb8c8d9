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
import java.util.Map;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Driven by bench/request-path.sh, which starts nginx (a static upstream and a proxy_pass to it) and a
 * platform. Sets the platform up through its management API (a channel on the static upstream, a user, a
 * key), then runs wrk against the three arms at 1 and 64 connections and prints what the relay adds, as
 * figures and as ratios to the direct and nginx arms of this same run; then holds the relay at 64
 * connections and samples how far billing (settled and projected) and the logs lag behind what it served.
 *
 *   java bench/RequestPath.java RELAY_URL STATIC_URL PROXY_URL ARM_SECONDS SUSTAIN_SECONDS WORK_DIR
 */
public class RequestPath {

    static final String MODEL = "gpt-4o-mini";
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        String relay = args[0], direct = args[1], proxy = args[2];
        int armSeconds = Integer.parseInt(args[3]);
        int sustainSeconds = Integer.parseInt(args[4]);
        Path work = Path.of(args[5]);

        Setup setup = Setup.run(relay, direct);
        Path script = work.resolve("post.lua");
        Files.writeString(script, """
                wrk.method = "POST"
                wrk.body = '{"model":"%s","max_tokens":20,"messages":[{"role":"user","content":"benchmark"}]}'
                wrk.headers["Content-Type"] = "application/json"
                wrk.headers["Authorization"] = "Bearer %s"
                """.formatted(MODEL, setup.key()));

        // warm-up: every JVM's JIT (measured: the relay's p50 at one connection was 3.9 ms 25 s after start-up and
        // 0.68 ms after the sustained load), connection pools, leases; then what it left in flight settles
        int warmUpSeconds = Integer.parseInt(System.getenv().getOrDefault("WARM_UP_SECONDS", "40"));
        wrk(relay + "/v1/chat/completions", script, 64, warmUpSeconds);
        wrk(direct, script, 8, 2);
        wrk(proxy, script, 8, 2);
        setup.settled();

        // the sustained load first: the JVMs' JIT compilers were still busy after 40 s of warm-up (C2 threads took
        // a quarter of a core in the relay and a tenth in the broker during the one-connection arm), so the arms
        // below are measured after it, warm, once everything it served is billed and logged
        sustain(relay, script, setup, sustainSeconds);
        setup.settled();
        System.out.printf("%nnon-streaming chat completions, wrk %d s per arm%n", armSeconds);
        System.out.println("connections | arm              |   p50 µs |   p99 µs |     req/s | errors");
        for (int connections : new int[] {1, 64}) {
            Wrk d = wrk(direct, script, connections, armSeconds);
            Wrk n = wrk(proxy, script, connections, armSeconds);
            ProcessCpu before = ProcessCpu.sample();
            Wrk r = wrk(relay + "/v1/chat/completions", script, connections, armSeconds);
            String relayArmCpu = ProcessCpu.sample().since(before, (long) (r.requestsPerSecond * armSeconds));
            for (var arm : List.of(new Object[] {"direct", d}, new Object[] {"nginx proxy_pass", n},
                    new Object[] {"relay", r})) {
                Wrk w = (Wrk) arm[1];
                System.out.printf(Locale.ROOT, "%11d | %-16s | %8.0f | %8.0f | %9.0f | %d%n", connections, arm[0],
                        w.p50Micros, w.p99Micros, w.requestsPerSecond, w.errors);
            }
            System.out.printf(Locale.ROOT, "%11d | added by nginx: p50 %.0f µs, p99 %.0f µs; added by the relay: p50 %.0f µs,"
                            + " p99 %.0f µs (%.1f× nginx's p50); relay throughput %.2f× direct, %.2f× nginx%n",
                    connections, n.p50Micros - d.p50Micros, n.p99Micros - d.p99Micros, r.p50Micros - d.p50Micros,
                    r.p99Micros - d.p99Micros, (r.p50Micros - d.p50Micros) / Math.max(1, n.p50Micros - d.p50Micros),
                    r.requestsPerSecond / d.requestsPerSecond, r.requestsPerSecond / n.requestsPerSecond);
            System.out.printf("%11d | CPU during the relay's arm: %s%n", connections, relayArmCpu);
        }
    }

    /** The relay held at 64 connections: samples served vs. billed vs. logged every second. */
    static void sustain(String relay, Path script, Setup setup, int seconds) throws Exception {
        Counts start = setup.settled(); // what the arms left in flight settles first
        long servedBefore = served(relay);
        ProcessCpu cpuBefore = ProcessCpu.sample();
        Process load = new ProcessBuilder("wrk", "-t2", "-c64", "-d" + seconds + "s", "--timeout", "10s", "--latency", "-s",
                script.toString(), relay + "/v1/chat/completions").redirectErrorStream(true).start();
        List<long[]> servedHistory = new ArrayList<>(); // {nanos, served}
        double worstBilledLag = 0, worstLoggedLag = 0;
        long heapStart = -1, heapEnd = -1;
        long started = System.nanoTime();
        while (load.isAlive()) {
            Thread.sleep(1000);
            long now = System.nanoTime();
            long servedNow = served(relay) - servedBefore;
            servedHistory.add(new long[] {now, servedNow});
            Counts counts = setup.counts();
            worstBilledLag = Math.max(worstBilledLag, lagSeconds(servedHistory, counts.billed() - start.billed(), now));
            worstLoggedLag = Math.max(worstLoggedLag, lagSeconds(servedHistory, counts.logged() - start.logged(), now));
            long heap = heapUsed(relay);
            if (heapStart < 0 && now - started > 10_000_000_000L) {
                heapStart = heap;
            }
            heapEnd = heap;
        }
        Wrk result = Wrk.parse(new String(load.getInputStream().readAllBytes()));
        String cpu = ProcessCpu.sample().since(cpuBefore, (long) (result.requestsPerSecond * seconds));
        long drainStart = System.nanoTime();
        long servedTotal = served(relay) - servedBefore;
        for (long previous = -1; previous != servedTotal; ) { // requests still in flight at the relay finish
            Thread.sleep(500);
            previous = servedTotal;
            servedTotal = served(relay) - servedBefore;
        }
        Counts counts = setup.counts();
        while ((counts.billed() - start.billed() < servedTotal
                || counts.logged() - start.logged() < servedTotal)
                && System.nanoTime() - drainStart < 120_000_000_000L) {
            Thread.sleep(100);
            counts = setup.counts();
        }
        double drained = (System.nanoTime() - drainStart) / 1e9;
        for (Counts previous = null; !counts.equals(previous); ) { // the last sink batches land
            Thread.sleep(1000);
            previous = counts;
            counts = setup.counts();
        }
        System.out.printf(Locale.ROOT, "%nsustained %d s at 64 connections: %.0f req/s, p50 %.0f µs, p99 %.0f µs, %d errors%n",
                seconds, result.requestsPerSecond, result.p50Micros, result.p99Micros, result.errors);
        System.out.println("CPU while loaded: " + cpu);
        System.out.printf(Locale.ROOT, "worst lag while loaded (sampled every second, so 0.0 = under a second):"
                + " billed (settled and projected) %.1f s, logged %.1f s; all %d billed and logged %.1f s after the"
                + " load ended%n", worstBilledLag, worstLoggedLag, servedTotal, drained);
        System.out.printf(Locale.ROOT, "afterwards: users.used_quota %d, sum of logs.quota %d, requests %d × %d quota each = %d%n",
                counts.usedQuota(), counts.loggedQuota(), counts.billed(), setup.unitQuota(),
                counts.billed() * setup.unitQuota());
        System.out.printf(Locale.ROOT, "relay heap in use: %.1f MB at 10 s, %.1f MB at the end%n",
                heapStart / 1e6, heapEnd / 1e6);
    }

    /** Seconds since the relay had served as many requests as are billed now. */
    static double lagSeconds(List<long[]> servedHistory, long billed, long now) {
        for (long[] sample : servedHistory) {
            if (sample[1] > billed) {
                return (now - sample[0]) / 1e9;
            }
        }
        return 0;
    }

    /** The relay serves its metrics on a separate, local port only (VELOERA_RELAY_METRICS_PORT). */
    static String metricsUrl(String relay) {
        return System.getenv().getOrDefault("VELOERA_RELAY_METRICS_URL", relay);
    }

    static long served(String relay) throws Exception {
        String text = get(metricsUrl(relay) + "/actuator/prometheus", null);
        long total = 0;
        Matcher m = Pattern.compile("(?m)^veloera_relay_requests_total\\{[^}]*} ([0-9.eE+]+)").matcher(text);
        while (m.find()) {
            total += (long) Double.parseDouble(m.group(1));
        }
        return total;
    }

    static long heapUsed(String relay) throws Exception {
        String text = get(metricsUrl(relay) + "/actuator/prometheus", null);
        Matcher m = Pattern.compile("(?m)^jvm_memory_used_bytes\\{area=\"heap\"[^}]*} ([0-9.eE+]+)").matcher(text);
        long used = 0;
        while (m.find()) {
            used += (long) Double.parseDouble(m.group(1));
        }
        return used;
    }

    record Wrk(double p50Micros, double p99Micros, double requestsPerSecond, long errors) {
        static Wrk parse(String out) {
            return new Wrk(micros(out, "50%"), micros(out, "99%"), number(out, "Requests/sec:\\s+([0-9.]+)"),
                    (long) (number(out, "Non-2xx or 3xx responses: (\\d+)") + errors(out)));
        }

        private static double micros(String out, String percentile) {
            Matcher m = Pattern.compile("(?m)^\\s+" + percentile + "\\s+([0-9.]+)(us|ms|s)").matcher(out);
            if (!m.find()) {
                return Double.NaN;
            }
            double value = Double.parseDouble(m.group(1));
            return switch (m.group(2)) {
                case "us" -> value;
                case "ms" -> value * 1000;
                default -> value * 1_000_000;
            };
        }

        private static double number(String out, String regex) {
            Matcher m = Pattern.compile(regex).matcher(out);
            return m.find() ? Double.parseDouble(m.group(1)) : 0;
        }

        private static long errors(String out) {
            Matcher m = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)").matcher(out);
            return m.find() ? Long.parseLong(m.group(1)) + Long.parseLong(m.group(2)) + Long.parseLong(m.group(3))
                    + Long.parseLong(m.group(4)) : 0;
        }
    }

    static Wrk wrk(String url, Path script, int connections, int seconds) throws Exception {
        int threads = Math.min(2, connections);
        Process process = new ProcessBuilder("wrk", "-t" + threads, "-c" + connections, "-d" + seconds + "s",
                "--timeout", "10s", "--latency", "-s", script.toString(), url.endsWith("/v1/chat/completions") ? url : url + "/v1/chat/completions")
                .redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        process.waitFor();
        return Wrk.parse(out);
    }

    record Counts(long billed, long usedQuota, long logged, long loggedQuota) {
    }

    /**
     * CPU time so far of every process on the request path (utime + stime from /proc, clock ticks of 10 ms), so that
     * each arm says where the machine's two cores went: the relay, the pipeline behind it and nginx. (Not wrk: it
     * starts and ends between two samples, and a process gone has no /proc entry.)
     */
    record ProcessCpu(Map<String, Long> ticks, long nanos) {
        static final List<String> NAMES = List.of("relay-service", "analytics-streams", "platform", "command-service",
                "query-service", "nginx");

        static ProcessCpu sample() {
            Map<String, Long> ticks = new LinkedHashMap<>();
            NAMES.forEach(name -> ticks.put(name, 0L));
            ProcessHandle.allProcesses().forEach(process -> {
                String command = process.info().commandLine().orElse(process.info().command().orElse(""));
                for (String name : NAMES) {
                    if (command.contains(name + ".jar") || command.matches("(.*/)?" + name + "\\b.*")) {
                        ticks.merge(name, cpuTicks(process.pid()), Long::sum);
                        break;
                    }
                }
            });
            return new ProcessCpu(ticks, System.nanoTime());
        }

        private static long cpuTicks(long pid) {
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
            } catch (IOException | RuntimeException gone) {
                return 0;
            }
        }

        /** "relay-service 85 % (0.29 ms/request), …": % of one core since {@code before}, and per request. */
        String since(ProcessCpu before, long requests) {
            double seconds = (nanos - before.nanos) / 1e9;
            StringBuilder text = new StringBuilder();
            for (String name : NAMES) {
                double cpuSeconds = (ticks.get(name) - before.ticks.getOrDefault(name, 0L)) / 100.0;
                text.append(String.format(Locale.ROOT, "%s%s %.0f %% (%.3f ms/request)", text.isEmpty() ? "" : ", ",
                        name, 100 * cpuSeconds / seconds, 1000 * cpuSeconds / Math.max(1, requests)));
            }
            return text.toString();
        }
    }

    /** The installation the benchmark runs on, and how to read its counters. */
    record Setup(String relay, String userToken, String key, long unitQuota, Counts baseline) {

        static Setup run(String relay, String upstream) throws Exception {
            call(relay, "POST", "/api/setup", null, "{\"username\":\"root\",\"password\":\"bench-password-1\"}");
            String root = login(relay, "root", "bench-password-1");
            call(relay, "POST", "/api/channel/", root, ("{\"type\":0,\"name\":\"static\",\"key\":\"sk-static\","
                    + "\"base_url\":\"%s\",\"models\":\"%s\",\"group\":\"default\"}").formatted(upstream, MODEL));
            call(relay, "POST", "/api/user/register", null, "{\"username\":\"bench\",\"password\":\"bench-password-1\"}");
            // one login: each login issues a new access token and the previous one stops working
            String loggedIn = call(relay, "POST", "/api/user/login", null,
                    "{\"username\":\"bench\",\"password\":\"bench-password-1\"}");
            String user = field(loggedIn, "access_token");
            long userId = Long.parseLong(field(loggedIn, "id"));
            call(relay, "PUT", "/api/user/", root, "{\"id\":%d,\"quota\":1000000000000}".formatted(userId));
            String key = field(call(relay, "POST", "/api/token/", user,
                    "{\"name\":\"bench\",\"remain_quota\":0,\"unlimited_quota\":true,\"expired_time\":-1}"), "key");
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (true) {
                HttpResponse<String> probe = HTTP.send(HttpRequest.newBuilder(URI.create(relay + "/v1/chat/completions"))
                        .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + MODEL
                                + "\",\"messages\":[{\"role\":\"user\",\"content\":\"first\"}]}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (probe.statusCode() == 200) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the relay never served the bench key: " + probe.body());
                }
                Thread.sleep(200);
            }
            Setup setup = new Setup(relay, user, key, 0, null);
            Counts first;
            do {
                Thread.sleep(200);
                first = setup.counts();
            } while (first.billed() < 1 || first.logged() < 1);
            return new Setup(relay, user, key, first.usedQuota(), first);
        }

        /** The counts once they stopped moving: nothing the relay served is still on its way to billing or logs. */
        Counts settled() throws Exception {
            Counts counts = counts();
            for (Counts previous = null; !counts.equals(previous); ) {
                Thread.sleep(1000);
                previous = counts;
                counts = counts();
            }
            return counts;
        }

        Counts counts() throws Exception {
            String self = call(relay, "GET", "/api/user/self", userToken, null);
            String logs = call(relay, "GET", "/api/log/self/stat", userToken, null);
            String page = call(relay, "GET", "/api/log/self?p=1&page_size=1", userToken, null);
            return new Counts(Long.parseLong(field(self, "request_count")), Long.parseLong(field(self, "used_quota")),
                    Long.parseLong(field(page, "total")), Long.parseLong(field(logs, "quota")));
        }

        private static String login(String relay, String username, String password) throws Exception {
            return field(call(relay, "POST", "/api/user/login", null,
                    "{\"username\":\"%s\",\"password\":\"%s\"}".formatted(username, password)), "access_token");
        }
    }

    static String call(String base, String method, String path, String bearer, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 400 || !response.body().contains("\"success\":true")) {
            throw new IOException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    static String get(String url, String bearer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The first value of a JSON field, string or number, found anywhere in {@code json}. */
    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*(\"([^\"]*)\"|(-?[0-9]+))").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no field " + name + " in " + json);
        }
        return m.group(2) != null ? m.group(2) : m.group(3);
    }
}
