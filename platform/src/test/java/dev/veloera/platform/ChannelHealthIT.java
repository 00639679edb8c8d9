package dev.veloera.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veloera.contracts.pricing.ModelPrice;
import dev.veloera.contracts.pricing.PricingTable;
import dev.veloera.platform.OpenAiMockUpstream.Answer;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.veloera.platform.Promises.BILLED;
import static dev.veloera.platform.Promises.MARGIN;
import static dev.veloera.platform.Promises.PROJECTED;
import static dev.veloera.platform.Promises.RELAY_SEES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Channel health on the real parts (KRaft broker, the four services as processes, SQLite), with two mock OpenAI
 * upstreams owned by the test: channel A (priority 10) and B (priority 0) serve the same model and group. A's 429 is
 * passed over for B within the request and the log names both; A's revoked key (401 invalid_api_key) disables A after
 * the first such answer and no later request touches it; once A's upstream recovers, the periodic channel test
 * enables it again and it serves again. Every request is billed: used_quota = sum of the consume logs = the price of
 * the usage the answers carried.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChannelHealthIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MODEL = "gpt-4o-mini";
    private static final ModelPrice PRICE = PricingTable.defaults().priceFor(MODEL, "default");

    /** The periodic channel test's interval, given to command-service for this test. */
    private static final Duration TEST_INTERVAL = Duration.ofSeconds(2);
    /** db-scheduler looks for due tasks this often (CommandServiceProperties' default). */
    private static final Duration SCHEDULER_POLLS = Duration.ofSeconds(5);
    /** A recovered channel is enabled: the next test run (interval, seen at the scheduler's next poll), projected. */
    private static final Duration RE_ENABLED = TEST_INTERVAL.plus(SCHEDULER_POLLS).plus(PROJECTED);

    private final OpenAiMockUpstream upstreamA = new OpenAiMockUpstream("a");
    private final OpenAiMockUpstream upstreamB = new OpenAiMockUpstream("b");
    private Platform platform;
    private final RelayRequests relay = new RelayRequests(() -> this.platform.relayUrl());
    private ManagementClient api;
    private ManagementClient.Session root;
    private ManagementClient.Session alice;
    private String key;
    private long channelA;
    private long channelB;
    /** The price of the usage each answered request carried: what the relay charged. */
    private long charged;
    private int requests;

    /** The two mock upstreams start with the instance (their field initialisers). */
    ChannelHealthIT() throws Exception {
    }

    @BeforeAll
    void startPlatform() throws Exception {
        Path dataDir = Files.createTempDirectory("veloera-health");
        PlatformConfig config = TestPlatforms.onFreePorts(dataDir, PlatformConfig.Database.sqlite(dataDir));
        platform = new Platform(config, Map.of("VELOERA_CHANNEL_TEST_INTERVAL", TEST_INTERVAL.toString()));
        platform.start();
        api = new ManagementClient(platform.relayUrl());
        root = TestPlatforms.root(api);
        alice = TestPlatforms.user(api, root, "alice", 10_000_000);
        key = api.call("POST", "/api/token/", alice, Map.of("name", "health", "unlimited_quota", true,
                "expired_time", -1)).path("key").asText();
        // options first, and projected: the catalog's one partition then carries them before the channels
        for (String option : List.of("RetryTimes=1", "AutomaticDisableChannelEnabled=true",
                "AutomaticEnableChannelEnabled=true")) {
            String[] kv = option.split("=");
            api.call("PUT", "/api/option/", root, Map.of("key", kv[0], "value", kv[1]));
            await().atMost(PROJECTED.plus(MARGIN)).until(() -> option(kv[0]).equals(kv[1]));
        }
    }

    @AfterAll
    void stop() {
        if (platform != null) {
            platform.close();
        }
        upstreamA.close();
        upstreamB.close();
    }

    @Test
    @Order(1)
    void aRateLimitedChannelIsPassedOverForTheNextWithinTheSameRequest() throws Exception {
        channelB = createChannel("b", upstreamB, 0);
        // the key and B are in the relay's catalog (no request is sent before: each one sent must be served)
        await().atMost(RELAY_SEES.plus(MARGIN)).pollInterval(Duration.ofMillis(50))
                .until(() -> relay.send("GET", "/v1/models/" + MODEL, key, null).statusCode() == 200);
        upstreamA.answer(Answer.RATE_LIMITED);
        channelA = createChannel("a", upstreamA, 10);
        // every request is answered 200 meanwhile: by B alone until A is in the catalog, then by B after A's 429
        await().atMost(RELAY_SEES.plus(MARGIN)).until(() -> chat() && upstreamA.relayCalls() > 0);

        int aBefore = upstreamA.relayCalls();
        int bBefore = upstreamB.relayCalls();
        assertThat(chat()).isTrue();
        assertThat(upstreamA.relayCalls() - aBefore).as("A tried first").isEqualTo(1);
        assertThat(upstreamB.relayCalls() - bBefore).as("then B, in the same request").isEqualTo(1);

        int triedBoth = upstreamA.relayCalls();
        System.out.printf("%d requests so far, %d of them refused by A (429) and served by B%n", requests, triedBoth);
        await().atMost(BILLED.plus(MARGIN)).untilAsserted(() -> assertThat(consumeLogs()).hasSize(requests));
        List<JsonNode> logs = consumeLogs();
        assertThat(logs.stream().filter(row -> triedOf(row).equals(List.of(channelA, channelB))
                && row.path("channel").asLong() == channelB)).as("each request A refused: tried A then B, served by B")
                .hasSize(triedBoth);
        assertThat(logs.stream().filter(row -> triedOf(row).equals(List.of(channelB))))
                .hasSize(requests - triedBoth);
    }

    @Test
    @Order(2)
    void aChannelWhoseKeyIsRevokedIsDisabledAfterTheFirstSuchAnswerAndNotTouchedAgain() throws Exception {
        upstreamA.answer(Answer.KEY_REVOKED);
        long started = System.nanoTime();
        int aBefore = upstreamA.relayCalls();
        assertThat(chat()).as("served by B within the request").isTrue();
        assertThat(upstreamA.relayCalls() - aBefore).isEqualTo(1);

        for (int i = 0; i < 5; i++) {
            assertThat(chat()).isTrue();
        }
        assertThat(upstreamA.relayCalls() - aBefore).as("A not touched after its first 401").isEqualTo(1);

        JsonNode disabled = await().atMost(PROJECTED.plus(MARGIN)).pollInterval(Duration.ofMillis(50))
                .until(() -> api.get(root, "/api/channel/" + channelA), c -> c.path("status").asInt() == 3);
        System.out.printf("first 401 from A -> A auto-disabled (status 3, read back) in %d ms%n",
                Duration.ofNanos(System.nanoTime() - started).toMillis());
        assertThat(disabled.path("other_info").asText()).as("the reason is kept").contains("HTTP 401")
                .contains("Incorrect API key provided");
        assertThat(upstreamA.relayCalls() - aBefore).isEqualTo(1);
    }

    @Test
    @Order(3)
    void theChannelTestJobEnablesTheRecoveredChannelAndItServesAgain() throws Exception {
        int testsBefore = upstreamA.testCalls();
        upstreamA.answer(Answer.OK);
        long started = System.nanoTime();
        await().atMost(RE_ENABLED.plus(MARGIN)).pollInterval(Duration.ofMillis(100))
                .until(() -> api.get(root, "/api/channel/" + channelA).path("status").asInt() == 1);
        long enabledMs = Duration.ofNanos(System.nanoTime() - started).toMillis();
        System.out.printf("A's upstream recovered -> A enabled by the channel test job in %d ms (bound %d s + %d s)%n",
                enabledMs, RE_ENABLED.toSeconds(), MARGIN.toSeconds());
        assertThat(upstreamA.testCalls()).as("enabled by a test call").isGreaterThan(testsBefore);

        int aBefore = upstreamA.relayCalls();
        await().atMost(RELAY_SEES.plus(MARGIN)).until(() -> chat() && upstreamA.relayCalls() > aBefore);
        int bBefore = upstreamB.relayCalls();
        assertThat(chat()).isTrue();
        assertThat(upstreamB.relayCalls()).as("A, of the higher priority, serves alone").isEqualTo(bBefore);
    }

    @Test
    @Order(4)
    void everyRequestIsBilledAndTheLogsAndBalanceAgreeWithWhatTheRelayCharged() {
        JsonNode self = await().atMost(BILLED.plus(MARGIN)).pollInterval(Duration.ofMillis(100))
                .until(() -> api.get(alice, "/api/user/self"), s -> s.path("request_count").asLong() == requests);
        await().atMost(BILLED.plus(MARGIN)).untilAsserted(() -> assertThat(consumeLogs()).hasSize(requests));
        long logged = consumeLogs().stream().mapToLong(row -> row.path("quota").asLong()).sum();
        System.out.printf("%d requests, charged %d, logged %d, used_quota %d%n", requests, charged, logged,
                self.path("used_quota").asLong());
        assertThat(charged).isPositive();
        assertThat(logged).isEqualTo(charged);
        assertThat(self.path("used_quota").asLong()).isEqualTo(charged);
    }

    private long createChannel(String name, OpenAiMockUpstream upstream, long priority) {
        return api.call("POST", "/api/channel/", root, Map.of("type", 0, "name", name, "key", "sk-upstream-" + name,
                "base_url", upstream.baseUrl(), "models", MODEL, "group", "default", "priority", priority,
                "auto_ban", 1)).path("id").asLong();
    }

    /** One relayed request; true when it was answered 200, whose usage is then added to what was charged. */
    private boolean chat() throws Exception {
        HttpResponse<String> response = relay.send("POST", "/v1/chat/completions", key, Map.of("model", MODEL,
                "messages", List.of(Map.of("role", "user", "content", OpenAiMockUpstream.RELAY_MARKER))));
        requests++;
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode usage = JSON.readTree(response.body()).path("usage");
        charged += PRICE.quotaFor(usage.path("prompt_tokens").asLong(), usage.path("completion_tokens").asLong());
        return true;
    }

    /** alice's consume logs, as root reads them (GET /api/log/). */
    private List<JsonNode> consumeLogs() {
        List<JsonNode> rows = new ArrayList<>();
        api.get(root, "/api/log/?type=2&username=alice&p=1&page_size=100").path("items").forEach(rows::add);
        return rows;
    }

    private static List<Long> triedOf(JsonNode row) {
        try {
            JsonNode other = row.path("other");
            JsonNode parsed = other.isTextual() ? JSON.readTree(other.asText()) : other;
            List<Long> tried = new ArrayList<>();
            parsed.path("channels_tried").forEach(id -> tried.add(id.asLong()));
            return tried;
        } catch (Exception e) {
            throw new AssertionError("unreadable other: " + row, e);
        }
    }

    private String option(String key) {
        JsonNode data = api.get(root, "/api/option/");
        for (JsonNode entry : data) {
            if (key.equals(entry.path("key").asText())) {
                return entry.path("value").asText();
            }
        }
        return data.path(key).asText("");
    }
}
