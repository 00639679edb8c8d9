import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the gateway adds to a request: the same chat completions sent straight to the demo upstream
 * (the baseline) and through the relay (key check, channel choice, quota reservation, usage event),
 * in one run, then the ratio. Needs `./veloera platform --demo` running; loopback only; bounded.
 *
 *   java bench/RelayOverhead.java [requests=400] [concurrency=8]
 */
public class RelayOverhead {

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 400;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        String key = demoKey();
        String body = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"benchmark\"}]}";
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        run(http, "http://127.0.0.1:3999/v1/chat/completions", "demo-key", body, 50, concurrency); // warm-up
        run(http, "http://127.0.0.1:3000/v1/chat/completions", key, body, 50, concurrency);
        Result direct = run(http, "http://127.0.0.1:3999/v1/chat/completions", "demo-key", body, requests, concurrency);
        Result relayed = run(http, "http://127.0.0.1:3000/v1/chat/completions", key, body, requests, concurrency);

        System.out.printf("%d non-streaming requests, %d concurrent%n", requests, concurrency);
        System.out.println(direct.describe("upstream direct (baseline)"));
        System.out.println(relayed.describe("through the relay"));
        System.out.printf("ratio relay/direct: p50 %.2fx, p95 %.2fx, throughput %.2fx%n",
                relayed.p(50) / direct.p(50), relayed.p(95) / direct.p(95), relayed.throughput() / direct.throughput());
    }

    record Result(List<Double> latenciesMs, double seconds, int failures) {
        double p(int percentile) {
            List<Double> sorted = new ArrayList<>(latenciesMs);
            Collections.sort(sorted);
            return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1));
        }

        double throughput() {
            return latenciesMs.size() / seconds;
        }

        String describe(String name) {
            return String.format("%-28s p50 %6.1f ms  p95 %6.1f ms  p99 %6.1f ms  %7.1f req/s  failures %d",
                    name, p(50), p(95), p(99), throughput(), failures);
        }
    }

    static Result run(HttpClient http, String url, String key, String body, int requests, int concurrency) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        int[] failures = {0};
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(concurrency)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                futures.add(pool.submit(() -> {
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() != 200) {
                            synchronized (failures) { failures[0]++; }
                            return;
                        }
                        latencies.add((System.nanoTime() - t0) / 1e6);
                    } catch (Exception e) {
                        synchronized (failures) { failures[0]++; }
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        }
        return new Result(latencies, (System.nanoTime() - start) / 1e9, failures[0]);
    }

    static String demoKey() throws Exception {
        String json = Files.readString(Path.of(System.getProperty("veloera.data", "data"), "demo.json"));
        Matcher m = Pattern.compile("\"key\"\\s*:\\s*\"(sk-[^\"]+)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no demo key in data/demo.json: start ./veloera platform --demo first");
        }
        return m.group(1);
    }
}
