package dev.veloera.command.redemption;

import dev.veloera.contracts.common.Actor;
import dev.veloera.contracts.common.Roles;
import dev.veloera.contracts.redemption.ChangeRedemptionStatusCommand;
import dev.veloera.contracts.redemption.CodeRedeemedEvent;
import dev.veloera.contracts.redemption.CreateRedemptionCommand;
import dev.veloera.contracts.redemption.DeleteRedemptionCommand;
import dev.veloera.contracts.redemption.RedeemCodeCommand;
import dev.veloera.contracts.redemption.RedemptionCreatedEvent;
import dev.veloera.contracts.redemption.RedemptionDeletedEvent;
import dev.veloera.contracts.redemption.RedemptionStatus;
import dev.veloera.contracts.redemption.RedemptionStatusChangedEvent;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RedemptionTest {

    private static final String ID = "redemption-1";
    private static final Actor ROOT = new Actor(1, Roles.ROOT);
    private static final Actor USER = new Actor(5, Roles.COMMON);

    private AggregateTestFixture<Redemption> fixture;
    private long now;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Redemption.class);
        now = fixture.currentTime().getEpochSecond();
    }

    private RedemptionCreatedEvent code(boolean gift, int maxUses, long validFrom, long validUntil) {
        return new RedemptionCreatedEvent(ID, "n", "k", 100, maxUses, validFrom, validUntil, gift, now, ROOT);
    }

    @Test
    void canCreateACodeAsAnAdmin() {
        fixture.givenNoPriorActivity()
                .when(new CreateRedemptionCommand(ID, "n", "k", 100, -1, 0, 0, true, ROOT))
                .expectEvents(new RedemptionCreatedEvent(ID, "n", "k", 100, -1, 0, 0, true, now, ROOT));
    }

    @Test
    void cannotCreateACodeAsAUser() {
        fixture.givenNoPriorActivity()
                .when(new CreateRedemptionCommand(ID, "n", "k", 100, -1, 0, 0, true, USER))
                .expectException(RedemptionException.class);
    }

    @Test
    void canRedeemANormalCodeOnce() {
        fixture.given(code(false, -1, 0, 0))
                .when(new RedeemCodeCommand(ID, 5, USER))
                .expectEvents(new CodeRedeemedEvent(ID, 5, 100, false, 1, RedemptionStatus.USED, now, USER));
    }

    @Test
    void cannotRedeemANormalCodeTwice() {
        fixture.given(code(false, -1, 0, 0), new CodeRedeemedEvent(ID, 6, 100, false, 1, RedemptionStatus.USED, now, USER))
                .when(new RedeemCodeCommand(ID, 5, USER))
                .expectExceptionMessage("兑换失败，该兑换码已被使用");
    }

    @Test
    void cannotRedeemAGiftCodeTwiceAsOneUser() {
        fixture.given(code(true, -1, 0, 0), new CodeRedeemedEvent(ID, 5, 100, true, 1, RedemptionStatus.ENABLED, now, USER))
                .when(new RedeemCodeCommand(ID, 5, USER))
                .expectExceptionMessage("兑换失败，您已经使用过这个礼品码");
    }

    @Test
    void canRedeemAGiftCodeUpToMaxUsesThenItIsUsed() {
        fixture.given(code(true, 2, 0, 0), new CodeRedeemedEvent(ID, 6, 100, true, 1, RedemptionStatus.ENABLED, now, USER))
                .when(new RedeemCodeCommand(ID, 5, USER))
                .expectEvents(new CodeRedeemedEvent(ID, 5, 100, true, 2, RedemptionStatus.USED, now, USER));
    }

    @Test
    void cannotRedeemAGiftCodeBeyondMaxUses() {
        fixture.given(code(true, 1, 0, 0), new CodeRedeemedEvent(ID, 6, 100, true, 1, RedemptionStatus.USED, now, USER))
                .when(new RedeemCodeCommand(ID, 5, USER))
                .expectExceptionMessage("兑换失败，该礼品码已达到最大使用次数");
    }

    @Test
    void cannotRedeemOutsideTheValidityWindow() {
        fixture.given(code(true, -1, 0, now - 1))
                .when(new RedeemCodeCommand(ID, 5, USER))
                .expectExceptionMessage("兑换失败，兑换码已过期");
        fixture.given(code(true, -1, now + 60, 0))
                .when(new RedeemCodeCommand(ID, 5, USER))
                .expectExceptionMessage("兑换失败，兑换码尚未生效");
    }

    @Test
    void cannotRedeemADisabledCode() {
        fixture.given(code(true, -1, 0, 0), new RedemptionStatusChangedEvent(ID, 1, 2, ROOT))
                .when(new RedeemCodeCommand(ID, 5, USER))
                .expectExceptionMessage("兑换失败，该兑换码已被禁用");
    }

    @Test
    void cannotRedeemADeletedCode() {
        fixture.given(code(true, -1, 0, 0), new RedemptionDeletedEvent(ID, now, ROOT))
                .when(new RedeemCodeCommand(ID, 5, USER))
                .expectExceptionMessage("兑换失败，无效的兑换码");
    }

    @Test
    void cannotEnableAUsedUpCodeAgain() {
        fixture.given(code(false, -1, 0, 0), new CodeRedeemedEvent(ID, 6, 100, false, 1, RedemptionStatus.USED, now, USER))
                .when(new ChangeRedemptionStatusCommand(ID, RedemptionStatus.ENABLED, ROOT))
                .expectException(RedemptionException.class);
    }

    @Test
    void canDisableAndTheSameStatusAgainIsANoOp() {
        fixture.given(code(true, -1, 0, 0))
                .when(new ChangeRedemptionStatusCommand(ID, RedemptionStatus.DISABLED, ROOT))
                .expectEvents(new RedemptionStatusChangedEvent(ID, 1, 2, ROOT));
        fixture.given(code(true, -1, 0, 0), new RedemptionStatusChangedEvent(ID, 1, 2, ROOT))
                .when(new ChangeRedemptionStatusCommand(ID, RedemptionStatus.DISABLED, ROOT))
                .expectNoEvents();
    }

    @Test
    void cannotDeleteTwice() {
        fixture.given(code(true, -1, 0, 0), new RedemptionDeletedEvent(ID, now, ROOT))
                .when(new DeleteRedemptionCommand(ID, ROOT))
                .expectException(RedemptionException.class);
    }
}
