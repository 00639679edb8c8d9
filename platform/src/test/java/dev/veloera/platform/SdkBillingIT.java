package dev.veloera.platform;

import com.fasterxml.jackson.databind.JsonNode;
import dev.veloera.contracts.channel.ChannelTypes;
import dev.veloera.platform.SdkRequests.Billed;
import dev.veloera.relay.providers.MockProviders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.veloera.platform.Promises.BILLED;
import static dev.veloera.platform.Promises.LOGGED;
import static dev.veloera.platform.Promises.MARGIN;
import static dev.veloera.platform.Promises.PROJECTED;
import static dev.veloera.platform.Promises.RELAY_SEES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 9's billing check on the real parts (KRaft broker, the four services as processes, SQLite): one request of
 * every endpoint and channel type relay-service's SDK tests cover, sent with the official SDKs through the relay to
 * the mock upstreams of each provider format (relay-service's {@link MockProviders}), is settled by command-service,
 * logged by analytics-streams and projected by query-service at the quota its rule gives: each request's
 * {@code logs} row (found by the relay's request id) holds it, the user's {@code used_quota} is their sum, the
 * {@code quota} dropped by exactly that sum and {@code request_count} counts every request.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SdkBillingIT {

    private static final String AZURE_API_VERSION = "2025-01-01-preview";
    private static final long ALICE_QUOTA = 10_000_000;


    private final MockProviders upstream = new MockProviders();
    private Platform platform;
    private ManagementClient api;
    private ManagementClient.Session root;
    private ManagementClient.Session alice;
    private String key;

    /** The mock upstreams start with the instance (their field initialiser). */
    SdkBillingIT() throws Exception {
    }

    @BeforeAll
    void startPlatform() throws Exception {
        Path dataDir = Files.createTempDirectory("veloera-sdk-billing");
        platform = new Platform(TestPlatforms.onFreePorts(dataDir, PlatformConfig.Database.sqlite(dataDir)));
        platform.start();
        api = new ManagementClient(platform.relayUrl());
        root = TestPlatforms.root(api);
        alice = TestPlatforms.user(api, root, "alice", ALICE_QUOTA);
        await().atMost(PROJECTED.plus(MARGIN))
                .until(() -> api.get(alice, "/api/user/self").path("quota").asLong() == ALICE_QUOTA);
        // the token does not limit: the user's balance is what is checked
        key = api.createToken(alice, "sdk", 0, true);
        // prices first, and projected: the catalog's one partition then carries them before the channels
        for (Map.Entry<String, String> option : SdkPrices.options().entrySet()) {
            api.call("PUT", "/api/option/", root, Map.of("key", option.getKey(), "value", option.getValue()));
        }
        await().atMost(PROJECTED.plus(MARGIN)).untilAsserted(() -> assertThat(options())
                .containsAllEntriesOf(SdkPrices.options()));
        long azure = createChannel(ChannelTypes.AZURE_OPENAI, "azure", "azure-key", SdkRequests.AZURE);
        // Azure's api-version is the channel's other setting, which only an edit sets (as in Veloera's UI)
        api.call("PUT", "/api/channel/", root, Map.of("id", azure, "other", AZURE_API_VERSION));
        createChannel(ChannelTypes.OPENAI_COMPATIBLE, "openai", "sk-openai", SdkRequests.OPENAI_MODELS);
        createChannel(ChannelTypes.ANTHROPIC_CLAUDE, "anthropic", "sk-ant-good",
                SdkRequests.CLAUDE + "," + SdkRequests.CLAUDE_THINKING);
        createChannel(ChannelTypes.GEMINI, "gemini", "gemini-key", SdkRequests.GEMINI_MODELS);
        // the last channel created is in the relay's catalog, and so is everything before it
        RelayRequests relay = new RelayRequests(platform::relayUrl);
        await().atMost(RELAY_SEES.plus(PROJECTED).plus(MARGIN)).pollInterval(Duration.ofMillis(50)).until(() ->
                relay.send("GET", "/v1/models/" + SdkRequests.GEMINI, key, null).statusCode() == 200);
    }

    @AfterAll
    void stop() {
        if (platform != null) {
            platform.close();
        }
        upstream.close();
    }

    @Test
    void everyRequestOfTheSdkTestsIsBilledByItsRuleInTheLogsAndTheUsersBalance() throws Exception {
        SdkRequests sdk = new SdkRequests(upstream, platform.relayUrl(), key);
        sdk.openAiChannel();
        sdk.claudeChannel();
        sdk.geminiChannel();
        sdk.azureChannel();
        sdk.messagesOnOpenAiChannel();
        List<Billed> sent = sdk.sent();
        long started = System.nanoTime();
        long expected = sent.stream().mapToLong(Billed::quota).sum();

        JsonNode self = await().atMost(BILLED.plus(MARGIN)).pollInterval(Duration.ofMillis(100))
                .until(() -> api.get(alice, "/api/user/self"), s -> s.path("request_count").asLong() == sent.size());
        long settledMs = Duration.ofNanos(System.nanoTime() - started).toMillis();
        Map<String, JsonNode> logs = await().atMost(LOGGED.plus(MARGIN)).pollInterval(Duration.ofMillis(100))
                .until(this::consumeLogsByRequestId, rows -> rows.keySet().containsAll(
                        sent.stream().map(Billed::requestId).toList()));
        long loggedMs = Duration.ofNanos(System.nanoTime() - started).toMillis();
        System.out.printf("%d requests through the SDKs, %d quota by their rules: settled and projected in %d ms, "
                + "logged in %d ms (bounds %d s and %d s + %d s)%n", sent.size(), expected, settledMs, loggedMs,
                BILLED.toSeconds(), LOGGED.toSeconds(), MARGIN.toSeconds());

        for (Billed request : sent) {
            JsonNode row = logs.get(request.requestId());
            System.out.printf("  %-32s %-36s quota %6d, logged %6d%n", request.what(), row.path("model_name").asText(),
                    request.quota(), row.path("quota").asLong());
            assertThat(row.path("quota").asLong()).as("%s (%s)", request.what(), request.requestId())
                    .isEqualTo(request.quota());
        }
        assertThat(logs).as("one row a request, no other").hasSize(sent.size());
        assertThat(self.path("used_quota").asLong()).isEqualTo(expected);
        assertThat(ALICE_QUOTA - self.path("quota").asLong()).as("the balance dropped by the sum").isEqualTo(expected);
        assertThat(self.path("request_count").asLong()).isEqualTo(sent.size());
    }

    private long createChannel(int type, String name, String channelKey, String models) {
        return api.call("POST", "/api/channel/", root, Map.of("type", type, "name", name, "key", channelKey,
                "base_url", upstream.url() + "/" + name, "models", models, "group", SdkPrices.GROUP))
                .path("id").asLong();
    }

    /** alice's consume logs (type 2) as root reads them, by request id. */
    private Map<String, JsonNode> consumeLogsByRequestId() {
        Map<String, JsonNode> rows = new HashMap<>();
        api.get(root, "/api/log/?type=2&username=alice&p=1&page_size=100").path("items")
                .forEach(row -> rows.put(row.path("request_id").asText(), row));
        return rows;
    }

    private Map<String, String> options() {
        Map<String, String> options = new HashMap<>();
        for (JsonNode entry : api.get(root, "/api/option/")) {
            options.put(entry.path("key").asText(), entry.path("value").asText());
        }
        return options;
    }
}
