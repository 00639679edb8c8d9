package dev.veloera.command.user;

import dev.veloera.command.config.CommandRunner;
import dev.veloera.contracts.common.Actor;
import dev.veloera.contracts.usage.UsageTopic;
import dev.veloera.contracts.user.SettleUsageCommand;
import dev.veloera.contracts.user.UsageCharge;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.Acknowledgment;

import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.*;

class UsageSettlementListenerTest {

    private final CommandGateway commands = mock(CommandGateway.class);
    private final CommandRunner runner = mock(CommandRunner.class);
    private final Acknowledgment ack = mock(Acknowledgment.class);
    private final UsageSettlementListener listener = new UsageSettlementListener(commands, runner);

    @BeforeEach
    @SuppressWarnings("unchecked")
    void runInline() {
        when(runner.inTransaction(any())).thenAnswer(call -> ((Supplier<Object>) call.getArgument(0)).get());
    }

    private static ConsumerRecord<String, String> usage(long offset, long userId, String requestId, String status,
                                                        long quota) {
        String json = """
                {"requestId":"%s","occurredAt":1,"userId":%d,"username":"alice","tokenId":3,"tokenName":"t",
                 "channelId":1,"group":"default","model":"gpt-4o","upstreamModel":"gpt-4o","promptTokens":10,
                 "completionTokens":5,"quota":%d,"reservationId":"lease-1","stream":true,"useTimeMs":100,
                 "status":"%s","errorCode":null,"clientIp":"127.0.0.1","other":{"a":1},"future":"ignored"}
                """.formatted(requestId, userId, quota, status);
        return new ConsumerRecord<>(UsageTopic.NAME, 1, offset, String.valueOf(userId), json);
    }

    private static UsageCharge charge(long offset, String requestId, String status, long quota) {
        return new UsageCharge(requestId, "lease-1", 3, quota, status, offset);
    }

    @Test
    void canSettleAPollInOneTransactionWithOneCommandPerUserAndAcknowledgeAfterwards() {
        listener.on(List.of(usage(10, 7, "a", "success", 42), usage(11, 8, "b", "success", 5),
                usage(12, 7, "c", "success", 1)), ack);
        var order = inOrder(runner, commands, ack);
        order.verify(runner).inTransaction(any());
        order.verify(commands).sendAndWait(new SettleUsageCommand("7", 1,
                List.of(charge(10, "a", "success", 42), charge(12, "c", "success", 1)), Actor.SYSTEM));
        order.verify(commands).sendAndWait(new SettleUsageCommand("8", 1, List.of(charge(11, "b", "success", 5)),
                Actor.SYSTEM));
        order.verify(ack).acknowledge();
        verify(runner, times(1)).inTransaction(any());
    }

    @Test
    void canPassTheStatusForTheAggregateToDecide() {
        listener.on(List.of(usage(0, 7, "a", "failed", 42), usage(1, 7, "b", "client_aborted", 7)), ack);
        verify(commands).sendAndWait(new SettleUsageCommand("7", 1,
                List.of(charge(0, "a", "failed", 42), charge(1, "b", "client_aborted", 7)), Actor.SYSTEM));
    }

    @Test
    void canChargeNothingForANegativeCost() {
        listener.on(List.of(usage(0, 7, "a", "success", -5)), ack);
        verify(commands).sendAndWait(new SettleUsageCommand("7", 1, List.of(charge(0, "a", "success", 0)),
                Actor.SYSTEM));
    }

    @Test
    void canSkipARecordWithAnUnknownStatusLeavingItsHoldToExpire() {
        listener.on(List.of(usage(0, 7, "a", "exploded", 42)), ack);
        verifyNoInteractions(commands, runner);
        verify(ack).acknowledge();
    }

    @Test
    void canSkipAnUnreadableRecord() {
        listener.on(List.of(new ConsumerRecord<>(UsageTopic.NAME, 0, 0, "7", "not json"), usage(1, 7, "a", "success", 3)),
                ack);
        verify(commands).sendAndWait(new SettleUsageCommand("7", 1, List.of(charge(1, "a", "success", 3)),
                Actor.SYSTEM));
        verify(ack).acknowledge();
    }

    @Test
    void canSkipAUserWhoDoesNotExistAndSettleTheOthers() {
        when(commands.sendAndWait(new SettleUsageCommand("8", 1, List.of(charge(0, "a", "success", 3)), Actor.SYSTEM)))
                .thenThrow(new AggregateNotFoundException("8", "no such user"));
        listener.on(List.of(usage(0, 8, "a", "success", 3), usage(1, 7, "b", "success", 4)), ack);
        verify(commands).sendAndWait(new SettleUsageCommand("7", 1, List.of(charge(1, "b", "success", 4)),
                Actor.SYSTEM));
        verify(ack).acknowledge();
    }

    @Test
    void cannotAcknowledgeWhenTheSettlementFailed() {
        when(commands.sendAndWait(any())).thenThrow(new IllegalStateException("database down"));
        assertThatThrownBy(() -> listener.on(List.of(usage(0, 7, "a", "success", 42)), ack))
                .isInstanceOf(IllegalStateException.class);
        verify(ack, never()).acknowledge();
    }
}
