package dev.veloera.command.it;

import dev.veloera.contracts.common.Roles;
import dev.veloera.contracts.option.OptionChangedEvent;
import dev.veloera.contracts.option.SystemOptions;
import dev.veloera.contracts.user.UserDeletedEvent;
import dev.veloera.contracts.user.UserPasswordChangedEvent;
import dev.veloera.contracts.user.UserProfileUpdatedEvent;
import dev.veloera.contracts.user.UserRegisteredEvent;
import dev.veloera.contracts.user.UserRoleChangedEvent;
import dev.veloera.contracts.user.UserSettingUpdatedEvent;
import dev.veloera.contracts.user.UserStatusChangedEvent;
import dev.veloera.schema.testing.TestDatabases;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.veloera.command.it.CommandServiceClient.events;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every account and option endpoint of command-service through HTTP on a real event store (SQLite), bad inputs
 * included: each answer's status and envelope, and the events it stored with their actor.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.kafka.listener.auto-startup=false",
        "spring.kafka.admin.auto-create=false",
        "veloera.catalog.token-wait=0s",
        "veloera.critical-rate-limit.limit=20"
})
class AccountApiIntegrationTest {

    private static final TestDatabases.TestDatabase DB = TestDatabases.create(TestDatabases.Engine.SQLITE);
    private static final AtomicInteger NAMES = new AtomicInteger();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        QuotaRaceScenario.register(registry, DB);
    }

    @AfterAll
    static void drop() {
        DB.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    EventStore eventStore;
    @Autowired
    JdbcTemplate jdbc;

    private AccountsClient api;
    private String root;

    @BeforeEach
    void client() throws Exception {
        api = new AccountsClient(port);
        root = api.root();
    }

    private static String name(String prefix) {
        return prefix + NAMES.incrementAndGet();
    }

    private List<OptionChangedEvent> optionEvents() {
        return eventStore.readEvents(SystemOptions.SETTINGS_ID, 0).asStream().map(DomainEventMessage::getPayload)
                .filter(OptionChangedEvent.class::isInstance).map(OptionChangedEvent.class::cast).toList();
    }

    @Test
    void rootSetsOptionsValidatedPerKey() throws Exception {
        AccountsClient.Reply set = api.call("PUT", "/api/option/", root,
                Map.of("key", "ModelRatio", "value", "{\"gpt-4o\":2.5,\"my-model\":0}"));
        assertThat(set.ok()).as(set.body().toString()).isTrue();
        OptionChangedEvent changed = optionEvents().getLast();
        assertThat(changed.key()).isEqualTo("ModelRatio");
        assertThat(changed.value()).isEqualTo("{\"gpt-4o\":2.5,\"my-model\":0}");
        assertThat(changed.previousValue()).contains("\"gpt-4o\":1.25");
        assertThat(changed.actor().role()).isEqualTo(Roles.ROOT);
        assertThat(jdbc.queryForObject("SELECT value FROM cmd_option WHERE key_name = 'ModelRatio'", String.class))
                .isEqualTo(changed.value());
        assertThat(api.call("PUT", "/api/option/", root, Map.of("key", "QuotaForNewUser", "value", 250)).ok())
                .as("a bare number is taken as its text").isTrue();

        assertRefused(api.call("PUT", "/api/option/", root, Map.of("key", "NoSuchOption", "value", "1")), 400);
        assertRefused(api.call("PUT", "/api/option/", root, Map.of("key", "ModelRatio", "value", "{\"a\":-1}")), 400);
        assertRefused(api.call("PUT", "/api/option/", root, Map.of("key", "GroupRatio", "value", "{\"vip\":\"x\"}")), 400);
        assertRefused(api.call("PUT", "/api/option/", root, Map.of("key", "ModelPrice", "value", "not json")), 400);
        assertRefused(api.call("PUT", "/api/option/", root, Map.of("key", "CheckInEnabled", "value", "yes")), 400);
        assertRefused(api.call("PUT", "/api/option/", root, Map.of("key", "CheckInQuota", "value", "-5")), 400);
        assertRefused(api.call("PUT", "/api/option/", root, Map.of("key", "Price", "value", "NaN")), 400);
        assertRefused(api.call("PUT", "/api/option/", root, Map.of("value", "1")), 400);
        assertRefused(api.call("PUT", "/api/option/", null, Map.of("key", "Notice", "value", "hi")), 401);
        String admin = admin();
        assertRefused(api.call("PUT", "/api/option/", admin, Map.of("key", "Notice", "value", "hi")), 403);

        AccountsClient.Reply reset = api.call("POST", "/api/option/rest_model_ratio", root, null);
        assertThat(reset.ok()).isTrue();
        assertThat(optionEvents().getLast().value())
                .isEqualTo(SystemOptions.definition("ModelRatio").orElseThrow().defaultValue());
        assertRefused(api.call("POST", "/api/option/rest_model_ratio", admin, null), 403);
    }

    @Test
    void registrationFollowsItsOptions() throws Exception {
        api.option(root, "QuotaForNewUser", "1234");
        String alice = name("alice");
        long id = api.register(alice, "alice-password", null);
        assertThat(events(eventStore, id, UserRegisteredEvent.class).getFirst().quota()).isEqualTo(1234);
        assertRefused(api.call("POST", "/api/user/register", null,
                Map.of("username", alice.toUpperCase(), "password", "another-password")), 409);

        api.option(root, "RegisterEnabled", "false");
        assertRefused(api.call("POST", "/api/user/register", null,
                Map.of("username", name("closed"), "password", "closed-password")), 403);
        api.option(root, "RegisterEnabled", "true");
        api.option(root, "PasswordRegisterEnabled", "false");
        assertRefused(api.call("POST", "/api/user/register", null,
                Map.of("username", name("closed"), "password", "closed-password")), 403);
        api.option(root, "PasswordRegisterEnabled", "true");
        api.option(root, "QuotaForNewUser", "0");
    }

    @Test
    void refusesUnprintableNamesAndPasswordsOutsideEightTo72Bytes() throws Exception {
        for (String bad : List.of("zero\u200bwidth", "bidi\u202Eevil", "tab\tname", "bell\u0007")) {
            assertRefused(api.call("POST", "/api/user/register", null, Map.of("username", bad, "password", "long-enough")), 400);
        }
        assertRefused(api.call("POST", "/api/user/register", null,
                Map.of("username", name("pw"), "password", "x".repeat(73))), 400);
        assertRefused(api.call("POST", "/api/user/register", null,
                Map.of("username", name("pw"), "password", "é".repeat(37))), 400);
        assertRefused(api.call("POST", "/api/user/register", null,
                Map.of("username", name("pw"), "password", "short")), 400);
        String spaced = name("spaced");
        api.register(spaced, "  padded password  ", null);
        assertThat(api.call("POST", "/api/user/login", null, Map.of("username", spaced, "password", "padded password"))
                .status()).as("a password is never trimmed").isEqualTo(401);
        assertThat(api.login(spaced, "  padded password  ")).hasSize(32);
        assertRefused(api.call("POST", "/api/user/login", null, Map.of("username", spaced, "password", "y".repeat(80))), 400);
        assertRefused(api.call("POST", "/api/user/login", null, Map.of("username", name("ghost"), "password", "whatever-1")), 401);
    }

    @Test
    void adminsManageUsersBelowTheirRoleOnly() throws Exception {
        String bobName = name("bob");
        long bob = api.register(bobName, "bob-password", null);
        String bobToken = api.login(bobName, "bob-password");
        String admin = admin();

        AccountsClient.Reply disabled = api.call("POST", "/api/user/manage", admin, Map.of("id", bob, "action", "disable"));
        assertThat(disabled.ok()).as(disabled.body().toString()).isTrue();
        assertThat(disabled.body().path("data").path("status").asInt()).isEqualTo(2);
        assertRefused(api.call("PUT", "/api/user/setting", bobToken, Map.of()), 403);
        assertRefused(api.call("POST", "/api/user/login", null, Map.of("username", bobName, "password", "bob-password")), 403);
        assertThat(api.call("POST", "/api/user/manage", admin, Map.of("id", bob, "action", "enable")).ok()).isTrue();
        assertThat(api.call("PUT", "/api/user/setting", bobToken, Map.of()).ok()).isTrue();
        assertThat(events(eventStore, bob, UserStatusChangedEvent.class)).extracting(UserStatusChangedEvent::status)
                .containsExactly(2, 1);

        assertRefused(api.call("POST", "/api/user/manage", admin, Map.of("id", bob, "action", "promote")), 403);
        AccountsClient.Reply promoted = api.call("POST", "/api/user/manage", root, Map.of("id", bob, "action", "promote"));
        assertThat(promoted.body().path("data").path("role").asInt()).isEqualTo(Roles.ADMIN);
        assertRefused(api.call("POST", "/api/user/manage", admin, Map.of("id", bob, "action", "disable")), 403);
        assertRefused(api.call("POST", "/api/user/manage", root, Map.of("id", bob, "action", "promote")), 400);
        assertThat(api.call("POST", "/api/user/manage", root, Map.of("id", bob, "action", "demote")).ok()).isTrue();
        assertThat(events(eventStore, bob, UserRoleChangedEvent.class)).extracting(UserRoleChangedEvent::role)
                .containsExactly(Roles.ADMIN, Roles.COMMON);

        long rootId = jdbc.queryForObject("SELECT user_id FROM cmd_user_directory WHERE username = 'root'", Long.class);
        for (String action : List.of("disable", "delete", "demote")) {
            assertRefused(api.call("POST", "/api/user/manage", root, Map.of("id", rootId, "action", action)), 403);
        }
        assertRefused(api.call("DELETE", "/api/user/self", root, null), 403);
        assertRefused(api.call("POST", "/api/user/manage", root, Map.of("id", bob, "action", "explode")), 400);
        assertRefused(api.call("POST", "/api/user/manage", root, Map.of("id", 987654, "action", "disable")), 404);
        assertRefused(api.call("POST", "/api/user/manage", bobToken, Map.of("id", bob, "action", "enable")), 403);

        assertThat(api.call("DELETE", "/api/user/" + bob, admin, null).ok()).isTrue();
        assertThat(events(eventStore, bob, UserDeletedEvent.class)).hasSize(1);
        assertRefused(api.call("PUT", "/api/user/setting", bobToken, Map.of()), 401);
        assertRefused(api.call("DELETE", "/api/user/" + bob, admin, null), 404);
        assertRefused(api.call("DELETE", "/api/user/abc", admin, null), 400);
    }

    @Test
    void adminUpdatesTheWholeUser() throws Exception {
        String carolName = name("carol");
        long carol = api.register(carolName, "carol-password", null);
        String taken = name("taken");
        api.register(taken, "taken-password", null);
        String renamed = name("renamed");

        AccountsClient.Reply updated = api.call("PUT", "/api/user/", root, Map.of("id", carol, "username", renamed,
                "display_name", "Carol C", "group", "vip", "remark", "pays by invoice", "password", "new-password-1",
                "quota", 777));
        assertThat(updated.ok()).as(updated.body().toString()).isTrue();
        UserProfileUpdatedEvent profile = events(eventStore, carol, UserProfileUpdatedEvent.class).getLast();
        assertThat(profile).extracting(UserProfileUpdatedEvent::username, UserProfileUpdatedEvent::displayName,
                UserProfileUpdatedEvent::group, UserProfileUpdatedEvent::remark, UserProfileUpdatedEvent::previousGroup)
                .containsExactly(renamed, "Carol C", "vip", "pays by invoice", "default");
        assertThat(events(eventStore, carol, UserPasswordChangedEvent.class)).hasSize(1);
        assertThat(api.login(renamed, "new-password-1")).hasSize(32);

        assertRefused(api.call("PUT", "/api/user/", root, Map.of("id", carol, "username", taken.toUpperCase())), 409);
        assertRefused(api.call("PUT", "/api/user/", root, Map.of("id", carol, "password", "short")), 400);
        assertRefused(api.call("PUT", "/api/user/", root, Map.of("id", carol, "group", "bad group!")), 400);
        assertRefused(api.call("PUT", "/api/user/", root, Map.of("id", 987654, "quota", 1)), 404);
        assertRefused(api.call("PUT", "/api/user/", root, Map.of("username", "x")), 400);
        assertRefused(api.call("PUT", "/api/user/", root, "{\"id\": \"seven\"}"), 400);

        AccountsClient.Reply created = api.call("POST", "/api/user/", root,
                Map.of("username", name("made"), "password", "made-password", "display_name", "Made"));
        assertThat(created.ok()).as(created.body().toString()).isTrue();
        assertRefused(api.call("POST", "/api/user/", root,
                Map.of("username", name("made"), "password", "made-password", "role", 100)), 400);
    }

    @Test
    void usersManageThemselves() throws Exception {
        String daveName = name("dave");
        long dave = api.register(daveName, "dave-password", null);
        String first = api.login(daveName, "dave-password");

        assertThat(api.call("PUT", "/api/user/self", first, Map.of("display_name", "Dave D")).ok()).isTrue();
        assertRefused(api.call("PUT", "/api/user/self", first, Map.of("display_name", "x".repeat(65))), 400);
        assertThat(api.call("PUT", "/api/user/setting", first, Map.of("notify_type", "email")).ok()).isTrue();
        assertThat(events(eventStore, dave, UserSettingUpdatedEvent.class).getLast().setting())
                .isEqualTo("{\"notify_type\":\"email\"}");
        assertRefused(api.call("PUT", "/api/user/setting", first, "[1,2]"), 400);

        AccountsClient.Reply replaced = api.call("GET", "/api/user/token", first, null);
        String second = replaced.body().path("data").asText();
        assertThat(second).hasSize(32).isNotEqualTo(first);
        assertRefused(api.call("PUT", "/api/user/self", first, Map.of("display_name", "old token")), 401);
        assertThat(api.call("GET", "/api/user/logout", second, null).ok()).isTrue();
        assertRefused(api.call("PUT", "/api/user/self", second, Map.of("display_name", "logged out")), 401);

        String third = api.login(daveName, "dave-password");
        assertThat(api.call("DELETE", "/api/user/self", third, null).ok()).isTrue();
        assertThat(events(eventStore, dave, UserDeletedEvent.class).getFirst().actor().userId()).isEqualTo(dave);
        assertRefused(api.call("POST", "/api/user/login", null, Map.of("username", daveName, "password", "dave-password")), 404);
    }

    @Test
    void criticalRoutesAllowTwentyAttemptsPerAddressThen429() throws Exception {
        String address = AccountsClient.freshAddress();
        for (int i = 0; i < 20; i++) {
            assertThat(api.call("POST", "/api/user/login", null, Map.of("username", "root", "password", "wrong-password"),
                    address).status()).isEqualTo(401);
        }
        AccountsClient.Reply limited = api.call("POST", "/api/user/register", null,
                Map.of("username", name("late"), "password", "late-password"), address);
        assertRefused(limited, 429);
        assertThat(limited.code()).isEqualTo("too_many_requests");
        assertThat(api.login("root", "root-password")).as("another address is not limited").hasSize(32);
    }

    @Test
    void redeemingCodesIsACriticalRouteToo() throws Exception {
        String address = AccountsClient.freshAddress();
        for (int i = 0; i < 20; i++) {
            AccountsClient.Reply guess = api.call("POST", "/api/user/topup", root, Map.of("key", "guess-" + i), address);
            assertThat(guess.status()).as(guess.body().toString()).isBetween(400, 428);
        }
        AccountsClient.Reply limited = api.call("POST", "/api/user/topup", root, Map.of("key", "guess-21"), address);
        assertRefused(limited, 429);
    }

    @Test
    void badRequestsAreEnvelopedFourHundreds() throws Exception {
        assertRefused(api.call("GET", "/api/no-such-route", root, null), 404);
        assertRefused(api.call("POST", "/api/user/login", null, "not json at all"), 400);
        assertRefused(api.call("PUT", "/api/option/", root, "{\"key\":\"Notice\",\"value\":\"" + "x".repeat(1_100_000) + "\"}"), 413);
        assertRefused(api.call("PUT", "/api/option/", root, Map.of("key", "Notice", "value", "x".repeat(70_000))), 400);
    }

    private String admin() throws Exception {
        String name = name("admin");
        long id = api.register(name, "admin-password", null);
        assertThat(api.call("POST", "/api/user/manage", root, Map.of("id", id, "action", "promote")).ok()).isTrue();
        return api.login(name, "admin-password");
    }

    private static void assertRefused(AccountsClient.Reply reply, int status) {
        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(status);
        assertThat(reply.body().path("success").asBoolean(true)).as(reply.body().toString()).isFalse();
        assertThat(reply.body().path("message").asText()).isNotBlank();
    }
}
