package dev.veloera.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veloera.contracts.pricing.ModelPrice;
import dev.veloera.contracts.pricing.PricingTable;
import dev.veloera.schema.testing.TestDatabases;
import dev.veloera.schema.testing.TestDatabases.Engine;
import dev.veloera.schema.testing.TestDatabases.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code ./veloera platform} with {@code VELOERA_DB_URL} naming PostgreSQL or MySQL/MariaDB runs there as it
 * does on SQLite: every service migrates and uses that database; a relayed request is billed and logged.
 */
class PlatformOnServerDatabasesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MODEL = "gpt-4o-mini";
    private static final ModelPrice PRICE = PricingTable.defaults().priceFor(MODEL, "default");
    /** Billing and logs follow a request within a few seconds; the margin is for a busy 2-core machine. */
    private static final Duration FOLLOWS = Duration.ofSeconds(5).plusSeconds(10);
    /** A new key and channel reach the relay: projected, then its cache or catalog. */
    private static final Duration RELAY_SEES = Duration.ofSeconds(10).plusSeconds(10);

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"POSTGRESQL", "MYSQL"})
    void aRequestIsRelayedBilledAndLoggedOnTheServerDatabase(Engine engine) throws Exception {
        Path dataDir = Files.createTempDirectory("veloera-platform-" + engine.name().toLowerCase());
        try (TestDatabase database = TestDatabases.create(engine);
             DemoUpstream upstream = new DemoUpstream(0)) {
            upstream.start();
            PlatformConfig config = TestPlatforms.onFreePorts(dataDir, new PlatformConfig.Database(database.url(),
                    nullToEmpty(database.username()), nullToEmpty(database.password())));
            try (Platform platform = new Platform(config)) {
                platform.start();
                ManagementClient api = new ManagementClient(platform.relayUrl());
                RelayRequests relay = new RelayRequests(platform::relayUrl);

                api.setup("root", "root-password-1");
                await().atMost(FOLLOWS).until(api::isSetUp);
                ManagementClient.Session root = api.login("root", "root-password-1");
                api.createChannel(root, "mock", upstream.baseUrl(), "sk-upstream-secret", MODEL);
                api.register("carol", "carol-password-1");
                ManagementClient.Session carol = api.login("carol", "carol-password-1");
                api.setQuota(root, carol.userId(), 1_000_000);
                String key = api.createToken(carol, "carol-key", 0, true);
                await().atMost(RELAY_SEES).untilAsserted(() ->
                        assertThat(relay.send("GET", "/v1/models", key, null).body()).contains(MODEL));

                HttpResponse<String> response = relay.send("POST", "/v1/chat/completions", key,
                        Map.of("model", MODEL, "messages", List.of(Map.of("role", "user", "content", "Hello"))));
                assertThat(response.statusCode()).isEqualTo(200);
                JsonNode body = JSON.readTree(response.body());
                long quota = PRICE.quotaFor(body.at("/usage/prompt_tokens").asLong(),
                        body.at("/usage/completion_tokens").asLong());

                await().atMost(FOLLOWS).untilAsserted(() -> {
                    JsonNode self = api.get(carol, "/api/user/self");
                    assertThat(self.path("used_quota").asLong()).isEqualTo(quota);
                    assertThat(self.path("quota").asLong()).isEqualTo(1_000_000 - quota);
                });
                await().atMost(FOLLOWS).untilAsserted(() ->
                        assertThat(api.get(carol, "/api/log/self?type=2&p=1&page_size=10").path("total").asInt())
                                .isEqualTo(1));
                assertThat(Files.exists(dataDir.resolve("veloera.db"))).as("no SQLite file on a server database")
                        .isFalse();
            }
        }
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
