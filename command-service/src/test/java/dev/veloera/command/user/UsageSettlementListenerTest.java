package dev.veloera.command.user;

import dev.veloera.command.config.CommandRunner;
import dev.veloera.contracts.common.Actor;
import dev.veloera.contracts.usage.UsageTopic;
import dev.veloera.contracts.user.SettleReservationCommand;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.Acknowledgment;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.*;

class UsageSettlementListenerTest {

    private final CommandGateway commands = mock(CommandGateway.class);
    private final CommandRunner runner = mock(CommandRunner.class);
    private final Acknowledgment ack = mock(Acknowledgment.class);
    private final UsageSettlementListener listener = new UsageSettlementListener(commands, runner);

    @BeforeEach
    void runInline() {
        doAnswer(call -> {
            ((Runnable) call.getArgument(0)).run();
            return null;
        }).when(runner).run(any());
    }

    private static ConsumerRecord<String, String> usage(String status, long quota) {
        String json = """
                {"requestId":"req-1","occurredAt":1,"userId":7,"username":"alice","tokenId":3,"tokenName":"t",
                 "channelId":1,"group":"default","model":"gpt-4o","upstreamModel":"gpt-4o","promptTokens":10,
                 "completionTokens":5,"quota":%d,"reservationId":"req-1","stream":true,"useTimeMs":100,
                 "status":"%s","errorCode":null,"clientIp":"127.0.0.1","other":{"a":1},"future":"ignored"}
                """.formatted(quota, status);
        return new ConsumerRecord<>(UsageTopic.NAME, 0, 0, "7", json);
    }

    @Test
    void canSettleAUsageRecordAndAcknowledgeItAfterwards() {
        listener.on(usage("success", 42), ack);
        var order = inOrder(commands, ack);
        order.verify(commands).sendAndWait(new SettleReservationCommand("7", "req-1", 3, 42, "success", Actor.SYSTEM));
        order.verify(ack).acknowledge();
    }

    @Test
    void canPassTheStatusForTheAggregateToDecide() {
        listener.on(usage("failed", 42), ack);
        listener.on(usage("client_aborted", 7), ack);
        verify(commands).sendAndWait(new SettleReservationCommand("7", "req-1", 3, 42, "failed", Actor.SYSTEM));
        verify(commands).sendAndWait(new SettleReservationCommand("7", "req-1", 3, 7, "client_aborted", Actor.SYSTEM));
    }

    @Test
    void canSkipARecordWithAnUnknownStatusLeavingItsReservationToExpire() {
        listener.on(usage("exploded", 42), ack);
        verifyNoInteractions(commands);
        verify(ack).acknowledge();
    }

    @Test
    void cannotAcknowledgeWhenTheSettlementFailed() {
        when(commands.sendAndWait(any())).thenThrow(new IllegalStateException("database down"));
        assertThatThrownBy(() -> listener.on(usage("success", 42), ack)).isInstanceOf(IllegalStateException.class);
        verify(ack, never()).acknowledge();
    }

    @Test
    void canSkipAnUnreadableRecord() {
        listener.on(new ConsumerRecord<>(UsageTopic.NAME, 0, 0, "7", "not json"), ack);
        verifyNoInteractions(commands);
        verify(ack).acknowledge();
    }
}
