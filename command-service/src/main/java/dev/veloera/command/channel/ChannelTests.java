package dev.veloera.command.channel;

import dev.veloera.command.config.CommandRunner;
import dev.veloera.command.option.CommandOptions;
import dev.veloera.contracts.channel.ChangeChannelStatusCommand;
import dev.veloera.contracts.channel.ChannelIds;
import dev.veloera.contracts.channel.RecordChannelCheckCommand;
import dev.veloera.contracts.common.Actor;
import dev.veloera.contracts.common.Status;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Tests a channel against its upstream and acts on the outcome as Veloera does: the response time is recorded; an
 * auto-disabled channel that passes is enabled again when {@code AutomaticEnableChannelEnabled}; an enabled channel
 * with {@code auto_ban} that fails for a reason that means its key is dead (401, Veloera's keywords, the
 * {@code AutomaticDisableKeywords} option) is auto-disabled when {@code AutomaticDisableChannelEnabled}. A channel
 * disabled by hand is never enabled by a test.
 */
@Component
class ChannelTests {

    private static final Logger log = LoggerFactory.getLogger(ChannelTests.class);
    /** Veloera's ShouldDisableChannel codes and types. */
    private static final List<String> DEAD_KEY_MARKERS = List.of("invalid_api_key", "account_deactivated",
            "billing_not_active", "insufficient_quota", "authentication_error", "permission_error");

    private final ChannelRow.Reader rows;
    private final ChannelUpstream upstream;
    private final CommandOptions options;
    private final CommandGateway commands;
    private final CommandRunner runner;

    ChannelTests(ChannelRow.Reader rows, ChannelUpstream upstream, CommandOptions options, CommandGateway commands,
                 CommandRunner runner) {
        this.rows = rows;
        this.upstream = upstream;
        this.options = options;
        this.commands = commands;
        this.runner = runner;
    }

    /** The outcome, or empty when there is no such channel. */
    Optional<ChannelUpstream.TestResult> test(long channelId, String model, Actor actor) {
        Optional<ChannelRow> found = rows.find(channelId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ChannelRow channel = found.get();
        ChannelUpstream.TestResult result = upstream.test(channel, model);
        String id = ChannelIds.aggregateId(channelId);
        if (result.passed()) {
            runner.send(() -> commands.sendAndWait(new RecordChannelCheckCommand(id, result.responseTimeMs(), null, actor)));
            if (channel.status() == Status.AUTO_DISABLED && options.enabled("AutomaticEnableChannelEnabled")) {
                runner.send(() -> commands.sendAndWait(new ChangeChannelStatusCommand(id, Status.ENABLED,
                        "channel test passed", Actor.SYSTEM)));
                log.info("Channel {} passed its test in {} ms and is enabled again (AutomaticEnableChannelEnabled)",
                        channelId, result.responseTimeMs());
            }
        } else if (channel.status() == Status.ENABLED && channel.autoBan() == 1 && meansDeadKey(result)
                && options.enabled("AutomaticDisableChannelEnabled")) {
            runner.send(() -> commands.sendAndWait(new ChangeChannelStatusCommand(id, Status.AUTO_DISABLED,
                    "channel test failed: " + result.message(), Actor.SYSTEM)));
            log.warn("Channel {} failed its test ({}) and is auto-disabled; fix its key and enable it again",
                    channelId, result.message());
        }
        return Optional.of(result);
    }

    private boolean meansDeadKey(ChannelUpstream.TestResult result) {
        if (result.upstreamStatus() == 401) {
            return true;
        }
        String message = result.message().toLowerCase(Locale.ROOT);
        if (DEAD_KEY_MARKERS.stream().anyMatch(message::contains)) {
            return true;
        }
        for (String keyword : options.value("AutomaticDisableKeywords").split("\\R")) {
            if (!keyword.isBlank() && message.contains(keyword.strip().toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }
}
