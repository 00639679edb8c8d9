package dev.veloera.platform;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.veloera.platform.Promises.RELAY_SEES;
import static dev.veloera.platform.Promises.SETUP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Operator changes reach the relay on the real parts (KRaft broker, the four services as processes, SQLite, the demo
 * upstream): a disabled or deleted token is refused, and a deleted channel no longer served, within the catalog's
 * 1 s; a key used from outside its {@code allow_ips} is refused with 401; another user's token id is 404; a group the
 * user may not use is refused. Each propagation is timed from the management call's answer and printed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TokenRevocationIT {

    private static final String MODEL = "gpt-4o-mini";
    /** For a busy 2-core machine; the measured figure is printed beside it. */
    private static final Duration MARGIN = Duration.ofSeconds(4);

    private DemoUpstream upstream;
    private Platform platform;
    private final RelayRequests relay = new RelayRequests(() -> this.platform.relayUrl());
    private ManagementClient api;
    private ManagementClient.Session root;
    private ManagementClient.Session alice;
    private ManagementClient.Session bob;

    @BeforeAll
    void startPlatform() throws Exception {
        Path dataDir = Files.createTempDirectory("veloera-revocation");
        upstream = new DemoUpstream(0);
        upstream.start();
        PlatformConfig config = TestPlatforms.onFreePorts(dataDir, PlatformConfig.Database.sqlite(dataDir));
        platform = new Platform(config);
        platform.start();
        api = new ManagementClient(platform.relayUrl());
        root = TestPlatforms.root(api);
        alice = TestPlatforms.user(api, root, "alice", 10_000_000);
        api.register("bob", "bob-password-1");
        bob = api.login("bob", "bob-password-1");
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
    void aDisabledTokenIsRefusedWithinASecondAndServedAgainOnceEnabled() throws Exception {
        long channel = createChannel("main");
        Token token = createToken(alice, "revocable", "");
        awaitServed(token.key());

        api.call("PUT", "/api/token/?status_only=1", alice, Map.of("id", token.id(), "status", 2));
        Duration took = untilStatus(token.key(), 401);
        System.out.printf("token disabled -> refused by the relay %d ms after PUT answered%n", took.toMillis());
        assertThat(took).isLessThan(RELAY_SEES.plus(MARGIN));

        api.call("PUT", "/api/token/?status_only=1", alice, Map.of("id", token.id(), "status", 1));
        untilStatus(token.key(), 200);
        assertThat(channel).isPositive();
    }

    @Test
    @Order(2)
    void aDeletedTokenIsRefusedWithinASecondAndIsThen404() throws Exception {
        Token token = createToken(alice, "deletable", "");
        awaitServed(token.key());

        api.call("DELETE", "/api/token/" + token.id(), alice, null);
        Duration took = untilStatus(token.key(), 401);
        System.out.printf("token deleted -> refused by the relay %d ms after DELETE answered%n", took.toMillis());
        assertThat(took).isLessThan(RELAY_SEES.plus(MARGIN));
        await().atMost(SETUP).untilAsserted(() -> assertThatThrownBy(() -> api.get(alice, "/api/token/" + token.id()))
                .isInstanceOfSatisfying(ManagementClient.ApiException.class, e -> assertThat(e.status()).isEqualTo(404)));
    }

    @Test
    @Order(3)
    void aKeyUsedFromOutsideItsAllowIpsIsRefusedWith401() throws Exception {
        Token token = createToken(alice, "fenced", "10.20.30.0/24\n2001:db8::/32");
        // refused for its address, not as an unknown key: the message says which
        await().atMost(RELAY_SEES.plus(MARGIN)).pollInterval(Duration.ofMillis(20))
                .until(() -> chat(token.key()).body().contains("may not be used from"));
        HttpResponse<String> refused = chat(token.key());
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("invalid_api_key");

        Map<String, Object> edit = new HashMap<>(Map.of("id", token.id(), "name", "fenced", "remain_quota", 0,
                "unlimited_quota", true, "expired_time", -1, "allow_ips", "127.0.0.1\n::1"));
        api.call("PUT", "/api/token/", alice, edit);
        untilStatus(token.key(), 200);
    }

    @Test
    @Order(4)
    void anotherUsersTokenIdIs404AndAGroupTheUserMayNotUseIsRefused() throws Exception {
        Token token = createToken(alice, "alices", "");
        await().atMost(SETUP).until(() -> api.get(alice, "/api/token/" + token.id()).path("id").asLong() == token.id());
        for (Runnable call : List.<Runnable>of(
                () -> api.get(bob, "/api/token/" + token.id()),
                () -> api.call("PUT", "/api/token/?status_only=1", bob, Map.of("id", token.id(), "status", 2)),
                () -> api.call("PUT", "/api/token/", bob, Map.of("id", token.id(), "name", "mine now")),
                () -> api.call("DELETE", "/api/token/" + token.id(), bob, null))) {
            assertThatThrownBy(call::run).isInstanceOfSatisfying(ManagementClient.ApiException.class,
                    e -> assertThat(e.status()).isEqualTo(404));
        }
        assertThat(chat(token.key()).statusCode()).isEqualTo(200);

        assertThatThrownBy(() -> api.call("POST", "/api/token/", alice, Map.of("name", "svip", "group", "svip",
                "unlimited_quota", true))).isInstanceOfSatisfying(ManagementClient.ApiException.class,
                e -> assertThat(e.status()).isEqualTo(403));
        assertThatThrownBy(() -> api.call("PUT", "/api/token/", alice, Map.of("id", token.id(), "name", "alices",
                "unlimited_quota", true, "group", "no-such-group"))).isInstanceOfSatisfying(
                ManagementClient.ApiException.class, e -> assertThat(e.status()).isEqualTo(403));
    }

    @Test
    @Order(5)
    void aDeletedChannelIsNoLongerServedWithinASecond() throws Exception {
        long channel = api.call("POST", "/api/channel/", root, Map.of("type", 0, "name", "doomed",
                "key", "sk-upstream-doomed", "base_url", upstream.baseUrl(), "models", "gpt-4o",
                "group", "default")).path("id").asLong();
        Token token = createToken(alice, "channel-user", "");
        await().atMost(RELAY_SEES.plus(MARGIN)).pollInterval(Duration.ofMillis(20))
                .until(() -> chat(token.key(), "gpt-4o").statusCode() == 200);

        api.call("DELETE", "/api/channel/" + channel, root, null);
        long started = System.nanoTime();
        await().atMost(RELAY_SEES.plus(MARGIN)).pollInterval(Duration.ofMillis(10))
                .until(() -> chat(token.key(), "gpt-4o").statusCode() == 503);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        System.out.printf("channel deleted -> no longer served by the relay %d ms after DELETE answered%n",
                took.toMillis());
        assertThat(took).isLessThan(RELAY_SEES.plus(MARGIN));
        assertThat(chat(token.key(), "gpt-4o").body()).contains("model_not_found");
        assertThat(chat(token.key()).statusCode()).as("the other channel still serves").isEqualTo(200);
    }

    private record Token(long id, String key) {
    }

    private Token createToken(ManagementClient.Session owner, String name, String allowIps) {
        JsonNode data = api.call("POST", "/api/token/", owner, Map.of("name", name, "unlimited_quota", true,
                "expired_time", -1, "allow_ips", allowIps));
        return new Token(data.path("id").asLong(), data.path("key").asText());
    }

    private long createChannel(String name) {
        JsonNode data = api.call("POST", "/api/channel/", root, Map.of("type", 0, "name", name,
                "key", "sk-upstream-" + name, "base_url", upstream.baseUrl(), "models", MODEL, "group", "default"));
        return data.path("id").asLong();
    }

    private void awaitServed(String key) {
        await().atMost(RELAY_SEES.plus(MARGIN)).pollInterval(Duration.ofMillis(20))
                .until(() -> chat(key).statusCode() == 200);
    }

    /** How long after now the relay first answers {@code key} with {@code status}, polling every 10 ms. */
    private Duration untilStatus(String key, int status) throws Exception {
        long started = System.nanoTime();
        long deadline = started + RELAY_SEES.plus(MARGIN).plus(MARGIN).toNanos();
        while (System.nanoTime() < deadline) {
            if (chat(key).statusCode() == status) {
                return Duration.ofNanos(System.nanoTime() - started);
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the relay did not answer " + status + " for the key in time");
    }

    private HttpResponse<String> chat(String key) throws Exception {
        return chat(key, MODEL);
    }

    private HttpResponse<String> chat(String key, String model) throws Exception {
        return relay.send("POST", "/v1/chat/completions", key,
                Map.of("model", model, "messages", List.of(Map.of("role", "user", "content", "hi"))));
    }
}
