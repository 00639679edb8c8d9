package dev.veloera.command.user;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veloera.command.config.CommandRunner;
import dev.veloera.contracts.common.Actor;
import dev.veloera.contracts.usage.UsageRecorded;
import dev.veloera.contracts.usage.UsageTopic;
import dev.veloera.contracts.user.SettleUsageCommand;
import dev.veloera.contracts.user.UsageCharge;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Settles usage from {@code veloera.usage.v1} in batches: one consumer per partition, and each poll
 * settled in one transaction with one {@link SettleUsageCommand} per user carrying all that user's
 * records of the poll; the poll is acknowledged only after that transaction committed. The aggregate
 * charges each record once (offset watermark per partition, recent request ids), so a redelivered poll
 * or a replay of the topic charges nothing twice; it also decides what a status means.
 */
@Component
public class UsageSettlementListener {

    public static final String GROUP = "veloera-settlement";
    private static final Logger log = LoggerFactory.getLogger(UsageSettlementListener.class);
    private static final Set<String> KNOWN_STATUSES =
            Set.of(UsageRecorded.SUCCESS, UsageRecorded.FAILED, UsageRecorded.CLIENT_ABORTED);

    private final CommandGateway commands;
    private final CommandRunner runner;
    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    UsageSettlementListener(CommandGateway commands, CommandRunner runner) {
        this.commands = commands;
        this.runner = runner;
    }

    @KafkaListener(id = GROUP, groupId = GROUP, topics = UsageTopic.NAME, batch = "true",
            concurrency = "" + UsageTopic.PARTITIONS)
    void on(List<ConsumerRecord<String, String>> records, Acknowledgment ack) {
        settle(records);
        ack.acknowledge();
    }

    /** Settles one poll's records in one transaction; safe to call again with the same records. */
    public void settle(List<ConsumerRecord<String, String>> records) {
        Map<UserPartition, List<UsageCharge>> byUser = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> record : records) {
            UsageRecorded usage = readable(record);
            if (usage != null) {
                byUser.computeIfAbsent(new UserPartition(String.valueOf(usage.userId()), record.partition()),
                        k -> new ArrayList<>()).add(new UsageCharge(usage.requestId(), usage.reservationId(),
                        usage.tokenId(), Math.max(0, usage.quota()), usage.status(), record.offset()));
            }
        }
        if (byUser.isEmpty()) {
            return;
        }
        runner.inTransaction(() -> {
            byUser.forEach((user, charges) -> send(new SettleUsageCommand(user.userId(), user.partition(), charges,
                    Actor.SYSTEM)));
            return null;
        });
    }

    private void send(SettleUsageCommand command) {
        try {
            commands.sendAndWait(command);
        } catch (AggregateNotFoundException e) {
            log.warn("Usage of user {} (partition {}, through offset {}) names a user who does not exist; not settled",
                    command.userId(), command.partition(), command.charges().getLast().offset());
        }
    }

    /** The record's usage, or {@code null} for one that retrying cannot make settleable (logged). */
    private UsageRecorded readable(ConsumerRecord<String, String> record) {
        UsageRecorded usage;
        try {
            usage = json.readValue(record.value(), UsageRecorded.class);
        } catch (Exception e) {
            log.error("Skipping unreadable usage record at {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            return null;
        }
        if (usage.requestId() == null || usage.requestId().isBlank()) {
            log.error("Skipping usage record at {}-{}@{} without a requestId: it cannot be settled exactly once",
                    record.topic(), record.partition(), record.offset());
            return null;
        }
        if (!KNOWN_STATUSES.contains(usage.status())) {
            // billing a guess is worse than letting the lease's (or reservation's) deadline release its hold
            log.error("Usage {} has unknown status '{}'; not settled, the hold of {} is released at its deadline",
                    usage.requestId(), usage.status(), usage.reservationId());
            return null;
        }
        return usage;
    }

    private record UserPartition(String userId, int partition) {
    }
}
