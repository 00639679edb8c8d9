package dev.veloera.command.user;

import dev.veloera.contracts.common.Actor;
import dev.veloera.contracts.common.Roles;
import dev.veloera.contracts.common.Status;
import dev.veloera.contracts.user.*;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import java.time.Instant;

import static dev.veloera.command.user.Refusals.refusedWith;

/** Status, role, profile and deletion of a {@link UserAccount} ({@link AccountAdministration}), and who may change them. */
class AccountAdministrationTest {

    private static final BCryptPasswordEncoder ENCODER = new BCryptPasswordEncoder(4);
    private static final String HASH = ENCODER.encode("correct horse");
    private static final String USER = "7";
    private static final Actor SELF = new Actor(7, Roles.COMMON);
    private static final Actor ADMIN = new Actor(2, Roles.ADMIN);
    private static final Actor ROOT = new Actor(1, Roles.ROOT);
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private FixtureConfiguration<UserAccount> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(UserAccount.class);
        fixture.registerInjectableResource(ENCODER);
    }

    private static UserRegisteredEvent registered(int role) {
        return new UserRegisteredEvent(USER, "alice", HASH, "Alice", role, Status.ENABLED, "default", "aff12345", null,
                0, NOW.getEpochSecond(), SELF);
    }

    @Test
    void canDisableAndEnableAUserBelowTheAdmin() {
        fixture.given(registered(Roles.COMMON))
                .when(new ChangeUserStatusCommand(USER, Status.DISABLED, ADMIN))
                .expectEvents(new UserStatusChangedEvent(USER, Status.DISABLED, Status.ENABLED, ADMIN));
        fixture.given(registered(Roles.COMMON), new UserStatusChangedEvent(USER, Status.DISABLED, Status.ENABLED, ADMIN))
                .when(new ChangeUserStatusCommand(USER, Status.ENABLED, ADMIN))
                .expectEvents(new UserStatusChangedEvent(USER, Status.ENABLED, Status.DISABLED, ADMIN));
    }

    @Test
    void cannotDisableAnAdminAsAnAdmin() {
        fixture.given(registered(Roles.ADMIN))
                .when(new ChangeUserStatusCommand(USER, Status.DISABLED, ADMIN))
                .expectException(refusedWith("forbidden"));
    }

    @Test
    void cannotDisableTheRootEvenAsRoot() {
        fixture.given(registered(Roles.ROOT))
                .when(new ChangeUserStatusCommand(USER, Status.DISABLED, ROOT))
                .expectException(refusedWith("forbidden"));
    }

    @Test
    void cannotDisableAsACommonUser() {
        fixture.given(registered(Roles.COMMON))
                .when(new ChangeUserStatusCommand(USER, Status.DISABLED, new Actor(8, Roles.COMMON)))
                .expectException(refusedWith("forbidden"));
    }

    @Test
    void cannotLogInOnceDisabled() {
        fixture.given(registered(Roles.COMMON), new UserStatusChangedEvent(USER, Status.DISABLED, Status.ENABLED, ADMIN))
                .when(new LogInCommand(USER, "correct horse", "A".repeat(32), SELF))
                .expectException(refusedWith("user_disabled"));
    }

    @Test
    void canBePromotedByRootOnly() {
        fixture.given(registered(Roles.COMMON))
                .when(new ChangeUserRoleCommand(USER, Roles.ADMIN, ROOT))
                .expectEvents(new UserRoleChangedEvent(USER, Roles.ADMIN, Roles.COMMON, ROOT));
        fixture.given(registered(Roles.COMMON))
                .when(new ChangeUserRoleCommand(USER, Roles.ADMIN, ADMIN))
                .expectException(refusedWith("forbidden"));
    }

    @Test
    void cannotDemoteTheRootOrACommonUser() {
        fixture.given(registered(Roles.ROOT))
                .when(new ChangeUserRoleCommand(USER, Roles.COMMON, ROOT))
                .expectException(refusedWith("forbidden"));
        fixture.given(registered(Roles.COMMON))
                .when(new ChangeUserRoleCommand(USER, Roles.COMMON, ROOT))
                .expectException(refusedWith("invalid_request"));
        fixture.given(registered(Roles.COMMON))
                .when(new ChangeUserRoleCommand(USER, Roles.ROOT, ROOT))
                .expectException(refusedWith("invalid_request"));
    }

    @Test
    void canDeleteItselfButNotTheRoot() {
        fixture.given(registered(Roles.COMMON)).andGivenCurrentTime(NOW)
                .when(new DeleteUserCommand(USER, SELF))
                .expectEvents(new UserDeletedEvent(USER, "alice", NOW.getEpochSecond(), SELF));
        fixture.given(registered(Roles.ROOT))
                .when(new DeleteUserCommand(USER, ROOT))
                .expectException(refusedWith("forbidden"));
    }

    @Test
    void cannotActOnADeletedUser() {
        fixture.given(registered(Roles.COMMON), new UserDeletedEvent(USER, "alice", NOW.getEpochSecond(), ADMIN))
                .when(new ChangeUserStatusCommand(USER, Status.ENABLED, ROOT))
                .expectException(refusedWith("not_found"));
        fixture.given(registered(Roles.COMMON), new UserDeletedEvent(USER, "alice", NOW.getEpochSecond(), ADMIN))
                .when(new LogInCommand(USER, "correct horse", "A".repeat(32), SELF))
                .expectException(refusedWith("not_found"));
    }

    @Test
    void canUpdateTheProfileKeepingWhatIsNotSent() {
        fixture.given(registered(Roles.COMMON))
                .when(new UpdateUserProfileCommand(USER, null, null, "vip", "invoice", ADMIN))
                .expectEvents(new UserProfileUpdatedEvent(USER, "alice", "Alice", "vip", "invoice", "default", ADMIN));
    }

    @Test
    void cannotChangeItsOwnGroup() {
        fixture.given(registered(Roles.COMMON))
                .when(new UpdateUserProfileCommand(USER, null, null, "vip", null, SELF))
                .expectException(refusedWith("forbidden"));
        fixture.given(registered(Roles.COMMON))
                .when(new UpdateUserProfileCommand(USER, "alice2", "Al", null, null, SELF))
                .expectEvents(new UserProfileUpdatedEvent(USER, "alice2", "Al", "default", null, "default", SELF));
    }

    @Test
    void canChangeThePasswordAndLogInWithIt() {
        String newHash = ENCODER.encode("battery staple");
        fixture.given(registered(Roles.COMMON))
                .when(new ChangePasswordCommand(USER, newHash, SELF))
                .expectEvents(new UserPasswordChangedEvent(USER, newHash, SELF));
        fixture.given(registered(Roles.COMMON), new UserPasswordChangedEvent(USER, newHash, SELF))
                .when(new LogInCommand(USER, "correct horse", "A".repeat(32), SELF))
                .expectException(refusedWith("unauthorized"));
    }
}
