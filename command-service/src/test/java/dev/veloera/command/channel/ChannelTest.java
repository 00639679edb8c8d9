package dev.veloera.command.channel;

import dev.veloera.contracts.channel.ChangeChannelStatusCommand;
import dev.veloera.contracts.channel.ChannelCreatedEvent;
import dev.veloera.contracts.channel.ChannelStatusChangedEvent;
import dev.veloera.contracts.channel.ChannelTypes;
import dev.veloera.contracts.channel.CreateChannelCommand;
import dev.veloera.contracts.common.Actor;
import dev.veloera.contracts.common.Roles;
import dev.veloera.contracts.common.Status;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

class ChannelTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final Actor ADMIN = new Actor(1, Roles.ADMIN);

    private FixtureConfiguration<Channel> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Channel.class);
    }

    private static CreateChannelCommand create(List<String> models, List<String> groups, int weight, Actor actor) {
        return new CreateChannelCommand("channel-3", ChannelTypes.OPENAI_COMPATIBLE, "openai", "sk-upstream",
                "http://upstream", models, groups, 5, weight, Map.of("gpt-4o", "gpt-4o-2024"), null, actor);
    }

    @Test
    void canCreateAChannelWithItsModelsGroupsPriorityAndWeight() {
        fixture.givenNoPriorActivity().andGivenCurrentTime(NOW)
                .when(create(List.of("gpt-4o", "gpt-4o-mini"), List.of("default", "vip"), 10, ADMIN))
                .expectEvents(new ChannelCreatedEvent("channel-3", 0, "openai", "sk-upstream", "http://upstream",
                        List.of("gpt-4o", "gpt-4o-mini"), List.of("default", "vip"), 5, 10,
                        Map.of("gpt-4o", "gpt-4o-2024"), null, Status.ENABLED, NOW.getEpochSecond(), ADMIN));
    }

    @Test
    void canCreateAChannelInTheDefaultGroupWhenNoneIsGiven() {
        fixture.givenNoPriorActivity().andGivenCurrentTime(NOW)
                .when(create(List.of("gpt-4o"), List.of(), 0, ADMIN))
                .expectEvents(new ChannelCreatedEvent("channel-3", 0, "openai", "sk-upstream", "http://upstream",
                        List.of("gpt-4o"), List.of("default"), 5, 0, Map.of("gpt-4o", "gpt-4o-2024"), null,
                        Status.ENABLED, NOW.getEpochSecond(), ADMIN));
    }

    @Test
    void cannotCreateAChannelAsACommonUser() {
        fixture.givenNoPriorActivity()
                .when(create(List.of("gpt-4o"), List.of("default"), 0, new Actor(2, Roles.COMMON)))
                .expectException(ChannelException.class);
    }

    @Test
    void cannotCreateAChannelWithoutModels() {
        fixture.givenNoPriorActivity()
                .when(create(List.of(), List.of("default"), 0, ADMIN))
                .expectException(ChannelException.class)
                .expectExceptionMessage("at least one model is required");
    }

    @Test
    void cannotCreateAChannelWithNegativeWeight() {
        fixture.givenNoPriorActivity()
                .when(create(List.of("gpt-4o"), List.of("default"), -1, ADMIN))
                .expectException(ChannelException.class);
    }

    private static ChannelCreatedEvent created() {
        return new ChannelCreatedEvent("channel-3", 0, "openai", "sk-upstream", "http://upstream", List.of("gpt-4o"),
                List.of("default"), 5, 0, Map.of(), null, Status.ENABLED, NOW.getEpochSecond(), ADMIN);
    }

    @Test
    void theSystemAutoDisablesAChannelWithItsReasonAndAnAdminEnablesItAgain() {
        fixture.given(created()).andGivenCurrentTime(NOW)
                .when(new ChangeChannelStatusCommand("channel-3", Status.AUTO_DISABLED, " upstream answered 401 ",
                        Actor.SYSTEM))
                .expectEvents(new ChannelStatusChangedEvent("channel-3", Status.ENABLED, Status.AUTO_DISABLED,
                        "upstream answered 401", NOW.getEpochSecond(), Actor.SYSTEM));
        fixture.given(created(), new ChannelStatusChangedEvent("channel-3", Status.ENABLED, Status.AUTO_DISABLED,
                        "upstream answered 401", NOW.getEpochSecond(), Actor.SYSTEM))
                .andGivenCurrentTime(NOW)
                .when(new ChangeChannelStatusCommand("channel-3", Status.ENABLED, null, ADMIN))
                .expectEvents(new ChannelStatusChangedEvent("channel-3", Status.AUTO_DISABLED, Status.ENABLED, "",
                        NOW.getEpochSecond(), ADMIN));
    }

    @Test
    void reportingTheStatusAChannelHasAlreadyChangesNothing() {
        fixture.given(created(), new ChannelStatusChangedEvent("channel-3", Status.ENABLED, Status.AUTO_DISABLED,
                        "upstream answered 401", NOW.getEpochSecond(), Actor.SYSTEM))
                .when(new ChangeChannelStatusCommand("channel-3", Status.AUTO_DISABLED, "again", Actor.SYSTEM))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void refusesAnUnknownStatusAndACommonUser() {
        fixture.given(created())
                .when(new ChangeChannelStatusCommand("channel-3", 7, "", ADMIN))
                .expectException(ChannelException.class);
        fixture.given(created())
                .when(new ChangeChannelStatusCommand("channel-3", Status.DISABLED, "", new Actor(2, Roles.COMMON)))
                .expectException(ChannelException.class);
    }
}
