package dev.veloera.command.channel;

import dev.veloera.contracts.channel.ChangeChannelStatusCommand;
import dev.veloera.contracts.channel.ChannelBalanceUpdatedEvent;
import dev.veloera.contracts.channel.ChannelCreatedEvent;
import dev.veloera.contracts.channel.ChannelDeletedEvent;
import dev.veloera.contracts.channel.ChannelSettings;
import dev.veloera.contracts.channel.ChannelStatusChangedEvent;
import dev.veloera.contracts.channel.ChannelTestedEvent;
import dev.veloera.contracts.channel.ChannelUpdatedEvent;
import dev.veloera.contracts.channel.DeleteChannelCommand;
import dev.veloera.contracts.channel.RecordChannelCheckCommand;
import dev.veloera.contracts.channel.UpdateChannelCommand;
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

import static org.assertj.core.api.Assertions.assertThat;

/** Editing (every field, validated), deleting and recording checks of a channel. */
class ChannelEditTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final Actor ADMIN = new Actor(1, Roles.ADMIN);
    private static final ChannelCreatedEvent CREATED = new ChannelCreatedEvent("channel-3", 0, "openai", "sk-up",
            "http://upstream", List.of("gpt-4o"), List.of("default"), 5, 10, Map.of("gpt-4o", "gpt-4o-2024"), null,
            Status.ENABLED, 100, ADMIN);
    private static final ChannelSettings AS_CREATED = new ChannelSettings(0, "openai", "sk-up", "http://upstream", "",
            "", List.of("gpt-4o"), List.of("default"), 5L, 10, "{\"gpt-4o\":\"gpt-4o-2024\"}", "", "", "", "", 1, "", "");

    private FixtureConfiguration<Channel> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Channel.class);
    }

    private static ChannelSettings edit() {
        return ChannelSettings.unchanged();
    }

    private static ChannelSettings with(String field, Object value) {
        ChannelSettings e = edit();
        return new ChannelSettings(
                field.equals("type") ? (Integer) value : e.type(), field.equals("name") ? (String) value : e.name(),
                field.equals("key") ? (String) value : e.key(), field.equals("baseUrl") ? (String) value : e.baseUrl(),
                null, null, field.equals("models") ? (List<String>) value : null,
                field.equals("groups") ? (List<String>) value : null, field.equals("priority") ? (Long) value : null,
                field.equals("weight") ? (Integer) value : null, field.equals("modelMapping") ? (String) value : null,
                field.equals("statusCodeMapping") ? (String) value : null, field.equals("tag") ? (String) value : null,
                field.equals("setting") ? (String) value : null, field.equals("paramOverride") ? (String) value : null,
                field.equals("autoBan") ? (Integer) value : null, null, null);
    }

    @Test
    void canEditEveryFieldAndTheEventCarriesTheWholeChannel() {
        ChannelSettings all = new ChannelSettings(1, "claude", "sk-new\nsk-new2", "https://api.example.com", "org-1",
                "claude-x", List.of("claude-x", "claude-y"), List.of("default", "vip"), 9L, 3,
                "{\"claude-x\":\"claude-x-2025\"}", "{\"429\":\"500\"}", "team-a", "{\"force_format\":true}",
                "{\"temperature\":0.2}", 0, "v1", "cx-");
        fixture.given(CREATED).andGivenCurrentTime(NOW)
                .when(new UpdateChannelCommand("channel-3", all, ADMIN))
                .expectEvents(new ChannelUpdatedEvent("channel-3", all, NOW.getEpochSecond(), ADMIN));
    }

    @Test
    void canEditOneFieldAndKeepTheOthersIncludingTheKeyWhenBlank() {
        ChannelSettings expected = new ChannelSettings(0, "openai", "sk-up", "http://upstream", "", "",
                List.of("gpt-4o"), List.of("default"), 5L, 10, "{\"gpt-4o\":\"gpt-4o-2024\"}", "", "blue", "", "", 1,
                "", "");
        fixture.given(CREATED).andGivenCurrentTime(NOW)
                .when(new UpdateChannelCommand("channel-3", new ChannelSettings(null, null, " ", null, null, null, null,
                        null, null, null, null, null, "blue", null, null, null, null, null), ADMIN))
                .expectEvents(new ChannelUpdatedEvent("channel-3", expected, NOW.getEpochSecond(), ADMIN));
    }

    @Test
    void cannotStoreAnInvalidField() {
        Map<String, Object> invalid = Map.ofEntries(
                Map.entry("type", -1), Map.entry("name", " "), Map.entry("baseUrl", "ftp://x"),
                Map.entry("models", List.of()), Map.entry("groups", List.of(" ")), Map.entry("weight", -1),
                Map.entry("modelMapping", "{\"a\":1}"), Map.entry("statusCodeMapping", "{\"429\":\"abc\"}"),
                Map.entry("setting", "[1]"), Map.entry("paramOverride", "not json"), Map.entry("autoBan", 2),
                Map.entry("tag", "t".repeat(256)));
        invalid.forEach((field, value) -> fixture.given(CREATED)
                .when(new UpdateChannelCommand("channel-3", with(field, value), ADMIN))
                .expectException(ChannelException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString(snake(field))));
    }

    @Test
    void cannotEditAsACommonUser() {
        fixture.given(CREATED)
                .when(new UpdateChannelCommand("channel-3", edit(), new Actor(2, Roles.COMMON)))
                .expectException(ChannelException.class);
    }

    @Test
    void canDeleteAChannelOnceAndThenNothingElse() {
        fixture.given(CREATED)
                .when(new DeleteChannelCommand("channel-3", false, ADMIN))
                .expectEvents(new ChannelDeletedEvent("channel-3", "openai", ADMIN));
        fixture.given(CREATED, new ChannelDeletedEvent("channel-3", "openai", ADMIN))
                .when(new UpdateChannelCommand("channel-3", edit(), ADMIN))
                .expectException(ChannelException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("deleted"));
        fixture.given(CREATED, new ChannelDeletedEvent("channel-3", "openai", ADMIN))
                .when(new ChangeChannelStatusCommand("channel-3", Status.DISABLED, "", ADMIN))
                .expectException(ChannelException.class);
    }

    @Test
    void canLeaveAnEnabledChannelWhenDeletingDisabledOnes() {
        fixture.given(CREATED)
                .when(new DeleteChannelCommand("channel-3", true, ADMIN))
                .expectNoEvents();
        ChannelStatusChangedEvent disabled = new ChannelStatusChangedEvent("channel-3", 1, 3, "401", 100, Actor.SYSTEM);
        fixture.given(CREATED, disabled)
                .when(new DeleteChannelCommand("channel-3", true, ADMIN))
                .expectEvents(new ChannelDeletedEvent("channel-3", "openai", ADMIN));
    }

    @Test
    void canRecordATestAndABalance() {
        fixture.given(CREATED).andGivenCurrentTime(NOW)
                .when(new RecordChannelCheckCommand("channel-3", 420L, 12.5, Actor.SYSTEM))
                .expectEvents(new ChannelTestedEvent("channel-3", 420, NOW.getEpochSecond(), Actor.SYSTEM),
                        new ChannelBalanceUpdatedEvent("channel-3", 12.5, NOW.getEpochSecond(), Actor.SYSTEM));
    }

    @Test
    void cannotBeAutoDisabledWithAutoBanOff() {
        ChannelSettings noBan = with("autoBan", 0);
        ChannelSettings merged = ChannelRules.merged(AS_CREATED, noBan);
        assertThat(merged.autoBan()).isZero();
        fixture.given(CREATED, new ChannelUpdatedEvent("channel-3", merged, 100, ADMIN))
                .when(new ChangeChannelStatusCommand("channel-3", Status.AUTO_DISABLED, "401", Actor.SYSTEM))
                .expectNoEvents();
        fixture.given(CREATED, new ChannelUpdatedEvent("channel-3", merged, 100, ADMIN))
                .when(new ChangeChannelStatusCommand("channel-3", Status.DISABLED, "by hand", ADMIN))
                .expectSuccessfulHandlerExecution();
    }

    private static String snake(String field) {
        return switch (field) {
            case "baseUrl" -> "base_url";
            case "models" -> "model";
            case "groups" -> "group";
            case "modelMapping" -> "model_mapping";
            case "statusCodeMapping" -> "status_code_mapping";
            case "paramOverride" -> "param_override";
            case "autoBan" -> "auto_ban";
            default -> field;
        };
    }
}
