package dev.veloera.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veloera.contracts.pricing.ModelPrice;
import dev.veloera.contracts.pricing.PricingTable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.veloera.platform.Promises.BILLED;
import static dev.veloera.platform.Promises.LOGGED;
import static dev.veloera.platform.Promises.MARGIN;
import static dev.veloera.platform.Promises.PROJECTED;
import static dev.veloera.platform.Promises.RELAY_SEES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole system on its real parts: the in-process KRaft broker, the four services as their own
 * processes on one SQLite database, and the project's mock upstream. Setup → login → channel →
 * user with quota → token → chat completions through the relay, streaming and not → billing,
 * logs, quota_data and the user's counters; then the refusals, which must bill nothing; then a
 * restart on the same data, which must keep every balance, log and key.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MODEL = "gpt-4o-mini";
    private static final long ALICE_QUOTA = 1_000_000;
    private static final ModelPrice PRICE = PricingTable.defaults().priceFor(MODEL, "default");

    // Bounds of this test beside those in Promises, each wait being the bound plus a margin.
    /** A restarted analytics-streams writes again within this (AnalyticsRestartTest's bound). */
    private static final Duration ANALYTICS_RESUMES = Duration.ofSeconds(20);
    /** A service's JVM starts and reports healthy (the platform allows 180 s; this machine needs far less). */
    private static final Duration SERVICE_STARTS = Duration.ofSeconds(60);
    /** The restarted platform serves reads (services' start-up is awaited by Platform.start itself). */
    private static final Duration READABLE_AFTER_RESTART = PROJECTED;

    private Path dataDir;

    private DemoUpstream upstream;
    private PlatformConfig config;
    private Platform platform;
    private final RelayRequests relay = new RelayRequests(() -> this.platform.relayUrl());
    private ManagementClient api;
    private ManagementClient.Session root;
    private ManagementClient.Session alice;
    private String aliceKey;
    private long billedSoFar;

    @BeforeAll
    void startPlatform() throws Exception {
        dataDir = Files.createTempDirectory("veloera-e2e");
        upstream = new DemoUpstream(0);
        upstream.start();
        config = TestPlatforms.onFreePorts(dataDir, PlatformConfig.Database.sqlite(dataDir));
        platform = new Platform(config);
        platform.start();
        api = new ManagementClient(platform.relayUrl());
    }

    @AfterAll
    void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    @Test
    @Order(1)
    void operatorSetsUpAChannelAndAUserWithQuota() {
        assertThat(api.isSetUp()).isFalse();
        api.setup("root", "root-password-1");
        await().atMost(PROJECTED.plus(MARGIN)).until(api::isSetUp); // the read model follows within a moment
        root = api.login("root", "root-password-1");

        api.createChannel(root, "mock", upstream.baseUrl(), "sk-upstream-secret", MODEL + ",gpt-4o");
        api.register("alice", "alice-password-1");
        ManagementClient.Session aliceFirst = api.login("alice", "alice-password-1");
        api.setQuota(root, aliceFirst.userId(), ALICE_QUOTA);
        alice = api.login("alice", "alice-password-1");
        long creating = System.nanoTime();
        aliceKey = api.createToken(alice, "alice-key", 500_000, false);
        long created = System.nanoTime();
        assertThat(aliceKey).startsWith("sk-");

        // the relay sees the token and the channel once they are in its catalog
        await().atMost(RELAY_SEES.plus(MARGIN)).pollInterval(Duration.ofMillis(10)).untilAsserted(() ->
                assertThat(send("GET", "/v1/models", aliceKey, null).body()).contains(MODEL));
        System.out.printf("command -> relay: POST /api/token/ answered in %d ms (once the key was in the catalog); "
                + "the relay served the key %d ms after that answer%n", (created - creating) / 1_000_000,
                (System.nanoTime() - created) / 1_000_000);
    }

    @Test
    @Order(2)
    void nonStreamingCompletionIsRelayedAndBilledByTheFormula() throws Exception {
        HttpResponse<String> response = send("POST", "/v1/chat/completions", aliceKey,
                Map.of("model", MODEL, "messages", List.of(Map.of("role", "user", "content", "Say hi"))));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.at("/choices/0/message/content").asText()).contains("You said: Say hi");
        long quota = PRICE.quotaFor(body.at("/usage/prompt_tokens").asLong(), body.at("/usage/completion_tokens").asLong());
        assertThat(quota).isPositive();
        billedSoFar += quota;
        awaitAliceBilled(billedSoFar, 1);
    }

    @Test
    @Order(3)
    void streamingCompletionArrivesAsServerSentEventsAndIsBilled() throws Exception {
        Map<String, Object> request = Map.of("model", MODEL, "stream", true,
                "messages", List.of(Map.of("role", "user", "content", "Stream me a greeting")));
        HttpResponse<Stream<String>> response = relay.send(relay.request("POST", "/v1/chat/completions", aliceKey, request),
                HttpResponse.BodyHandlers.ofLines());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        List<String> events = response.body().filter(line -> line.startsWith("data: ")).map(line -> line.substring(6)).toList();
        assertThat(events).last().isEqualTo("[DONE]");
        StringBuilder content = new StringBuilder();
        for (String event : events.subList(0, events.size() - 1)) {
            content.append(JSON.readTree(event).at("/choices/0/delta/content").asText(""));
        }
        assertThat(content.toString()).isEqualTo(String.join("", DemoUpstream.reply("Stream me a greeting")));

        // the mock's usage for this prompt: what the relay must have billed
        JsonNode messages = JSON.valueToTree(request.get("messages"));
        long quota = PRICE.quotaFor(DemoUpstream.promptTokens(messages), DemoUpstream.reply("Stream me a greeting").size());
        billedSoFar += quota;
        awaitAliceBilled(billedSoFar, 2);
    }

    @Test
    @Order(4)
    void eachRequestBecomesOneConsumeLogAndAnHourlyQuotaBucket() {
        await().atMost(LOGGED.plus(MARGIN)).untilAsserted(() -> {
            JsonNode logs = api.get(alice, "/api/log/self?p=1&page_size=10");
            assertThat(logs.path("total").asInt()).isEqualTo(2);
            long logged = 0;
            for (JsonNode row : logs.path("items")) {
                assertThat(row.path("type").asInt()).isEqualTo(2);
                assertThat(row.path("model_name").asText()).isEqualTo(MODEL);
                assertThat(row.path("token_name").asText()).isEqualTo("alice-key");
                logged += row.path("quota").asLong();
            }
            assertThat(logged).isEqualTo(billedSoFar);
        });
        await().atMost(LOGGED.plus(MARGIN)).untilAsserted(() -> {
            JsonNode buckets = api.get(alice, "/api/data/self");
            JsonNode rows = buckets.isArray() ? buckets : buckets.path("items");
            assertThat(rows).hasSize(1);
            JsonNode bucket = rows.get(0);
            assertThat(bucket.path("model_name").asText()).isEqualTo(MODEL);
            assertThat(bucket.path("count").asInt()).isEqualTo(2);
            assertThat(bucket.path("quota").asLong()).isEqualTo(billedSoFar);
            assertThat(bucket.path("created_at").asLong() % 3600).isZero();
        });
    }

    @Test
    @Order(5)
    void invalidKeyUnknownModelAndExhaustedQuotaAreRefusedInOpenAiFormatAndBillNothing() throws Exception {
        HttpResponse<String> badKey = send("POST", "/v1/chat/completions", "sk-not-a-real-key",
                Map.of("model", MODEL, "messages", List.of(Map.of("role", "user", "content", "hi"))));
        assertThat(badKey.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(badKey.body()).at("/error/code").asText()).isEqualTo("invalid_api_key");

        HttpResponse<String> unknownModel = send("POST", "/v1/chat/completions", aliceKey,
                Map.of("model", "no-such-model", "messages", List.of(Map.of("role", "user", "content", "hi"))));
        assertThat(unknownModel.statusCode()).isEqualTo(503);
        assertThat(JSON.readTree(unknownModel.body()).at("/error/code").asText()).isEqualTo("model_not_found");

        api.register("bob", "bob-password-1");
        ManagementClient.Session bob = api.login("bob", "bob-password-1");
        String bobKey = api.createToken(bob, "bob-key", 0, true);
        await().atMost(RELAY_SEES.plus(MARGIN)).untilAsserted(() ->
                assertThat(send("GET", "/v1/models", bobKey, null).statusCode()).isEqualTo(200));
        HttpResponse<String> broke = send("POST", "/v1/chat/completions", bobKey,
                Map.of("model", MODEL, "messages", List.of(Map.of("role", "user", "content", "hi"))));
        assertThat(broke.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(broke.body()).at("/error/code").asText()).isEqualTo("insufficient_user_quota");

        HttpResponse<String> upstreamFailure = send("POST", "/v1/chat/completions", aliceKey,
                Map.of("model", MODEL, "messages", List.of(Map.of("role", "user", "content", "please [fail]"))));
        assertThat(upstreamFailure.statusCode()).isGreaterThanOrEqualTo(500);
        assertThat(JSON.readTree(upstreamFailure.body()).path("error").isObject()).isTrue();

        // a failed upstream call is settled at 0: the reservation comes back, the request is counted
        await().atMost(BILLED.plus(MARGIN)).untilAsserted(() -> {
            JsonNode self = api.get(alice, "/api/user/self");
            assertThat(self.path("quota").asLong()).isEqualTo(ALICE_QUOTA - billedSoFar);
            assertThat(self.path("used_quota").asLong()).isEqualTo(billedSoFar);
        });
        JsonNode bobSelf = api.get(bob, "/api/user/self");
        assertThat(bobSelf.path("used_quota").asLong()).isZero();
        assertThat(bobSelf.path("quota").asLong()).isZero();
    }

    @Test
    @Order(6)
    void aRestartKeepsBalancesLogsAndKeys() throws Exception {
        JsonNode before = api.get(alice, "/api/user/self");
        platform.close();
        platform = new Platform(config); // same data directory and ports
        platform.start();

        JsonNode after = api.get(api.awaitReadable(alice, READABLE_AFTER_RESTART.plus(MARGIN)), "/api/user/self");
        for (String field : List.of("quota", "used_quota", "request_count")) {
            assertThat(after.path(field).asLong()).as(field).isEqualTo(before.path(field).asLong());
        }
        HttpResponse<String> response = send("POST", "/v1/chat/completions", aliceKey,
                Map.of("model", MODEL, "messages", List.of(Map.of("role", "user", "content", "Still there?"))));
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        billedSoFar += PRICE.quotaFor(body.at("/usage/prompt_tokens").asLong(), body.at("/usage/completion_tokens").asLong());
        awaitAliceBilled(billedSoFar, before.path("request_count").asInt() + 1);
        await().atMost(ANALYTICS_RESUMES.plus(LOGGED).plus(MARGIN)).untilAsserted(() ->
                assertThat(api.get(alice, "/api/log/self?type=2&p=1&page_size=10").path("total").asInt()).isEqualTo(3));
    }

    @Test
    @Order(7)
    void aServiceThatDiesIsRestartedByThePlatform() throws Exception {
        ServiceProcess query = platform.service("query-service");
        long killedPid = query.pid();
        query.kill();

        // the supervisor notices within its check interval and starts it again after the first back-off
        await().atMost(Supervisor.CHECK_INTERVAL.plus(Supervisor.FIRST_BACKOFF).plus(MARGIN))
                .until(() -> query.isAlive() && query.pid() != killedPid);
        query.awaitHealthy(SERVICE_STARTS.plus(MARGIN));
        assertThat(api.get(alice, "/api/user/self").path("used_quota").asLong()).isEqualTo(billedSoFar);
    }

    private void awaitAliceBilled(long billed, int requests) {
        await().atMost(BILLED.plus(MARGIN)).untilAsserted(() -> {
            JsonNode self = api.get(alice, "/api/user/self");
            assertThat(self.path("quota").asLong()).isEqualTo(ALICE_QUOTA - billed);
            assertThat(self.path("used_quota").asLong()).isEqualTo(billed);
            assertThat(self.path("request_count").asInt()).isEqualTo(requests);
        });
    }

    private HttpResponse<String> send(String method, String path, String key, Object body) throws Exception {
        return relay.send(method, path, key, body);
    }
}
