package dev.veloera.platform;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static dev.veloera.platform.Promises.BILLED;
import static dev.veloera.platform.Promises.MARGIN;
import static dev.veloera.platform.Promises.PROJECTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The audit trail on the real parts (the platform's processes, KRaft, SQLite, the demo upstream), all through the
 * public API on the relay's port: after root sets a user's quota, the user redeems a code, pays an Epay order
 * (the notification signed as Epay signs it), checks in and makes relayed requests, {@code GET /api/audit/user/{id}}
 * lists each of those balance changes in order with its actor and the balance after it, and the last balance after
 * is the user's {@code quota} as {@code GET /api/user/{id}} answers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditTrailIT {

    private static final String MODEL = "gpt-4o-mini";
    private static final String EPAY_PID = "1001";
    private static final String EPAY_KEY = "epay-merchant-key";
    private static final long QUOTA_SET = 1_000_000;
    private static final long CODE_QUOTA = 300_000;
    private static final int RELAYED = 3;
    /** Two dollars at Veloera's default QuotaPerUnit (500 000, amounts shown in currency). */
    private static final long TOP_UP_QUOTA = 2 * 500_000;
    private static final int ROOT = 100;
    private static final int COMMON = 1;
    // Bounds of this test beside those in Promises, each wait being the bound plus a margin.
    /** An option or a new key is in every service's view within 1 s (DESIGN, "Request path"). */
    private static final Duration SEEN = Duration.ofSeconds(1);

    private final HttpClient http = HttpClient.newHttpClient();
    private DemoUpstream upstream;
    private Platform platform;
    private final RelayRequests relay = new RelayRequests(() -> this.platform.relayUrl());
    private ManagementClient api;

    @BeforeAll
    void startPlatform() throws Exception {
        Path dataDir = Files.createTempDirectory("veloera-audit");
        upstream = new DemoUpstream(0);
        upstream.start();
        PlatformConfig config = TestPlatforms.onFreePorts(dataDir, PlatformConfig.Database.sqlite(dataDir));
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
    void theUsersTrailListsEachBalanceChangeWithItsActorAndEndsAtTheUsersQuota() throws Exception {
        api.setup("root", "root-password-1");
        ManagementClient.Session root = api.awaitReadable(api.login("root", "root-password-1"), PROJECTED.plus(MARGIN));
        api.createChannel(root, "mock", upstream.baseUrl(), "sk-upstream-secret", MODEL);
        api.register("alice", "alice-password-1");
        ManagementClient.Session alice = api.awaitReadable(api.login("alice", "alice-password-1"),
                PROJECTED.plus(MARGIN));

        api.setQuota(root, alice.userId(), QUOTA_SET);
        String code = api.call("POST", "/api/redemption/", root,
                Map.of("name", "audit", "quota", CODE_QUOTA, "count", 1)).get(0).asText();
        api.call("POST", "/api/user/topup", alice, Map.of("key", code));

        Map.of("EpayId", EPAY_PID, "EpayKey", EPAY_KEY, "PayAddress", "https://pay.example.com/",
                        "ServerAddress", "https://veloera.example.com", "CheckInEnabled", "true")
                .forEach((key, value) -> api.call("PUT", "/api/option/", root, Map.of("key", key, "value", value)));
        JsonNode order = await().atMost(SEEN.plus(MARGIN)).ignoreExceptions().until(() -> api.call("POST",
                "/api/user/pay", alice, Map.of("amount", 2, "payment_method", "alipay")), o -> o.has("out_trade_no"));
        HttpResponse<String> notified = epayNotifies(order.path("out_trade_no").asText(), order.path("money").asText());
        assertThat(notified.statusCode()).as(notified.body()).isEqualTo(200);
        assertThat(notified.body()).isEqualTo("success");

        long checkedIn = await().atMost(SEEN.plus(MARGIN)).ignoreExceptions()
                .until(() -> api.call("POST", "/api/user/check_in", alice, null), d -> d.has("quota"))
                .path("quota").asLong();

        String key = api.createToken(alice, "audit-key", 0, true);
        await().atMost(SEEN.plus(MARGIN)).pollInterval(Duration.ofMillis(20))
                .until(() -> chat(key).statusCode() == 200);
        for (int i = 1; i < RELAYED; i++) {
            assertThat(chat(key).statusCode()).isEqualTo(200);
        }
        JsonNode self = await().atMost(BILLED.plus(MARGIN)).pollInterval(Duration.ofMillis(50))
                .until(() -> api.get(alice, "/api/user/self"), s -> s.path("request_count").asLong() == RELAYED);

        List<JsonNode> changes = balanceChanges(trail(root, alice.userId()));
        System.out.println("GET /api/audit/user/" + alice.userId() + " balance changes:");
        changes.forEach(c -> System.out.printf("  %s %s actor=%s %d -> %d%n", c.path("event").asText(),
                c.path("payload").path("source").asText(""), c.path("actor"), c.path("quota_before").asLong(),
                c.path("quota_after").asLong()));

        assertThat(changes).hasSizeGreaterThanOrEqualTo(5);
        assertChange(changes.get(0), "UserQuotaSetEvent", null, root.userId(), ROOT);
        assertThat(changes.get(0).path("quota_after").asLong()).isEqualTo(QUOTA_SET);
        assertChange(changes.get(1), "QuotaCreditedEvent", "redemption", alice.userId(), COMMON);
        assertThat(changes.get(1).path("payload").path("amount").asLong()).isEqualTo(CODE_QUOTA);
        assertChange(changes.get(2), "QuotaCreditedEvent", "topup", 0, -1);
        assertThat(changes.get(2).path("payload").path("amount").asLong()).isEqualTo(TOP_UP_QUOTA);
        assertThat(changes.get(2).path("payload").path("sourceId").asText())
                .isEqualTo(order.path("out_trade_no").asText());
        assertChange(changes.get(3), "QuotaCreditedEvent", "check_in", alice.userId(), COMMON);
        assertThat(changes.get(3).path("payload").path("amount").asLong()).isEqualTo(checkedIn);
        List<JsonNode> settlements = changes.subList(4, changes.size());
        settlements.forEach(s -> assertChange(s, "UsageSettledEvent", null, 0, -1));
        assertThat(settlements.getLast().path("payload").path("requestCountAfter").asLong()).isEqualTo(RELAYED);

        long previous = 0;
        for (JsonNode change : changes) {
            assertThat(change.path("quota_before").asLong()).as("each change starts where the last ended")
                    .isEqualTo(previous);
            previous = change.path("quota_after").asLong();
        }
        assertThat(changes.get(3).path("quota_after").asLong() - previous).as("the settlements charged the usage")
                .isPositive().isEqualTo(self.path("used_quota").asLong());
        assertThat(previous).isEqualTo(self.path("quota").asLong());
        long lastAfter = previous;
        await().atMost(PROJECTED.plus(MARGIN)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                assertThat(api.get(root, "/api/user/" + alice.userId()).path("quota").asLong()).isEqualTo(lastAfter));
    }

    /** The user's whole trail, page by page (at most 100 entries a page). */
    private List<JsonNode> trail(ManagementClient.Session admin, long userId) {
        List<JsonNode> entries = new ArrayList<>();
        for (int page = 1; ; page++) {
            JsonNode data = api.get(admin, "/api/audit/user/" + userId + "?p=" + page + "&page_size=100");
            data.path("items").forEach(entries::add);
            if (data.path("items").isEmpty() || entries.size() >= data.path("total").asLong()) {
                return entries;
            }
        }
    }

    /** The entries that moved the balance, and every quota set, credit or settlement even if it did not. */
    private static List<JsonNode> balanceChanges(List<JsonNode> trail) {
        List<String> balanceEvents = List.of("UserQuotaSetEvent", "QuotaCreditedEvent", "UsageSettledEvent");
        return trail.stream().filter(e -> balanceEvents.contains(e.path("event").asText())
                || e.path("quota_before").asLong() != e.path("quota_after").asLong()).toList();
    }

    /** {@code role} -1 means the system acting on its own (user 0). */
    private static void assertChange(JsonNode change, String event, String source, long actorId, int role) {
        assertThat(change.path("event").asText()).as(change.toString()).isEqualTo(event);
        if (source != null) {
            assertThat(change.path("payload").path("source").asText()).as(change.toString()).isEqualTo(source);
        }
        JsonNode actor = change.path("actor");
        assertThat(actor.path("user_id").asLong()).as(change.toString()).isEqualTo(actorId);
        assertThat(actor.path("system").asBoolean()).as(change.toString()).isEqualTo(role == -1);
        if (role != -1) {
            assertThat(actor.path("role").asInt()).as(change.toString()).isEqualTo(role);
        }
    }

    /** Epay's notification that order {@code tradeNo} was paid {@code money}, signed as Epay signs it. */
    private HttpResponse<String> epayNotifies(String tradeNo, String money) throws Exception {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("pid", EPAY_PID);
        params.put("trade_no", "2026112900001" + Math.abs(tradeNo.hashCode()));
        params.put("out_trade_no", tradeNo);
        params.put("type", "alipay");
        params.put("name", "TUC2");
        params.put("money", money);
        params.put("trade_status", "TRADE_SUCCESS");
        params.put("sign", epaySign(params));
        params.put("sign_type", "MD5");
        String query = params.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return http.send(HttpRequest.newBuilder(URI.create(platform.relayUrl() + "/api/user/epay/notify?" + query))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Epay's MD5 signature (go-epay): every parameter but {@code sign}, {@code sign_type} and empty values, sorted by
     * name, joined {@code k=v&k=v} unencoded, the merchant key appended, lower-case hex.
     */
    private static String epaySign(Map<String, String> params) throws Exception {
        String signed = new TreeMap<>(params).entrySet().stream()
                .filter(e -> !e.getKey().equals("sign") && !e.getKey().equals("sign_type") && !e.getValue().isEmpty())
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("&"));
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                .digest((signed + EPAY_KEY).getBytes(StandardCharsets.UTF_8)));
    }

    private HttpResponse<String> chat(String key) throws Exception {
        return relay.send("POST", "/v1/chat/completions", key, Map.of("model", MODEL,
                "messages", List.of(Map.of("role", "user", "content", "Say hi"))));
    }
}
