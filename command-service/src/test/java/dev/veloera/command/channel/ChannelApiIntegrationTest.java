package dev.veloera.command.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.veloera.contracts.catalog.CatalogTopic;
import dev.veloera.schema.testing.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The channel API of command-service on a real event store (SQLite) against a fake upstream: edits and their
 * validation, deletion, the batch and tag routes, a channel test that records its response time and re-enables an
 * auto-disabled channel when AutomaticEnableChannelEnabled is on, balances and model listings. The test plays
 * query-service where command-service reads the read model (the {@code channels} row the tests and tags select on).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.kafka.listener.auto-startup=false",
        "veloera.catalog.token-wait=0s",
        "veloera.channel-test-interval=0"
})
@EmbeddedKafka(kraft = true, partitions = 1, topics = CatalogTopic.NAME,
        bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@DirtiesContext
class ChannelApiIntegrationTest {

    private static final TestDatabases.TestDatabase DB = TestDatabases.create(TestDatabases.Engine.SQLITE);
    private static final AtomicInteger upstreamStatus = new AtomicInteger(200);
    private static final HttpServer UPSTREAM = upstream();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", DB::url);
    }

    @AfterAll
    static void stop() {
        UPSTREAM.stop(0);
        DB.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    org.axonframework.commandhandling.gateway.CommandGateway commands;

    /** As root would through {@code PUT /api/option/}. */
    private void enable(String option) {
        set(option, "true");
    }

    private void disable(String option) {
        set(option, "false");
    }

    private void set(String option, String value) {
        commands.sendAndWait(new dev.veloera.contracts.option.ChangeOptionCommand(
                dev.veloera.contracts.option.SystemOptions.SETTINGS_ID, option, value,
                new dev.veloera.contracts.common.Actor(1, dev.veloera.contracts.common.Roles.ROOT)));
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private static String root;
    private static String alice;

    /** An OpenAI-shaped upstream: chat completions answer {@link #upstreamStatus}, plus models and billing. */
    private static HttpServer upstream() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/v1/chat/completions", exchange -> {
                int status = upstreamStatus.get();
                byte[] body = (status == 200 ? "{\"choices\":[{\"message\":{\"content\":\"h\"}}]}"
                        : "{\"error\":{\"message\":\"Incorrect API key\",\"code\":\"invalid_api_key\"}}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(status, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.createContext("/v1/models", exchange -> respond(exchange,
                    "{\"data\":[{\"id\":\"gpt-4o\"},{\"id\":\"gpt-4o-mini\"}]}"));
            server.createContext("/v1/dashboard/billing/subscription", exchange -> respond(exchange,
                    "{\"hard_limit_usd\":100}"));
            server.createContext("/v1/dashboard/billing/usage", exchange -> respond(exchange, "{\"total_usage\":2500}"));
            server.start();
            return server;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, String body) throws java.io.IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static String upstreamUrl() {
        return "http://127.0.0.1:" + UPSTREAM.getAddress().getPort();
    }

    @BeforeEach
    void accounts() throws Exception {
        if (root == null) {
            call("POST", "/api/setup", null, Map.of("username", "root", "password", "root-password"));
            root = call("POST", "/api/user/login", null, Map.of("username", "root", "password", "root-password"))
                    .at("/data/access_token").asText();
            call("POST", "/api/user/register", null, Map.of("username", "alice", "password", "alice-password"));
            alice = call("POST", "/api/user/login", null, Map.of("username", "alice", "password", "alice-password"))
                    .at("/data/access_token").asText();
        }
    }

    private long createChannel(String name, String tag) throws Exception {
        long id = call("POST", "/api/channel/", root, Map.of("type", 0, "name", name, "key", "sk-up",
                "base_url", upstreamUrl(), "models", "gpt-4o", "group", "default")).at("/data/id").asLong();
        // what ChannelProjection writes for it (query-service is not running here)
        jdbc.update("INSERT INTO channels (id, type, key_value, status, name, base_url, models, group_name, tag, auto_ban)"
                + " VALUES (?, 0, 'sk-up', 1, ?, ?, 'gpt-4o', 'default', ?, 1)", id, name, upstreamUrl(), tag);
        return id;
    }

    private List<String> eventTypes(long channelId) {
        return jdbc.queryForList("SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier = ?"
                + " ORDER BY sequence_number", String.class, "channel-" + channelId).stream()
                .map(t -> t.substring(t.lastIndexOf('.') + 1)).toList();
    }

    @Test
    void anEditIsValidatedFieldByFieldAndStatusIsSetByHand() throws Exception {
        long id = createChannel("edit-me", null);
        JsonNode ok = call("PUT", "/api/channel/", root, Map.of("id", id, "priority", 7, "status_code_mapping",
                "{\"429\":\"500\"}", "setting", "{\"force_format\":true}", "tag", "blue", "status", 2));
        assertThat(ok.path("success").asBoolean()).as(ok.toString()).isTrue();
        assertThat(eventTypes(id)).containsExactly("ChannelCreatedEvent", "ChannelUpdatedEvent",
                "ChannelStatusChangedEvent");

        for (Map<String, Object> bad : List.<Map<String, Object>>of(Map.of("id", id, "model_mapping", "not json"),
                Map.of("id", id, "status_code_mapping", "{\"429\":\"x\"}"), Map.of("id", id, "param_override", "[1]"),
                Map.of("id", id, "auto_ban", 5), Map.of("id", id, "weight", -1), Map.of("id", id, "status", 3),
                Map.of("id", id, "base_url", "not a url"), Map.of("id", id, "models", " , "))) {
            HttpResponse<String> refused = send("PUT", "/api/channel/", root, bad);
            assertThat(refused.statusCode()).as(bad.toString()).isEqualTo(400);
            assertThat(json.readTree(refused.body()).path("success").asBoolean()).isFalse();
        }
        assertThat(eventTypes(id)).hasSize(3);
        assertThat(send("PUT", "/api/channel/", alice, Map.of("id", id, "priority", 1)).statusCode()).isEqualTo(403);
        assertThat(send("PUT", "/api/channel/", root, Map.of("id", 999_999, "priority", 1)).statusCode()).isEqualTo(404);
    }

    @Test
    void deletedChannelsAreGoneAndBatchAndTagRoutesCountWhatTheyChanged() throws Exception {
        long a = createChannel("tagged-a", "green");
        long b = createChannel("tagged-b", "green");
        long c = createChannel("untagged", null);

        assertThat(call("POST", "/api/channel/tag/disabled", root, Map.of("tag", "green")).path("data").asInt()).isEqualTo(2);
        assertThat(eventTypes(a)).last().isEqualTo("ChannelStatusChangedEvent");
        assertThat(call("POST", "/api/channel/tag/enabled", root, Map.of("tag", "green")).path("data").asInt()).isEqualTo(2);
        assertThat(call("PUT", "/api/channel/tag", root, Map.of("tag", "green", "new_tag", "teal", "priority", 3))
                .path("data").asInt()).isEqualTo(2);
        assertThat(call("POST", "/api/channel/batch/tag", root, Map.of("ids", List.of(c), "tag", "teal"))
                .path("data").asInt()).isEqualTo(1);
        assertThat(send("PUT", "/api/channel/tag", root, Map.of("priority", 3)).statusCode()).isEqualTo(400);

        assertThat(call("DELETE", "/api/channel/" + a, root, null).path("success").asBoolean()).isTrue();
        assertThat(send("DELETE", "/api/channel/" + a, root, null).statusCode()).isEqualTo(404);
        assertThat(send("PUT", "/api/channel/", root, Map.of("id", a, "priority", 1)).statusCode()).isEqualTo(404);
        assertThat(call("POST", "/api/channel/batch", root, Map.of("ids", List.of(a, b, 987_654))).path("data").asInt())
                .as("a was deleted already, 987654 never existed").isEqualTo(1);
        assertThat(send("POST", "/api/channel/batch", root, Map.of("ids", List.of())).statusCode()).isEqualTo(400);

        jdbc.update("UPDATE channels SET status = 2 WHERE id = ?", c);
        call("PUT", "/api/channel/", root, Map.of("id", c, "status", 2));
        assertThat(call("DELETE", "/api/channel/disabled", root, null).path("data").asInt()).isEqualTo(1);
        assertThat(eventTypes(c)).last().isEqualTo("ChannelDeletedEvent");
        JsonNode fixed = call("POST", "/api/channel/fix", root, null).path("data");
        assertThat(fixed.path("fails").asInt()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void aTestRecordsTheResponseTimeAndReEnablesAnAutoDisabledChannelWhenAllowed() throws Exception {
        long id = createChannel("flaky", null);
        call("POST", "/internal/channels/status", null, Map.of("channelId", id, "status", 3, "reason", "401"),
                Map.of("X-Veloera-Internal-Secret", "veloera-dev-secret"));
        jdbc.update("UPDATE channels SET status = 3 WHERE id = ?", id);

        JsonNode passed = json.readTree(send("GET", "/api/channel/test/" + id, root, null).body());
        assertThat(passed.path("success").asBoolean()).as(passed.toString()).isTrue();
        assertThat(passed.path("time").asDouble()).isGreaterThanOrEqualTo(0);
        assertThat(eventTypes(id)).last().as("AutomaticEnableChannelEnabled is off by default")
                .isEqualTo("ChannelTestedEvent");

        enable("AutomaticEnableChannelEnabled");
        call("GET", "/api/channel/test/" + id, root, null);
        assertThat(eventTypes(id)).endsWith("ChannelTestedEvent", "ChannelStatusChangedEvent");

        jdbc.update("UPDATE channels SET status = 1 WHERE id = ?", id);
        enable("AutomaticDisableChannelEnabled");
        upstreamStatus.set(401);
        try {
            JsonNode failed = json.readTree(send("GET", "/api/channel/test/" + id, root, null).body());
            assertThat(failed.path("success").asBoolean()).isFalse();
            assertThat(failed.path("message").asText()).contains("401");
            assertThat(eventTypes(id)).last().isEqualTo("ChannelStatusChangedEvent");
        } finally {
            upstreamStatus.set(200);
            disable("AutomaticEnableChannelEnabled");
            disable("AutomaticDisableChannelEnabled");
        }
        assertThat(send("GET", "/api/channel/test/424242", root, null).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/api/channel/test/" + id, alice, null).statusCode()).isEqualTo(403);
    }

    @Test
    void balancesAndModelListsComeFromTheUpstream() throws Exception {
        long id = createChannel("billing", null);
        JsonNode balance = call("GET", "/api/channel/update_balance/" + id, root, null);
        assertThat(balance.path("balance").asDouble()).isEqualTo(75.0);
        assertThat(eventTypes(id)).last().isEqualTo("ChannelBalanceUpdatedEvent");

        JsonNode models = call("GET", "/api/channel/fetch_models/" + id, root, null);
        assertThat(models.path("data")).extracting(JsonNode::asText).containsExactly("gpt-4o", "gpt-4o-mini");
        JsonNode posted = call("POST", "/api/channel/fetch_models", root, Map.of("base_url", upstreamUrl(),
                "type", 0, "key", "sk-up"));
        assertThat(posted.path("data")).hasSize(2);
        assertThat(send("POST", "/api/channel/fetch_models", root, Map.of("base_url", upstreamUrl())).statusCode())
                .isEqualTo(400);
    }

    private JsonNode call(String method, String path, String bearer, Object body) throws Exception {
        return call(method, path, bearer, body, Map.of());
    }

    private JsonNode call(String method, String path, String bearer, Object body, Map<String, String> headers)
            throws Exception {
        HttpResponse<String> response = send(method, path, bearer, body, headers);
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private HttpResponse<String> send(String method, String path, String bearer, Object body) throws Exception {
        return send(method, path, bearer, body, Map.of());
    }

    private HttpResponse<String> send(String method, String path, String bearer, Object body,
                                      Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
