package dev.veloera.command.user;

import dev.veloera.command.option.CommandOptions;
import dev.veloera.contracts.option.SystemOptions;
import dev.veloera.contracts.api.GatewayError;
import dev.veloera.contracts.common.Actor;
import dev.veloera.contracts.common.Roles;
import dev.veloera.contracts.common.Status;
import dev.veloera.contracts.user.*;
import org.axonframework.modelling.command.AggregateEntityNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.veloera.command.user.Refusals.refusedWith;

/** Editing, enabling/disabling and deleting a user's own API token, and the groups a token may have. */
class ApiTokenTest {

    private static final String USER = "7";
    private static final Actor SELF = new Actor(7, Roles.COMMON);
    private static final Actor OTHER = new Actor(8, Roles.ADMIN);
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private FixtureConfiguration<UserAccount> fixture;
    private final Map<String, String> options = new java.util.HashMap<>();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(UserAccount.class);
        fixture.registerInjectableResource(new TokenGroups(new CommandOptions(null) {
            @Override
            public String value(String key) {
                return options.containsKey(key) ? options.get(key) : SystemOptions.definition(key).orElseThrow().defaultValue();
            }
        }));
    }

    private static UserRegisteredEvent registered(String group) {
        return new UserRegisteredEvent(USER, "alice", "hash", "Alice", Roles.COMMON, Status.ENABLED, group,
                "aff12345", null, 1000, NOW.getEpochSecond(), SELF);
    }

    private static ApiTokenCreatedEvent created(long expiredTime) {
        return new ApiTokenCreatedEvent(USER, 5, "mine", "hash5", "sk-m", NOW.getEpochSecond(), expiredTime, 100,
                false, false, List.of(), "", "", SELF);
    }

    private static UpdateApiTokenCommand edit(String group, String allowIps, Actor actor) {
        return new UpdateApiTokenCommand(USER, 5, "renamed", -1, 500, true, true, List.of("gpt-4o"), allowIps, group,
                actor);
    }

    private static CreateApiTokenCommand create(String group) {
        return new CreateApiTokenCommand(USER, 6, "t", "hash6", "sk-m", -1, 0, false, false, List.of(), "", group, SELF);
    }

    @Test
    void canEditAllFieldsOfAnOwnToken() {
        fixture.given(registered("default"), created(-1)).andGivenCurrentTime(NOW)
                .when(edit("vip", "10.0.0.0/8\n::1", SELF))
                .expectEvents(new ApiTokenUpdatedEvent(USER, 5, "renamed", -1, 500, true, true, List.of("gpt-4o"),
                        "10.0.0.0/8\n::1", "vip", SELF));
    }

    @Test
    void cannotEditAnotherUsersToken() {
        fixture.given(registered("default"), created(-1))
                .when(edit("", "", OTHER))
                .expectException(refusedWith("not_found"));
    }

    @Test
    void cannotEditAMissingToken() {
        fixture.given(registered("default"))
                .when(edit("", "", SELF))
                .expectException(refusedWith("not_found"));
    }

    @Test
    void cannotGiveATokenAGroupOutsideTheUsersUsableGroups() {
        fixture.given(registered("default"), created(-1))
                .when(edit("svip", "", SELF))
                .expectException(refusedWith("forbidden"));
    }

    @Test
    void cannotCreateATokenInAGroupOutsideTheUsersUsableGroups() {
        fixture.given(registered("default"))
                .when(create("svip"))
                .expectException(refusedWith("forbidden"));
    }

    @Test
    void canCreateATokenInTheUsersOwnGroupEvenWhenNotListedAsUsable() {
        options.put("GroupRatio", "{\"default\":1,\"svip\":2}");
        fixture.given(registered("svip")).andGivenCurrentTime(NOW)
                .when(create("svip"))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void cannotUseAGroupWithoutARatio() {
        options.put("UserUsableGroups", "{\"default\":\"d\",\"retired\":\"r\"}");
        fixture.given(registered("default"))
                .when(create("retired"))
                .expectException(refusedWith("forbidden"));
    }

    @Test
    void canUseAGroupTheOptionsMakeUsable() {
        options.put("UserUsableGroups", "{\"default\":\"d\",\"svip\":\"s\"}");
        fixture.given(registered("default"), created(-1)).andGivenCurrentTime(NOW)
                .when(edit("svip", "", SELF))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void cannotStoreAllowIpsThatAreNotAddresses() {
        fixture.given(registered("default"), created(-1))
                .when(edit("", "example.com", SELF))
                .expectException(refusedWith(GatewayError.INVALID_REQUEST));
    }

    @Test
    void canDisableAndEnableAnOwnToken() {
        fixture.given(registered("default"), created(-1)).andGivenCurrentTime(NOW)
                .when(new ChangeApiTokenStatusCommand(USER, 5, Status.DISABLED, SELF))
                .expectEvents(new ApiTokenStatusChangedEvent(USER, 5, Status.ENABLED, Status.DISABLED, SELF));
        fixture.given(registered("default"), created(-1),
                        new ApiTokenStatusChangedEvent(USER, 5, Status.ENABLED, Status.DISABLED, SELF))
                .andGivenCurrentTime(NOW)
                .when(new ChangeApiTokenStatusCommand(USER, 5, Status.ENABLED, SELF))
                .expectEvents(new ApiTokenStatusChangedEvent(USER, 5, Status.DISABLED, Status.ENABLED, SELF));
    }

    @Test
    void canSetTheSameStatusAgainAsANoOp() {
        fixture.given(registered("default"), created(-1)).andGivenCurrentTime(NOW)
                .when(new ChangeApiTokenStatusCommand(USER, 5, Status.ENABLED, SELF))
                .expectNoEvents();
    }

    @Test
    void cannotEnableAnExpiredToken() {
        fixture.given(registered("default"), created(NOW.getEpochSecond() + 10),
                        new ApiTokenStatusChangedEvent(USER, 5, Status.ENABLED, Status.DISABLED, SELF))
                .andGivenCurrentTime(NOW.plusSeconds(60))
                .when(new ChangeApiTokenStatusCommand(USER, 5, Status.ENABLED, SELF))
                .expectException(refusedWith(GatewayError.INVALID_REQUEST));
    }

    @Test
    void cannotChangeTheStatusOfAnotherUsersToken() {
        fixture.given(registered("default"), created(-1))
                .when(new ChangeApiTokenStatusCommand(USER, 5, Status.DISABLED, OTHER))
                .expectException(refusedWith("not_found"));
    }

    @Test
    void cannotChangeTheStatusOfAnUnknownToken() {
        fixture.given(registered("default"))
                .when(new ChangeApiTokenStatusCommand(USER, 9, Status.DISABLED, SELF))
                .expectException(AggregateEntityNotFoundException.class);
    }

    @Test
    void canDeleteAnOwnTokenOnceAndThenItIsGone() {
        fixture.given(registered("default"), created(-1))
                .when(new DeleteApiTokenCommand(USER, 5, SELF))
                .expectEvents(new ApiTokenDeletedEvent(USER, 5, SELF));
        fixture.given(registered("default"), created(-1), new ApiTokenDeletedEvent(USER, 5, SELF))
                .when(new DeleteApiTokenCommand(USER, 5, SELF))
                .expectException(refusedWith("not_found"));
    }

    @Test
    void cannotUseADeletedTokenForALease() {
        fixture.registerInjectableResource(new LeasePolicy(java.time.Duration.ofMinutes(2)));
        fixture.given(registered("default"), created(-1), new ApiTokenDeletedEvent(USER, 5, SELF))
                .andGivenCurrentTime(NOW)
                .when(new dev.veloera.contracts.lease.GrantQuotaLeaseCommand(USER, 5, "lease-1", "relay-a", 0, 10,
                        Actor.SYSTEM))
                .expectException(refusedWith(GatewayError.INVALID_API_KEY));
    }
}
