package dev.veloera.command.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veloera.command.user.UsageSettlementListener;
import dev.veloera.contracts.lease.LeaseRequest;
import dev.veloera.contracts.lease.LeaseReturn;
import dev.veloera.contracts.lease.QuotaLeaseGrantedEvent;
import dev.veloera.contracts.lease.QuotaLeaseReturnedEvent;
import dev.veloera.contracts.usage.UsageRecorded;
import dev.veloera.contracts.usage.UsageTopic;
import dev.veloera.contracts.user.QuotaReservedEvent;
import dev.veloera.contracts.user.SettledUsage;
import dev.veloera.contracts.user.UsageSettledEvent;
import dev.veloera.schema.testing.TestDatabases;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.MemberToRemove;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static dev.veloera.command.it.CommandServiceClient.events;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The settlement path as it runs in production: usage JSON on {@code veloera.usage.v1} of a real
 * single-node KRaft broker, consumed in batches by the {@code veloera-settlement} listener (one consumer
 * per partition), settled in the event store on SQLite. A record delivered twice charges once; a failed
 * request costs nothing; lease usage is charged in full, and a replay of the whole topic from offset 0
 * through the listener charges nothing again.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "veloera.reservation-ttl=PT30M",
        "veloera.lease-ttl=PT30M"
})
@EmbeddedKafka(kraft = true, partitions = UsageTopic.PARTITIONS, topics = UsageTopic.NAME,
        bootstrapServersProperty = "spring.kafka.bootstrap-servers",
        brokerProperties = {"offsets.topic.num.partitions=1", "group.initial.rebalance.delay.ms=0"})
@DirtiesContext
class KafkaSettlementIntegrationTest {

    private static final TestDatabases.TestDatabase DB = TestDatabases.create(TestDatabases.Engine.SQLITE);
    private static final long QUOTA = 10_000;
    private static final long TOKEN_QUOTA = 1_000;
    private static final long RESERVED = 100;
    /** Settling a few records takes well under a second; the rest covers consumer start-up and rebalances. */
    private static final long SETTLED_WITHIN_MS = 30_000;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", DB::url);
    }

    @AfterAll
    static void drop() {
        DB.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    EmbeddedKafkaBroker broker;
    @Autowired
    EventStore eventStore;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    KafkaListenerEndpointRegistry listeners;

    private final ObjectMapper json = new ObjectMapper();
    private CommandServiceClient api;

    @BeforeEach
    void client() {
        api = new CommandServiceClient(port);
    }

    @Test
    void usageOnTheTopicSettlesReservationsOnceAndChargesFailedOnesNothing() throws Exception {
        long alice = api.user("alice", QUOTA);
        long tokenId = api.apiToken("alice", Map.of("name", "kafka", "remain_quota", TOKEN_QUOTA));
        String charged = reserve(alice, tokenId);
        String failed = reserve(alice, tokenId);
        String aborted = reserve(alice, tokenId);
        List<String> deadlines = events(eventStore, alice, QuotaReservedEvent.class).stream()
                .map(QuotaReservedEvent::expiryDeadlineId).toList();
        assertThat(deadlines).hasSize(3).allSatisfy(id -> assertThat(deadlineRows(id)).isEqualTo(1));

        // one key, one partition: the records are settled in this order
        publish(usage(alice, tokenId, charged, charged, UsageRecorded.SUCCESS, 37),
                usage(alice, tokenId, charged, charged, UsageRecorded.SUCCESS, 37),
                usage(alice, tokenId, aborted, aborted, UsageRecorded.CLIENT_ABORTED, 0),
                usage(alice, tokenId, failed, failed, UsageRecorded.FAILED, 55));

        List<SettledUsage> settled = waitForSettled(alice, 3);
        assertThat(settled).extracting(SettledUsage::requestId)
                .as("the duplicate record settled nothing").containsExactly(charged, aborted, failed);
        assertThat(settled).extracting(SettledUsage::charged).as("a failed request costs nothing")
                .containsExactly(37L, 0L, 0L);
        UsageSettledEvent last = events(eventStore, alice, UsageSettledEvent.class).getLast();
        assertThat(last.userQuotaAfter()).isEqualTo(QUOTA - 37);
        assertThat(last.usedQuotaAfter()).isEqualTo(37);
        assertThat(last.tokens()).singleElement().satisfies(t -> {
            assertThat(t.remainQuotaAfter()).isEqualTo(TOKEN_QUOTA - 37);
            assertThat(t.usedQuotaAfter()).isEqualTo(37);
        });
        assertThat(last.requestCountAfter()).as("success and client_aborted count, failed does not").isEqualTo(2);
        assertThat(deadlines).as("settling cancelled every deadline").allSatisfy(id ->
                assertThat(deadlineRows(id)).isZero());
    }

    @Test
    void leaseUsageIsChargedInFullAndAReplayOfTheTopicChargesNothingAgain() throws Exception {
        long erin = api.user("erin", QUOTA);
        long tokenId = api.apiToken("erin", Map.of("name", "lease", "remain_quota", 5_000));
        assertThat(api.lease(new LeaseRequest("lease-erin", erin, tokenId, "relay-0", 100, 1_000)).statusCode())
                .isEqualTo(200);

        List<UsageRecorded> usage = new ArrayList<>();
        IntStream.range(0, 20).forEach(i -> usage.add(usage(erin, tokenId, UUID.randomUUID().toString(), "lease-erin",
                UsageRecorded.SUCCESS, 30)));
        usage.add(usage(erin, tokenId, UUID.randomUUID().toString(), "lease-erin", UsageRecorded.FAILED, 55));
        usage.add(usage(erin, tokenId, UUID.randomUUID().toString(), "lease-erin", UsageRecorded.CLIENT_ABORTED, 10));
        publish(usage.toArray(UsageRecorded[]::new));
        assertThat(waitForSettled(erin, usage.size())).extracting(SettledUsage::charged)
                .containsOnly(30L, 0L, 10L);
        assertThat(api.handBack(new LeaseReturn("lease-erin", erin, tokenId, 610)).statusCode()).isEqualTo(200);
        assertThat(events(eventStore, erin, QuotaLeaseReturnedEvent.class)).singleElement()
                .satisfies(r -> assertThat(r.closed()).as("everything it served was settled").isTrue());
        assertThat(deadlineRows(events(eventStore, erin, QuotaLeaseGrantedEvent.class).getFirst().expiryDeadlineId()))
                .isZero();
        UsageSettledEvent before = events(eventStore, erin, UsageSettledEvent.class).getLast();
        assertThat(before.usedQuotaAfter()).isEqualTo(610);
        assertThat(before.userQuotaAfter()).isEqualTo(QUOTA - 610);
        int settlementsBefore = storedSettlements();

        replayFromTheBeginning();

        assertThat(storedSettlements()).as("the replay charged nothing").isEqualTo(settlementsBefore);
        assertThat(events(eventStore, erin, UsageSettledEvent.class).getLast()).isEqualTo(before);
    }

    /** Stops the listener, moves the group back to offset 0, restarts it, and waits until it caught up. */
    private void replayFromTheBeginning() throws Exception {
        MessageListenerContainer container = listeners.getListenerContainer(UsageSettlementListener.GROUP);
        container.stop();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.getBrokersAsString()))) {
            List<TopicPartition> partitions = IntStream.range(0, UsageTopic.PARTITIONS)
                    .mapToObj(p -> new TopicPartition(UsageTopic.NAME, p)).toList();
            // static members do not leave the group when they stop: remove them, so its offsets may change
            List<MemberToRemove> members = admin.describeConsumerGroups(List.of(UsageSettlementListener.GROUP)).all()
                    .get().get(UsageSettlementListener.GROUP).members().stream()
                    .map(MemberDescription::groupInstanceId).flatMap(java.util.Optional::stream)
                    .map(MemberToRemove::new).toList();
            if (!members.isEmpty()) {
                admin.removeMembersFromConsumerGroup(UsageSettlementListener.GROUP,
                        new RemoveMembersFromConsumerGroupOptions(members)).all().get();
            }
            admin.alterConsumerGroupOffsets(UsageSettlementListener.GROUP, partitions.stream()
                    .collect(Collectors.toMap(Function.identity(), p -> new OffsetAndMetadata(0)))).all().get();
            Map<TopicPartition, Long> ends = admin.listOffsets(partitions.stream()
                            .collect(Collectors.toMap(Function.identity(), p -> OffsetSpec.latest()))).all().get()
                    .entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
            container.start();
            long giveUp = System.currentTimeMillis() + SETTLED_WITHIN_MS;
            Map<TopicPartition, Long> committed = Map.of();
            while (!committed.equals(ends) && System.currentTimeMillis() < giveUp) {
                Thread.sleep(100);
                committed = admin.listConsumerGroupOffsets(UsageSettlementListener.GROUP).partitionsToOffsetAndMetadata()
                        .get().entrySet().stream().filter(e -> ends.containsKey(e.getKey()))
                        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
            }
            assertThat(committed).as("the replay was consumed and acknowledged").isEqualTo(ends);
        }
    }

    private int storedSettlements() {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry WHERE payload_type = ?",
                Integer.class, UsageSettledEvent.class.getName());
        return count == null ? 0 : count;
    }

    private List<SettledUsage> waitForSettled(long userId, int records) throws InterruptedException {
        long giveUp = System.currentTimeMillis() + SETTLED_WITHIN_MS;
        List<SettledUsage> settled = List.of();
        while (settled.size() < records && System.currentTimeMillis() < giveUp) {
            Thread.sleep(100);
            settled = events(eventStore, userId, UsageSettledEvent.class).stream()
                    .flatMap(e -> e.settled().stream()).toList();
        }
        return settled;
    }

    private void publish(UsageRecorded... usage) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new StringSerializer())) {
            for (UsageRecorded u : usage) {
                producer.send(new ProducerRecord<>(UsageTopic.NAME, String.valueOf(u.userId()),
                        json.writeValueAsString(u))).get();
            }
        }
    }

    private static UsageRecorded usage(long userId, long tokenId, String requestId, String leaseId, String status,
                                       long quota) {
        return new UsageRecorded(requestId, System.currentTimeMillis(), userId, "user" + userId, tokenId, "kafka", 1,
                "default", "gpt-4o", "gpt-4o", 10, 5, quota, leaseId, false, 80, status,
                UsageRecorded.FAILED.equals(status) ? "upstream_error" : null, "127.0.0.1", Map.of());
    }

    private String reserve(long userId, long tokenId) throws Exception {
        String requestId = UUID.randomUUID().toString();
        var response = api.reserve(requestId, userId, tokenId, RESERVED);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return requestId;
    }

    private int deadlineRows(String taskInstance) {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM scheduled_tasks WHERE task_instance = ?",
                Integer.class, taskInstance);
        return count == null ? 0 : count;
    }
}
