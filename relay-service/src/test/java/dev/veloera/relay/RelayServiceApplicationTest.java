package dev.veloera.relay;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.EncodingType;
import dev.veloera.contracts.usage.UsageRecorded;
import dev.veloera.contracts.usage.UsageTopic;
import dev.veloera.relay.auth.ApiKeyAuthenticator;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The relay on a real port, with no database: an embedded KRaft broker whose catalog topic is seeded before the relay
 * starts (read whole at start-up) and changed while it runs (followed), and {@link MockOpenAi} as upstream,
 * lease endpoint and forwarded services.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RelayServiceApplicationTest {

    static final String KEY_ALICE = "sk-" + "a".repeat(48);
    static final String KEY_BOB = "sk-" + "b".repeat(48);
    static final String KEY_DISABLED = "sk-" + "c".repeat(48);
    static final String KEY_EXPIRED = "sk-" + "d".repeat(48);
    static final String KEY_LIMITED = "sk-" + "e".repeat(48);
    static final String KEY_VIP = "sk-" + "f".repeat(48);
    static final String KEY_EXHAUSTED = "sk-" + "g".repeat(48);
    static final String KEY_CAROL = "sk-" + "h".repeat(48);
    /** Used by one test only, so its first request is the one that asks for its lease. */
    static final String KEY_FRESH = "sk-" + "i".repeat(48);
    static final String KEY_LOCAL_ONLY = "sk-" + "j".repeat(48);
    static final String KEY_ELSEWHERE_ONLY = "sk-" + "k".repeat(48);

    static final MockOpenAi mock;
    static final Path dataDir;
    static final EmbeddedKafkaKraftBroker broker;

    static {
        try {
            mock = new MockOpenAi();
            dataDir = Files.createTempDirectory("relay-test");
            broker = new EmbeddedKafkaKraftBroker(1, 1);
            broker.afterPropertiesSet();
            // the cached context outlives this class; the broker goes when the JVM does
            Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy));
            seedCatalog(broker.getBrokersAsString());
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Published before the relay starts: it serves only once it has read all of it. */
    static void seedCatalog(String bootstrapServers) throws Exception {
        CatalogRecords.createTopic(bootstrapServers);
        Map<String, String> mapping = Map.of("gpt-4o-mini", "mock-usage", "gpt-4", "mock-slow", "gpt-4-turbo", "mock-stall",
                "gpt-3.5-turbo", "mock-nousage", "broken-model", "mock-fail");
        try (CatalogRecords catalog = new CatalogRecords(bootstrapServers)) {
            catalog.user(1, "alice", 1, "default").user(2, "bob", 1, "default").user(3, "carol", 1, "default")
                    .token(10, 1, KEY_ALICE, 1, -1, "", false, List.of())
                    .token(20, 2, KEY_BOB, 1, -1, "", false, List.of())
                    .token(11, 1, KEY_DISABLED, 2, -1, "", false, List.of())
                    .token(12, 1, KEY_EXPIRED, 1, 1000, "", false, List.of())
                    .token(13, 1, KEY_LIMITED, 1, -1, "", true, List.of("gpt-4o-mini"))
                    .token(14, 1, KEY_VIP, 1, -1, "vip", false, List.of())
                    .token(15, 1, KEY_EXHAUSTED, 1, -1, "", false, List.of())
                    .token(16, 1, KEY_FRESH, 1, -1, "", false, List.of())
                    .token(30, 3, KEY_CAROL, 1, -1, "", false, List.of())
                    .tokenAllowing(17, 1, KEY_LOCAL_ONLY, "127.0.0.0/8\n::1")
                    .tokenAllowing(18, 1, KEY_ELSEWHERE_ONLY, "10.0.0.0/8\n2001:db8::/32, 192.0.2.7")
                    .channel(1, 0, "sk-upstream-1,sk-upstream-2", 1, mock.url(), mapping,
                            List.of("gpt-4o-mini", "gpt-3.5-turbo", "broken-model", "gpt-4", "gpt-4-turbo"),
                            List.of("default"), 0)
                    .channel(2, 0, "sk-dead", 2, "http://127.0.0.1:1", Map.of(), List.of("gpt-4o-mini", "dead-model"),
                            List.of("default"), 10)
                    .channel(3, 1, "sk-claude", 1, "http://127.0.0.1:1", Map.of(), List.of("claude-x"),
                            List.of("default"), 0)
                    .channel(4, 0, "sk-upstream-1", 1, mock.url(), mapping, List.of("gpt-4o-mini"), List.of("vip"), 0)
                    .option("ModelRatio", "{\"gpt-4\":1,\"gpt-4o-mini\":2,\"gpt-3.5-turbo\":1,\"broken-model\":1}")
                    .option("CompletionRatio", "{\"gpt-4o-mini\":4}")
                    .option("GroupRatio", "{\"default\":1,\"vip\":1.5}");
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", broker::getBrokersAsString);
        registry.add("veloera.command-url", () -> mock.url() + "/command");
        registry.add("veloera.query-url", () -> mock.url() + "/query");
        registry.add("veloera.usage.journal.dir", () -> dataDir.resolve("journal").toString());
        registry.add("veloera.upstream.stream-idle-timeout", () -> "1s");
    }

    @LocalServerPort
    int port;
    @Autowired
    ObjectMapper json;
    @Autowired
    MeterRegistry meters;
    @Autowired
    ApplicationContext context;
    @Autowired
    ApiKeyAuthenticator authenticator;

    static KafkaConsumer<String, String> consumer;
    static final Map<String, List<ConsumerRecord<String, String>>> consumed = new HashMap<>();
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @AfterAll
    static void stop() {
        mock.close();
        if (consumer != null) {
            consumer.close();
        }
    }

    /** As a load balancer would: requests only once the relay is healthy, i.e. has read its catalog. */
    @BeforeEach
    void awaitCatalogAndRefuseBob() throws Exception {
        await(() -> http.send(get("/actuator/health", null), HttpResponse.BodyHandlers.discarding()).statusCode() == 200,
                Duration.ofSeconds(30));
        mock.refusals.put(2L, "insufficient_user_quota");
    }

    // ---- chat completions and usage ----

    @Test
    void nonStreamingAnswerIsRelayedAndBilledFromTheUpstreamUsage() throws Exception {
        HttpResponse<String> response = chat(KEY_FRESH, "{\"model\":\"gpt-4o-mini\",\"max_tokens\":100,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Say hi\"}]}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json.readTree(response.body()).at("/choices/0/message/content").asText()).isEqualTo(MockOpenAi.ANSWER);
        String requestId = response.headers().firstValue("X-Veloera-Request-Id").orElseThrow();

        JsonNode upstreamBody = mock.upstreamBodies.getLast();
        assertThat(upstreamBody.path("model").asText()).isEqualTo("mock-usage");
        assertThat(upstreamBody.path("max_tokens").asInt()).isEqualTo(100);
        // the channel's two keys are used in turn
        assertThat(mock.upstreamAuthorizations.getLast()).isIn("Bearer sk-upstream-1", "Bearer sk-upstream-2");

        UsageRecorded usage = onlyRecord(requestId);
        JsonNode lease = mock.leases.get(usage.reservationId());
        long prompt = promptEstimate("o200k", "Say hi");
        assertThat(lease.path("minimum").asLong()).as("the estimate").isEqualTo((prompt + 100) * 2);
        assertThat(lease.path("wanted").asLong()).as("a few estimates ahead").isEqualTo((prompt + 100) * 2 * 4);
        assertThat(lease.path("userId").asLong()).isEqualTo(1);
        assertThat(lease.path("tokenId").asLong()).isEqualTo(16);
        assertThat(lease.path("relayInstance").asText()).isNotBlank();
        assertThat(mock.leaseSecrets.getLast()).isEqualTo("veloera-dev-secret");

        assertThat(usage.status()).isEqualTo(UsageRecorded.SUCCESS);
        assertThat(usage.promptTokens()).isEqualTo(11);
        assertThat(usage.completionTokens()).isEqualTo(7);
        assertThat(usage.quota()).isEqualTo((11 + 7 * 4) * 2);
        assertThat(usage.userId()).isEqualTo(1);
        assertThat(usage.username()).isEqualTo("alice");
        assertThat(usage.tokenId()).isEqualTo(16);
        assertThat(usage.channelId()).isEqualTo(1);
        assertThat(usage.group()).isEqualTo("default");
        assertThat(usage.model()).isEqualTo("gpt-4o-mini");
        assertThat(usage.upstreamModel()).isEqualTo("mock-usage");
        assertThat(usage.stream()).isFalse();
        assertThat(usage.other()).containsEntry("model_ratio", 2.0).containsEntry("completion_ratio", 4.0)
                .containsEntry("group_ratio", 1.0).containsEntry("channel_id", 1);
    }

    @Test
    void streamedChunksReachTheClientBeforeTheUpstreamFinishes() throws Exception {
        mock.clientSawFirstChunk = new java.util.concurrent.CountDownLatch(1);
        mock.heldChunkReleasedByClient = null;
        HttpResponse<InputStream> response = http.send(post("/v1/chat/completions", KEY_ALICE,
                "{\"model\":\"gpt-4o-mini\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Say hi\"}]}"),
                HttpResponse.BodyHandlers.ofInputStream());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        List<String> events = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("data: ")) {
                    events.add(line.substring(6));
                    if (line.contains("Hello there,")) {
                        mock.clientSawFirstChunk.countDown();
                    }
                }
            }
        }
        assertThat(mock.heldChunkReleasedByClient).as("the mock held its last chunks until the client saw the first").isTrue();
        assertThat(events).hasSize(4).last().isEqualTo("[DONE]");
        assertThat(events).noneMatch(e -> e.contains("\"usage\":{"));
        JsonNode upstreamBody = mock.upstreamBodies.getLast();
        assertThat(upstreamBody.at("/stream_options/include_usage").asBoolean()).isTrue();

        UsageRecorded usage = onlyRecord(response.headers().firstValue("X-Veloera-Request-Id").orElseThrow());
        assertThat(usage.stream()).isTrue();
        assertThat(usage.status()).isEqualTo(UsageRecorded.SUCCESS);
        assertThat(usage.promptTokens()).isEqualTo(11);
        assertThat(usage.completionTokens()).isEqualTo(7);
        assertThat(usage.quota()).isEqualTo(78);
    }

    @Test
    void aClientThatLeavesMidStreamIsBilledForWhatWasGenerated() throws Exception {
        mock.clientSawFirstChunk = new java.util.concurrent.CountDownLatch(1);
        String body = "{\"model\":\"gpt-4\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
        String requestId;
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + KEY_ALICE + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
            StringBuilder seen = new StringBuilder();
            byte[] buffer = new byte[4096];
            while (!seen.toString().contains("Hello there,")) {
                int n = socket.getInputStream().read(buffer);
                assertThat(n).isPositive();
                seen.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            }
            Matcher header = Pattern.compile("(?i)X-Veloera-Request-Id: (\\S+)").matcher(seen);
            assertThat(header.find()).isTrue();
            requestId = header.group(1);
            socket.setSoLinger(true, 0);
        }
        mock.clientSawFirstChunk.countDown();

        UsageRecorded usage = onlyRecord(requestId);
        assertThat(usage.status()).isEqualTo(UsageRecorded.CLIENT_ABORTED);
        assertThat(usage.promptTokens()).isEqualTo(11);
        assertThat(usage.completionTokens()).isEqualTo(7);
        assertThat(usage.quota()).isEqualTo(18);
    }

    @Test
    void aStreamThatFallsSilentIsAbandonedAndCostsNothing() throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> response = chat(KEY_ALICE, "{\"model\":\"gpt-4-turbo\",\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2900));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("Hello there,").contains("\"code\":\"upstream_error\"");
        UsageRecorded usage = onlyRecord(response.headers().firstValue("X-Veloera-Request-Id").orElseThrow());
        assertThat(usage.status()).isEqualTo(UsageRecorded.FAILED);
        assertThat(usage.errorCode()).isEqualTo("upstream_stream_idle");
        assertThat(usage.quota()).isZero();
    }

    @Test
    void aClientThatAsksForStreamUsageGetsIt() throws Exception {
        mock.clientSawFirstChunk.countDown();
        HttpResponse<String> response = chat(KEY_ALICE, "{\"model\":\"gpt-4o-mini\",\"stream\":true,"
                + "\"stream_options\":{\"include_usage\":true},\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"usage\":{\"prompt_tokens\":11");
        onlyRecord(response.headers().firstValue("X-Veloera-Request-Id").orElseThrow());
    }

    @Test
    void missingUpstreamUsageIsCountedWithJtokkit() throws Exception {
        HttpResponse<String> response = chat(KEY_ALICE,
                "{\"model\":\"gpt-3.5-turbo\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hi\"}]}");

        assertThat(response.statusCode()).isEqualTo(200);
        UsageRecorded usage = onlyRecord(response.headers().firstValue("X-Veloera-Request-Id").orElseThrow());
        long prompt = promptEstimate("cl100k", "Say hi");
        long completion = count("cl100k", MockOpenAi.ANSWER);
        assertThat(usage.promptTokens()).isEqualTo(prompt);
        assertThat(usage.completionTokens()).isEqualTo(completion);
        assertThat(usage.quota()).isEqualTo(prompt + completion);
        assertThat(usage.other()).containsEntry("usage_source", "counted");
    }

    @Test
    void missingStreamUsageIsCountedFromTheGeneratedText() throws Exception {
        HttpResponse<String> response = chat(KEY_ALICE, "{\"model\":\"gpt-3.5-turbo\",\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Say hi\"}]}");

        assertThat(response.statusCode()).isEqualTo(200);
        UsageRecorded usage = onlyRecord(response.headers().firstValue("X-Veloera-Request-Id").orElseThrow());
        assertThat(usage.completionTokens()).isEqualTo(count("cl100k", MockOpenAi.ANSWER));
        assertThat(usage.promptTokens()).isEqualTo(promptEstimate("cl100k", "Say hi"));
    }

    @Test
    void groupRatioOfTheTokensGroupApplies() throws Exception {
        HttpResponse<String> response = chat(KEY_VIP,
                "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hi\"}]}");

        assertThat(response.statusCode()).isEqualTo(200);
        UsageRecorded usage = onlyRecord(response.headers().firstValue("X-Veloera-Request-Id").orElseThrow());
        assertThat(usage.group()).isEqualTo("vip");
        assertThat(usage.quota()).isEqualTo(Math.round(39 * 2 * 1.5));
    }

    @Test
    void anUpstreamFailureIsPassedOnAndCostsNothing() throws Exception {
        HttpResponse<String> response = chat(KEY_ALICE,
                "{\"model\":\"broken-model\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hi\"}]}");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(json.readTree(response.body()).at("/error/message").asText()).isEqualTo("boom");
        UsageRecorded usage = onlyRecord(response.headers().firstValue("X-Veloera-Request-Id").orElseThrow());
        assertThat(usage.status()).isEqualTo(UsageRecorded.FAILED);
        assertThat(usage.quota()).isZero();
        assertThat(usage.errorCode()).startsWith("upstream_500");
    }

    // ---- refusals ----

    @Test
    void badKeysAreRefusedWith401() throws Exception {
        int leasesBefore = mock.leases.size();
        for (String key : new String[] {null, "sk-unknown", KEY_DISABLED, KEY_EXPIRED}) {
            HttpResponse<String> response = chat(key,
                    "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
            assertThat(response.statusCode()).as("key %s", key).isEqualTo(401);
            assertError(response.body(), "invalid_api_key", "invalid_request_error");
        }
        assertThat(mock.leases).hasSize(leasesBefore);
    }

    @Test
    void aKeyUsedFromOutsideItsAllowIpsIsRefusedWith401() throws Exception {
        String body = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
        HttpResponse<String> refused = chat(KEY_ELSEWHERE_ONLY, body);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertError(refused.body(), "invalid_api_key", "invalid_request_error");
        HttpRequest spoofed = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/chat/completions"))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + KEY_ELSEWHERE_ONLY).header("X-Forwarded-For", "10.1.2.3")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        assertThat(http.send(spoofed, HttpResponse.BodyHandlers.ofString()).statusCode())
                .as("X-Forwarded-For is not believed without a trusted proxy").isEqualTo(401);
        assertThat(chat(KEY_LOCAL_ONLY, body).statusCode()).isEqualTo(200);
    }

    @Test
    void aRefusedLeaseIsAnOpenAiErrorAndBillsNothing() throws Exception {
        HttpResponse<String> response = chat(KEY_BOB,
                "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");

        assertThat(response.statusCode()).isEqualTo(403);
        assertError(response.body(), "insufficient_user_quota", "insufficient_quota");
        assertThat(mock.leases.values()).anyMatch(lease -> lease.path("userId").asLong() == 2);
        assertThat(response.headers().firstValue("X-Veloera-Request-Id")).isEmpty();
        assertNoRecordOfUser(2);
    }

    @Test
    void aTokenOutOfQuotaIsRefused() throws Exception {
        mock.refusals.put(1L, "token_quota_exhausted");
        try {
            HttpResponse<String> response = chat(KEY_EXHAUSTED,
                    "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
            assertThat(response.statusCode()).isEqualTo(403);
            assertError(response.body(), "token_quota_exhausted", "insufficient_quota");
        } finally {
            mock.refusals.remove(1L);
        }
    }

    @Test
    void aModelWithoutChannelIsRefusedWith503() throws Exception {
        for (String model : new String[] {"no-such-model", "dead-model"}) {
            HttpResponse<String> response = chat(KEY_ALICE,
                    "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
            assertThat(response.statusCode()).isEqualTo(503);
            assertError(response.body(), "model_not_found", "invalid_request_error");
        }
    }

    @Test
    void aModelOutsideTheTokensLimitsIsRefused() throws Exception {
        HttpResponse<String> response = chat(KEY_LIMITED,
                "{\"model\":\"gpt-3.5-turbo\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
        assertThat(response.statusCode()).isEqualTo(403);
        assertError(response.body(), "model_not_allowed", "invalid_request_error");
    }

    @Test
    void malformedRequestsAreRefusedWith400() throws Exception {
        for (String body : new String[] {"{not json", "[]", "{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}",
                "{\"model\":\"gpt-4o-mini\"}", "{\"model\":\"gpt-4o-mini\",\"messages\":[]}"}) {
            HttpResponse<String> response = chat(KEY_ALICE, body);
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertError(response.body(), "invalid_request", "invalid_request_error");
        }
    }

    @Test
    void unknownV1PathsAnswerInOpenAiFormat() throws Exception {
        HttpResponse<String> response = http.send(post("/v1/nothing-here", KEY_ALICE, "{}"),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json.readTree(response.body()).at("/error/message").asText()).contains("/v1/nothing-here");
    }

    // ---- models, forwarding, health ----

    @Test
    void modelsListsWhatTheKeysGroupCanReach() throws Exception {
        assertThat(modelIds(KEY_ALICE)).containsExactly("broken-model", "claude-x", "gpt-3.5-turbo", "gpt-4",
                "gpt-4-turbo", "gpt-4o-mini");
        assertThat(modelIds(KEY_LIMITED)).containsExactly("gpt-4o-mini");
        assertThat(modelIds(KEY_VIP)).containsExactly("gpt-4o-mini");
        HttpResponse<String> refused = http.send(get("/v1/models", "sk-unknown"), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(401);
    }

    @Test
    void apiReadsGoToQueryServiceAndWritesToCommandService() throws Exception {
        HttpResponse<String> read = http.send(get("/api/user/self?p=2&page_size=5", "0123456789abcdef0123456789abcdef"),
                HttpResponse.BodyHandlers.ofString());
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.headers().firstValue("X-Served-By")).hasValue("query");
        assertThat(mock.lastForwarded.get()).containsEntry("method", "GET")
                .containsEntry("uri", "/query/api/user/self?p=2&page_size=5")
                .containsEntry("authorization", "Bearer 0123456789abcdef0123456789abcdef");

        HttpResponse<String> write = http.send(post("/api/user/login", null, "{\"username\":\"root\"}"),
                HttpResponse.BodyHandlers.ofString());
        assertThat(write.statusCode()).isEqualTo(201);
        assertThat(json.readTree(write.body()).at("/data/service").asText()).isEqualTo("command");
        assertThat(mock.lastForwarded.get()).containsEntry("method", "POST")
                .containsEntry("uri", "/command/api/user/login").containsEntry("body", "{\"username\":\"root\"}");
    }

    @Test
    void healthIsUp() throws Exception {
        HttpResponse<String> response = http.send(get("/actuator/health", null), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"UP\"");
    }

    // ---- the catalog ----

    /**
     * A change published to the catalog (as query-service publishes a projected change) reaches requests within a
     * second: disabled, enabled again, its user disabled, deleted (tombstone). The design's one second covers the
     * whole way from command to relay; this is the relay's part, printed.
     */
    @Test
    void aCatalogChangeReachesRequestsWithinASecond() throws Exception {
        Duration promise = Duration.ofSeconds(1);
        try (CatalogRecords catalog = new CatalogRecords(broker.getBrokersAsString())) {
            assertThat(modelsStatus(KEY_CAROL)).isEqualTo(200);
            List<Long> millis = new ArrayList<>();
            millis.add(timeUntil(() -> catalog.token(30, 3, KEY_CAROL, 2, -1, "", false, List.of()), 401, promise));
            millis.add(timeUntil(() -> catalog.token(30, 3, KEY_CAROL, 1, -1, "", false, List.of()), 200, promise));
            millis.add(timeUntil(() -> catalog.user(3, "carol", 2, "default"), 401, promise));
            millis.add(timeUntil(() -> catalog.user(3, "carol", 1, "default"), 200, promise));
            millis.add(timeUntil(() -> catalog.tombstone("token:30"), 401, promise));
            System.out.printf("catalog change -> relay decision (publish, ack, follow, refuse): %s ms%n", millis);
            catalog.token(30, 3, KEY_CAROL, 1, -1, "", false, List.of());
            await(() -> modelsStatus(KEY_CAROL) == 200, promise);
        }
    }

    /** A key the catalog does not know is refused from memory: there is no database in this relay at all. */
    @Test
    void anUnknownKeyIsRefusedFromMemoryAlone() throws Exception {
        assertThat(context.getBeanNamesForType(javax.sql.DataSource.class)).isEmpty();
        HttpResponse<String> response = chat("sk-" + "z".repeat(48),
                "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
        assertThat(response.statusCode()).isEqualTo(401);
        assertError(response.body(), "invalid_api_key", "invalid_request_error");

        int calls = 100_000;
        long started = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            try {
                authenticator.authenticate("Bearer sk-unknown-" + i);
            } catch (dev.veloera.relay.web.RelayException expected) {
                // refused, as it must be
            }
        }
        System.out.printf("unknown key refused in %.2f µs (hash + map miss + exception), mean of %d%n",
                (System.nanoTime() - started) / 1e3 / calls, calls);
    }

    private int modelsStatus(String key) throws Exception {
        return http.send(get("/v1/models", key), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Publishes a change and measures until /v1/models answers {@code status} for Carol's key; fails past the bound. */
    private long timeUntil(Runnable change, int status, Duration bound) throws Exception {
        long started = System.nanoTime();
        change.run();
        await(() -> modelsStatus(KEY_CAROL) == status, bound);
        return (System.nanoTime() - started) / 1_000_000;
    }

    // ---- the usage journal ----

    @Test
    void theRecordIsInTheJournalWhenTheAnswerCompletesAndKafkaGetsItBehind() throws Exception {
        double before = appended();
        HttpResponse<String> response = chat(KEY_ALICE,
                "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
        assertThat(response.statusCode()).isEqualTo(200);
        // appended before the last byte was written: counted by the time the client has its answer
        assertThat(appended()).isEqualTo(before + 1);
        onlyRecord(response.headers().firstValue("X-Veloera-Request-Id").orElseThrow());

        // what the journal's sender adds behind the answers: the time from append to Kafka's ack
        Timer lag = meters.get("veloera.usage.journal.lag").timer();
        long count = lag.count();
        double total = lag.totalTime(TimeUnit.MILLISECONDS);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> next = chat(KEY_ALICE,
                    "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
            assertThat(next.statusCode()).isEqualTo(200);
            ids.add(next.headers().firstValue("X-Veloera-Request-Id").orElseThrow());
        }
        for (String id : ids) {
            onlyRecord(id);
        }
        long acked = lag.count() - count;
        System.out.printf("usage journal, append to Kafka ack on the embedded broker: %d records, mean %.2f ms "
                        + "(max over the run %.2f ms)%n", acked,
                (lag.totalTime(TimeUnit.MILLISECONDS) - total) / Math.max(acked, 1), lag.max(TimeUnit.MILLISECONDS));
        assertThat(acked).isGreaterThanOrEqualTo(20);
    }

    @Test
    void healthAndMetricsShowTheJournalsBacklog() throws Exception {
        HttpResponse<String> response = http.send(get("/actuator/health", null), HttpResponse.BodyHandlers.ofString());
        JsonNode journal = json.readTree(response.body()).at("/components/usageJournal");
        assertThat(journal.path("status").asText()).isEqualTo("UP");
        assertThat(journal.path("details").has("pendingRecords")).isTrue();
        assertThat(journal.path("details").has("oldestPendingSeconds")).isTrue();

        // (a test context exports no Prometheus endpoint: the meters themselves)
        assertThat(meters.get("veloera.usage.journal.pending.records").gauge().value()).isNotNegative();
        assertThat(meters.get("veloera.usage.journal.pending.bytes").gauge().value()).isNotNegative();
        assertThat(meters.get("veloera.usage.journal.oldest.pending").gauge().value()).isNotNegative();
        assertThat(meters.get("veloera.usage.journal.shipped").functionCounter().count()).isNotNegative();
        assertThat(meters.get("veloera.usage.journal.lost").functionCounter().count()).isZero();
    }

    private double appended() {
        return meters.get("veloera.usage.journal.appended").functionCounter().count();
    }

    // ---- helpers ----

    private HttpResponse<String> chat(String key, String body) throws Exception {
        return http.send(post("/v1/chat/completions", key, body), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest post(String path, String key, String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            builder.header("Authorization", "Bearer " + key);
        }
        return builder.build();
    }

    private HttpRequest get(String path, String bearer) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(20)).GET();
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        return builder.build();
    }

    private List<String> modelIds(String key) throws Exception {
        HttpResponse<String> response = http.send(get("/v1/models", key), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode list = json.readTree(response.body());
        assertThat(list.path("object").asText()).isEqualTo("list");
        List<String> ids = new ArrayList<>();
        list.path("data").forEach(m -> {
            assertThat(m.path("object").asText()).isEqualTo("model");
            ids.add(m.path("id").asText());
        });
        return ids;
    }

    private void assertError(String body, String code, String type) throws IOException {
        JsonNode error = json.readTree(body).path("error");
        assertThat(error.path("code").asText()).isEqualTo(code);
        assertThat(error.path("type").asText()).isEqualTo(type);
        assertThat(error.path("message").asText()).isNotBlank();
    }

    /** Waits for the record of {@code requestId}, then a little longer to see that no second one follows. */
    private UsageRecorded onlyRecord(String requestId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!consumed.containsKey(requestId) && System.nanoTime() < deadline) {
            poll(Duration.ofMillis(200));
        }
        assertThat(consumed).as("a usage record for %s", requestId).containsKey(requestId);
        poll(Duration.ofMillis(200));
        List<ConsumerRecord<String, String>> records = consumed.get(requestId);
        assertThat(records).hasSize(1);
        UsageRecorded usage = json.readValue(records.getFirst().value(), UsageRecorded.class);
        assertThat(records.getFirst().key()).isEqualTo(Long.toString(usage.userId()));
        return usage;
    }

    private void assertNoRecord(String requestId) {
        poll(Duration.ofSeconds(1));
        assertThat(consumed).doesNotContainKey(requestId);
    }

    private void assertNoRecordOfUser(long userId) {
        poll(Duration.ofSeconds(1));
        assertThat(consumed.values().stream().flatMap(List::stream).map(ConsumerRecord::key))
                .doesNotContain(Long.toString(userId));
    }

    private void poll(Duration duration) {
        if (consumer == null) {
            Map<String, Object> props = Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
            consumer = new KafkaConsumer<>(props);
            // assigned, not subscribed: no group rebalance to wait for
            List<TopicPartition> partitions = consumer.partitionsFor(UsageTopic.NAME).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }
        for (ConsumerRecord<String, String> record : consumer.poll(duration)) {
            try {
                String requestId = json.readTree(record.value()).path("requestId").asText();
                consumed.computeIfAbsent(requestId, k -> new ArrayList<>()).add(record);
            } catch (IOException e) {
                throw new AssertionError("not JSON on the usage topic: " + record.value(), e);
            }
        }
    }

    interface Condition {
        boolean holds() throws Exception;
    }

    private static void await(Condition condition, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.holds()) {
            assertThat(System.nanoTime()).as("condition not met within %s", timeout).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    /** The relay's estimate for one user message: framing (3 + 3) plus role and content. */
    private static long promptEstimate(String encoding, String content) {
        return 3 + count(encoding, "user") + count(encoding, content) + 3;
    }

    private static long count(String encoding, String text) {
        EncodingType type = encoding.equals("o200k") ? EncodingType.O200K_BASE : EncodingType.CL100K_BASE;
        return Encodings.newLazyEncodingRegistry().getEncoding(type).countTokensOrdinary(text);
    }
}
