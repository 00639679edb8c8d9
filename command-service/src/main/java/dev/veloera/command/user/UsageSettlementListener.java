package dev.veloera.command.user;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veloera.command.config.CommandRunner;
import dev.veloera.contracts.common.Actor;
import dev.veloera.contracts.usage.UsageRecorded;
import dev.veloera.contracts.usage.UsageTopic;
import dev.veloera.contracts.user.SettleReservationCommand;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.stereotype.Component;

import java.util.Set;

/**
 * Settles reservations from {@code veloera.usage.v1}: one {@link SettleReservationCommand} per
 * usage record, carrying its cost and status, acknowledged only after the command committed.
 * Idempotent by reservation id, so a redelivered record charges nothing twice. The aggregate
 * decides what the status means (a failed request costs nothing and is not counted).
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

    @KafkaListener(id = GROUP, groupId = GROUP, topics = UsageTopic.NAME)
    void on(ConsumerRecord<String, String> record, Acknowledgment ack) {
        UsageRecorded usage;
        try {
            usage = json.readValue(record.value(), UsageRecorded.class);
        } catch (Exception e) {
            log.error("Skipping unreadable usage record at {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            ack.acknowledge();
            return;
        }
        settle(usage);
        ack.acknowledge();
    }

    /** Settles one usage record; safe to call again with the same record. */
    public void settle(UsageRecorded usage) {
        if (usage.reservationId() == null || usage.reservationId().isBlank()) {
            log.debug("Usage {} had no reservation; nothing to settle", usage.requestId());
            return;
        }
        if (!KNOWN_STATUSES.contains(usage.status())) {
            // retrying cannot help, and billing a guess is worse than letting the deadline release the quota
            log.error("Usage {} has unknown status '{}'; not settled, its reservation {} will expire and be released",
                    usage.requestId(), usage.status(), usage.reservationId());
            return;
        }
        long actual = Math.max(0, usage.quota());
        try {
            runner.run(() -> commands.sendAndWait(new SettleReservationCommand(String.valueOf(usage.userId()),
                    usage.reservationId(), usage.tokenId(), actual, usage.status(), Actor.SYSTEM)));
        } catch (AggregateNotFoundException e) {
            log.warn("Usage {} names user {} who does not exist; not settled", usage.requestId(), usage.userId());
        }
    }
}
