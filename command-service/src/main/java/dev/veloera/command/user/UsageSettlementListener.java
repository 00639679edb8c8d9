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

/**
 * Settles reservations from {@code veloera.usage.v1}: one {@link SettleReservationCommand} per
 * usage record, acknowledged only after the command committed. Idempotent by reservation id, so a
 * redelivered record charges nothing twice. A failed request settles with 0 (releases everything).
 */
@Component
public class UsageSettlementListener {

    public static final String GROUP = "veloera-settlement";
    private static final Logger log = LoggerFactory.getLogger(UsageSettlementListener.class);

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
        long actual = UsageRecorded.FAILED.equals(usage.status()) ? 0 : Math.max(0, usage.quota());
        try {
            runner.run(() -> commands.sendAndWait(new SettleReservationCommand(String.valueOf(usage.userId()),
                    usage.reservationId(), usage.tokenId(), actual, Actor.SYSTEM)));
        } catch (AggregateNotFoundException e) {
            log.warn("Usage {} names user {} who does not exist; not settled", usage.requestId(), usage.userId());
        }
    }
}
