package dev.veloera.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veloera.contracts.pricing.ModelPrice;
import dev.veloera.contracts.pricing.PricingTable;
import dev.veloera.contracts.usage.UsageTopic;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberToRemove;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The request path's guarantees on the real parts (the platform's services as processes, the in-process KRaft
 * broker, the event store on SQLite): quota leases never let two relays overspend, and the usage journal,
 * batch settlement and the analytics sink bill every complete answer exactly once through a relay killed under
 * load, a broker restarted under load and a replay of the whole usage topic.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RequestPathGuaranteesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MODEL = "gpt-4o-mini";
    private static final ModelPrice PRICE = PricingTable.defaults().priceFor(MODEL, "default");
    /** max_tokens far above what the demo upstream generates: every estimate covers its actual cost. */
    private static final Map<String, Object> REQUEST = Map.of("model", MODEL, "max_tokens", 200,
            "messages", List.of(Map.of("role", "user", "content", "Count me")));

    private static final Duration MARGIN = Duration.ofSeconds(15);
    /** Settled from Kafka and projected; logged by analytics-streams. */
    private static final Duration BILLED = Duration.ofSeconds(5);
    /** An idle lease is handed back (VELOERA_LEASE_IDLE_AFTER 5 s, checked every second), then its usage settles. */
    private static final Duration LEASES_CLOSED = Duration.ofSeconds(6).plus(BILLED);
    private static final Duration SERVICE_STARTS = Duration.ofSeconds(60);

    private Path dataDir;
    private DemoUpstream upstream;
    private PlatformConfig config;
    private Platform platform;
    private ServiceProcess secondRelay;
    private ManagementClient api;
    private ManagementClient.Session root;
    private ManagementClient.Session user;
    private String key;
    private long cost;

    @BeforeAll
    void startPlatform() throws Exception {
        dataDir = Files.createTempDirectory("veloera-guarantees");
        upstream = new DemoUpstream(0);
        upstream.start();
        config = TestPlatforms.onFreePorts(dataDir, PlatformConfig.Database.sqlite(dataDir));
        platform = new Platform(config);
        platform.start();
        api = new ManagementClient(platform.relayUrl());
        api.setup("root", "root-password-1");
        await().atMost(BILLED.plus(MARGIN)).until(api::isSetUp);
        root = api.login("root", "root-password-1");
        api.createChannel(root, "demo", upstream.baseUrl(), "sk-demo", MODEL);
        api.register("racer", "racer-password-1");
        user = api.awaitReadable(api.login("racer", "racer-password-1"), BILLED.plus(MARGIN));
        api.setQuota(root, user.userId(), 10_000_000);
        key = api.createToken(user, "racer-key", 0, true);
        HttpResponse<String> first = relay(platform.relayUrl()).send("POST", "/v1/chat/completions", key, REQUEST);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        JsonNode usage = JSON.readTree(first.body()).path("usage");
        cost = PRICE.quotaFor(usage.path("prompt_tokens").asLong(), usage.path("completion_tokens").asLong());
        assertThat(cost).isPositive();
    }

    @AfterAll
    void stopPlatform() {
        if (secondRelay != null) {
            secondRelay.close();
        }
        if (platform != null) {
            platform.close();
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    @Test
    @Order(1)
    void twoRelaysSharingABalanceForTwentyServeAtMostTwentyOneOfTwoHundred() throws Exception {
        int port = FreePorts.next();
        Map<String, String> env = new HashMap<>(platform.serviceEnvironment());
        env.put("VELOERA_RELAY_PORT", String.valueOf(port));
        env.put("VELOERA_INSTANCE_ID", "second-relay");
        env.put("VELOERA_JOURNAL_DIR", dataDir.resolve("journal-2").toString());
        secondRelay = new ServiceProcess("relay-service-2", config.jarOf("relay-service"), port, env,
                dataDir.resolve("logs"));
        secondRelay.start();
        secondRelay.awaitHealthy(SERVICE_STARTS);

        long before = awaitSettled();
        api.setQuota(root, user.userId(), 20 * cost);
        await().atMost(BILLED.plus(MARGIN)).until(() -> api.get(user, "/api/user/self").path("quota").asLong() == 20 * cost);
        List<RelayRequests> relays = List.of(relay(platform.relayUrl()), relay(secondRelay.url()));

        AtomicInteger served = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                RelayRequests relay = relays.get(i % 2);
                sent.add(clients.submit(() -> {
                    start.await();
                    HttpResponse<String> response = relay.send("POST", "/v1/chat/completions", key, REQUEST);
                    if (response.statusCode() == 200) {
                        served.incrementAndGet();
                    } else {
                        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
                        assertThat(JSON.readTree(response.body()).at("/error/code").asText())
                                .isEqualTo("insufficient_user_quota");
                        refused.incrementAndGet();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : sent) {
                f.get(120, TimeUnit.SECONDS);
            }
        }

        assertThat(served.get()).isBetween(1, 21);
        assertThat(served.get() + refused.get()).isEqualTo(200);
        await().atMost(BILLED.plus(MARGIN)).untilAsserted(() -> {
            JsonNode self = api.get(user, "/api/user/self");
            assertThat(self.path("used_quota").asLong() - before).isEqualTo(served.get() * cost);
            assertThat(self.path("quota").asLong()).isEqualTo((20 - served.get()) * cost).isNotNegative();
        });
        // every lease handed back and settled: no lease deadline left pending, nothing held
        await().atMost(LEASES_CLOSED.plus(MARGIN)).until(() -> pendingDeadlines() == 0);
        secondRelay.close();
    }

    @Test
    @Order(2)
    void aRelayKilledUnderLoadBillsEveryCompleteAnswerExactlyOnce() throws Exception {
        api.setQuota(root, user.userId(), 10_000_000);
        long usedBefore = awaitSettled();
        ServiceProcess relayProcess = platform.service("relay-service");
        Load load = Load.start(relay(platform.relayUrl()), key, 8);
        await().atMost(MARGIN).until(() -> load.complete.size() >= 50);
        relayProcess.kill(); // the supervisor starts it again
        await().atMost(Supervisor.FIRST_BACKOFF.plus(SERVICE_STARTS).plus(MARGIN)).until(() -> {
            int completeBefore = load.complete.size();
            Thread.sleep(1000);
            return relayProcess.isAlive() && load.complete.size() > completeBefore + 20;
        });
        load.stop();

        assertBilledOnce(load.complete, usedBefore);
    }

    @Test
    @Order(3)
    void theBrokerRestartedUnderLoadLosesNothingAndBillsNothingTwice() throws Exception {
        long usedBefore = awaitSettled();
        Load load = Load.start(relay(platform.relayUrl()), key, 8);
        await().atMost(MARGIN).until(() -> load.complete.size() >= 50);
        platform.broker().close();
        int duringOutage = load.complete.size();
        Thread.sleep(3000);
        assertThat(load.complete.size()).as("the relay serves while Kafka is away").isGreaterThan(duringOutage);
        platform.broker().start();
        int afterOutage = load.complete.size();
        await().atMost(MARGIN).until(() -> load.complete.size() > afterOutage + 50);
        load.stop();

        assertThat(load.failed).as("no request failed").hasValue(0);
        assertBilledOnce(load.complete, usedBefore);
    }

    @Test
    @Order(4)
    void replayingTheWholeUsageTopicChangesNoBalanceLogOrBucket() throws Exception {
        awaitSettled();
        Snapshot before = snapshot();
        ServiceProcess command = platform.service("command-service");
        ServiceProcess analytics = platform.service("analytics-streams");
        command.close();
        analytics.close();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, platform.broker().bootstrapServers()))) {
            for (String group : List.of("veloera-settlement", "veloera-analytics")) {
                rewindToTheStart(admin, group);
            }
            command.start();
            analytics.start();
            command.awaitHealthy(SERVICE_STARTS);
            analytics.awaitHealthy(SERVICE_STARTS);
            long records = endOffsets(admin).values().stream().mapToLong(Long::longValue).sum();
            assertThat(records).isGreaterThan(100);
            await().atMost(SERVICE_STARTS.plus(MARGIN)).until(() ->
                    caughtUp(admin, "veloera-settlement") && caughtUp(admin, "veloera-analytics"));
        }
        Thread.sleep(BILLED.toMillis()); // whatever the replay changed would be projected by now
        assertThat(snapshot()).isEqualTo(before);
    }

    private void assertBilledOnce(Set<String> complete, long usedBefore) throws Exception {
        await().atMost(BILLED.plus(MARGIN)).untilAsserted(() -> {
            Map<String, Integer> logged = loggedRequestIds();
            assertThat(logged.keySet()).containsAll(complete);
            assertThat(logged.values()).allMatch(count -> count == 1);
            long used = api.get(user, "/api/user/self").path("used_quota").asLong();
            // a request cut off by the kill may be billed too (its record was journaled), but nothing twice
            assertThat(used - usedBefore).isGreaterThanOrEqualTo(complete.size() * cost);
            assertThat(used).isEqualTo(loggedQuota());
        });
    }

    /** Waits until billing, the logs and the hourly buckets agree, and returns the user's used quota. */
    private long awaitSettled() {
        long[] used = new long[1];
        await().atMost(BILLED.plus(MARGIN)).until(() -> {
            used[0] = api.get(user, "/api/user/self").path("used_quota").asLong();
            return used[0] == loggedQuota() && used[0] == bucketQuota();
        });
        return used[0];
    }

    private long bucketQuota() throws Exception {
        return query("SELECT COALESCE(SUM(quota), 0) FROM quota_data WHERE user_id = " + user.userId());
    }

    private long loggedQuota() throws Exception {
        return query("SELECT COALESCE(SUM(quota), 0) FROM logs WHERE user_id = " + user.userId());
    }

    /** Deadlines (lease and reservation expiries): every scheduled task but the recurring channel test. */
    private long pendingDeadlines() throws Exception {
        return query("SELECT COUNT(*) FROM scheduled_tasks WHERE task_name <> 'channel-test'");
    }

    private Map<String, Integer> loggedRequestIds() throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        try (Connection db = database();
             ResultSet rows = db.createStatement().executeQuery(
                     "SELECT request_id FROM logs WHERE user_id = " + user.userId())) {
            while (rows.next()) {
                counts.merge(rows.getString(1), 1, Integer::sum);
            }
        }
        return counts;
    }

    record Snapshot(long quota, long usedQuota, long requestCount, long logs, long logQuota, long bucketCount,
                    long bucketQuota) {
    }

    private Snapshot snapshot() throws Exception {
        JsonNode self = api.get(user, "/api/user/self");
        return new Snapshot(self.path("quota").asLong(), self.path("used_quota").asLong(),
                self.path("request_count").asLong(),
                query("SELECT COUNT(*) FROM logs WHERE user_id = " + user.userId()), loggedQuota(),
                query("SELECT COALESCE(SUM(count), 0) FROM quota_data WHERE user_id = " + user.userId()),
                bucketQuota());
    }

    private long query(String sql) throws Exception {
        try (Connection db = database(); ResultSet row = db.createStatement().executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    private Connection database() throws Exception {
        return DriverManager.getConnection(config.database().url());
    }

    /** Static members of a stopped service stay in the group until their session ends: removed, then rewound. */
    private static void rewindToTheStart(Admin admin, String group) throws Exception {
        ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
        List<MemberToRemove> members = description.members().stream()
                .filter(member -> member.groupInstanceId().isPresent())
                .map(member -> new MemberToRemove(member.groupInstanceId().get())).toList();
        if (!members.isEmpty()) {
            admin.removeMembersFromConsumerGroup(group, new RemoveMembersFromConsumerGroupOptions(members)).all().get();
        }
        Map<TopicPartition, OffsetAndMetadata> start = new HashMap<>();
        for (int partition = 0; partition < UsageTopic.PARTITIONS; partition++) {
            start.put(new TopicPartition(UsageTopic.NAME, partition), new OffsetAndMetadata(0));
        }
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
            admin.alterConsumerGroupOffsets(group, start).all().get();
            return true;
        });
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int partition = 0; partition < UsageTopic.PARTITIONS; partition++) {
            latest.put(new TopicPartition(UsageTopic.NAME, partition), OffsetSpec.latest());
        }
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(latest).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }

    private static boolean caughtUp(Admin admin, String group) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed =
                admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        for (Map.Entry<TopicPartition, Long> end : endOffsets(admin).entrySet()) {
            OffsetAndMetadata offset = committed.get(end.getKey());
            if (offset == null || offset.offset() < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static RelayRequests relay(String url) {
        return new RelayRequests(() -> url);
    }

    /** Clients sending one request after another, remembering the request ids of the answers they got whole. */
    private static final class Load {
        final Set<String> complete = ConcurrentHashMap.newKeySet();
        final AtomicInteger failed = new AtomicInteger();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();

        static Load start(RelayRequests relay, String key, int clients) {
            Load load = new Load();
            for (int i = 0; i < clients; i++) {
                load.clients.submit(() -> {
                    while (load.running.get()) {
                        try {
                            HttpResponse<String> response = relay.send("POST", "/v1/chat/completions", key, REQUEST);
                            if (response.statusCode() == 200 && JSON.readTree(response.body()).has("usage")) {
                                load.complete.add(response.headers().firstValue("X-Veloera-Request-Id").orElseThrow());
                            } else {
                                load.failed.incrementAndGet();
                            }
                        } catch (Exception relayAway) {
                            load.failed.incrementAndGet();
                            Thread.sleep(100);
                        }
                    }
                    return null;
                });
            }
            return load;
        }

        void stop() throws InterruptedException {
            running.set(false);
            clients.shutdown();
            clients.awaitTermination(90, TimeUnit.SECONDS);
        }
    }
}
