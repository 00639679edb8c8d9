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

import static dev.veloera.platform.Promises.BILLED;
import static dev.veloera.platform.Promises.MARGIN;
import static dev.veloera.platform.Promises.RELAY_SEES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Account and option changes reach the relay through the catalog, on the real parts (the platform's processes,
 * KRaft, SQLite, the mock upstream): a ratio set with {@code PUT /api/option/} prices the next relayed request, and a
 * user disabled or deleted with {@code POST /api/user/manage} is refused by the relay within the catalog's bound
 * (1 s, DESIGN "Request path"), then served again once enabled.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AccountsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MODEL = "gpt-4o-mini";
    private static final long QUOTA = 50_000_000;

    private DemoUpstream upstream;
    private Platform platform;
    private final RelayRequests relay = new RelayRequests(() -> this.platform.relayUrl());
    private ManagementClient api;
    private ManagementClient.Session root;
    private ManagementClient.Session alice;
    private String aliceKey;
    /** Requests relayed with a 200 so far: each is billed once, so request_count tells when all are settled. */
    private long served;

    @BeforeAll
    void startPlatform() throws Exception {
        Path dataDir = Files.createTempDirectory("veloera-accounts");
        upstream = new DemoUpstream(0);
        upstream.start();
        PlatformConfig config = TestPlatforms.onFreePorts(dataDir, PlatformConfig.Database.sqlite(dataDir));
        platform = new Platform(config);
        platform.start();
        api = new ManagementClient(platform.relayUrl());
        root = TestPlatforms.root(api);
        api.createChannel(root, "mock", upstream.baseUrl(), "sk-upstream-secret", MODEL);
        alice = TestPlatforms.user(api, root, "alice", QUOTA);
        aliceKey = api.createToken(alice, "alice-key", 0, true);
        await().atMost(RELAY_SEES.plus(MARGIN)).pollInterval(Duration.ofMillis(10))
                .until(() -> chat().statusCode() == 200);
        served = 1;
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
    void aRatioSetThroughTheOptionsApiPricesTheNextRelayedRequest() throws Exception {
        ModelPrice before = PricingTable.defaults().priceFor(MODEL, "default");
        Map<String, Double> ratios = new java.util.HashMap<>(PricingTable.defaults().modelRatio());
        ratios.put(MODEL, 10.0);
        ModelPrice after = PricingTable.defaults().overriddenBy(ratios, null, null, null).priceFor(MODEL, "default");
        long settled = awaitSettledUsedQuota();

        api.call("PUT", "/api/option/", root, Map.of("key", "ModelRatio", "value", JSON.writeValueAsString(ratios)));
        long changed = System.nanoTime();

        // requests in flight when the option lands may still be priced before it; within the bound the new ratio applies
        long repriced = -1;
        while (System.nanoTime() - changed < RELAY_SEES.plus(MARGIN).toNanos()) {
            Billed billed = billedRequest(settled);
            settled = billed.usedQuotaAfter();
            if (billed.quota() == after.quotaFor(billed.promptTokens(), billed.completionTokens())) {
                repriced = (System.nanoTime() - changed) / 1_000_000;
                break;
            }
            assertThat(billed.quota()).isEqualTo(before.quotaFor(billed.promptTokens(), billed.completionTokens()));
        }
        assertThat(repriced).as("a request priced with the new ratio within the bound").isNotNegative();
        System.out.printf("PUT /api/option/ ModelRatio -> first request priced with it: %d ms%n", repriced);
        Billed next = billedRequest(settled);
        assertThat(next.quota()).isEqualTo(after.quotaFor(next.promptTokens(), next.completionTokens()))
                .isGreaterThan(before.quotaFor(next.promptTokens(), next.completionTokens()));
    }

    @Test
    @Order(2)
    void aDisabledUserIsRefusedByTheRelayWithinTheCatalogBound() throws Exception {
        assertThat(chat().statusCode()).isEqualTo(200);

        api.call("POST", "/api/user/manage", root, Map.of("id", alice.userId(), "action", "disable"));
        long refusedAfter = awaitStatus(401);
        System.out.printf("POST /api/user/manage disable -> relay refuses the user's key: %d ms%n", refusedAfter);
        assertThat(Duration.ofMillis(refusedAfter)).isLessThanOrEqualTo(RELAY_SEES.plus(MARGIN));
        assertThat(chat().body()).contains("invalid_api_key");

        api.call("POST", "/api/user/manage", root, Map.of("id", alice.userId(), "action", "enable"));
        awaitStatus(200);

        api.call("DELETE", "/api/user/" + alice.userId(), root, null);
        long deletedAfter = awaitStatus(401);
        System.out.printf("DELETE /api/user/{id} -> relay refuses the user's key: %d ms%n", deletedAfter);
    }

    record Billed(long quota, long promptTokens, long completionTokens, long usedQuotaAfter) {
    }

    /** One request, and what it cost once settled and projected (the user's used_quota moves by exactly that). */
    private Billed billedRequest(long usedQuotaBefore) throws Exception {
        HttpResponse<String> response = chat();
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        served++;
        JsonNode usage = JSON.readTree(response.body()).path("usage");
        long used = awaitSettledUsedQuota();
        return new Billed(used - usedQuotaBefore, usage.path("prompt_tokens").asLong(),
                usage.path("completion_tokens").asLong(), used);
    }

    /** used_quota once every request served so far is settled and projected. */
    private long awaitSettledUsedQuota() {
        JsonNode self = await().atMost(BILLED.plus(MARGIN)).pollInterval(Duration.ofMillis(50))
                .until(() -> api.get(alice, "/api/user/self"), s -> s.path("request_count").asLong() == served);
        return self.path("used_quota").asLong();
    }

    /** Milliseconds until the relay answers alice's key with {@code status}. */
    private long awaitStatus(int status) {
        long start = System.nanoTime();
        await().atMost(RELAY_SEES.plus(MARGIN)).pollInterval(Duration.ofMillis(10)).until(() -> chat().statusCode() == status);
        return (System.nanoTime() - start) / 1_000_000;
    }

    private HttpResponse<String> chat() throws Exception {
        return relay.send("POST", "/v1/chat/completions", aliceKey, Map.of("model", MODEL,
                "messages", List.of(Map.of("role", "user", "content", "Say hi"))));
    }
}
