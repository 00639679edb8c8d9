package dev.veloera.command.channel;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.veloera.command.DomainException;
import dev.veloera.command.config.CommandRunner;
import dev.veloera.command.web.Authenticator;
import dev.veloera.command.web.Requests;
import dev.veloera.contracts.api.ApiResponse;
import dev.veloera.contracts.channel.ChangeChannelStatusCommand;
import dev.veloera.contracts.channel.ChannelIds;
import dev.veloera.contracts.channel.ChannelSettings;
import dev.veloera.contracts.channel.DeleteChannelCommand;
import dev.veloera.contracts.channel.UpdateChannelCommand;
import dev.veloera.contracts.common.Actor;
import dev.veloera.contracts.common.Status;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * Veloera's operations on several channels (admin): {@code DELETE /api/channel/disabled}, {@code POST /batch}
 * (delete by ids), the tag routes and {@code POST /fix}. Each channel gets its own command and event, with the
 * admin as actor; a channel that refuses (deleted meanwhile) is counted, not fatal. {@code data} is the number of
 * channels changed, as Veloera answers.
 */
@RestController
class ChannelBatchController {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ChannelBatch(List<Long> ids, String tag) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ChannelTag(String tag, String newTag, Long priority, Integer weight, String modelMapping, String models,
                      String groups) {
    }

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ChannelBatchController.class);

    private final CommandGateway commands;
    private final CommandRunner runner;
    private final Authenticator authenticator;
    private final ChannelSelection selection;

    ChannelBatchController(CommandGateway commands, CommandRunner runner, Authenticator authenticator,
                           ChannelSelection selection) {
        this.commands = commands;
        this.runner = runner;
        this.authenticator = authenticator;
        this.selection = selection;
    }

    @DeleteMapping("/api/channel/disabled")
    ApiResponse<Integer> deleteDisabled(@RequestHeader(value = "Authorization", required = false) String authorization) {
        Actor admin = authenticator.admin(authorization);
        return ApiResponse.ok(each(selection.disabled(),
                id -> new DeleteChannelCommand(ChannelIds.aggregateId(id), true, admin)));
    }

    @PostMapping("/api/channel/batch")
    ApiResponse<Integer> deleteBatch(@RequestHeader(value = "Authorization", required = false) String authorization,
                                     @RequestBody ChannelBatch batch) {
        Actor admin = authenticator.admin(authorization);
        Requests.check(batch.ids() != null && !batch.ids().isEmpty(), "参数错误 (ids is required)");
        return ApiResponse.ok(each(batch.ids(), id -> new DeleteChannelCommand(ChannelIds.aggregateId(id), false, admin)));
    }

    @PostMapping("/api/channel/tag/disabled")
    ApiResponse<Integer> disableTag(@RequestHeader(value = "Authorization", required = false) String authorization,
                                    @RequestBody ChannelBatch body) {
        return statusOfTag(authorization, body, Status.DISABLED);
    }

    @PostMapping("/api/channel/tag/enabled")
    ApiResponse<Integer> enableTag(@RequestHeader(value = "Authorization", required = false) String authorization,
                                   @RequestBody ChannelBatch body) {
        return statusOfTag(authorization, body, Status.ENABLED);
    }

    /** Veloera's EditTagChannels: the fields sent apply to every channel of the tag; {@code new_tag} renames it. */
    @PutMapping("/api/channel/tag")
    ApiResponse<Integer> editTag(@RequestHeader(value = "Authorization", required = false) String authorization,
                                 @RequestBody ChannelTag body) {
        Actor admin = authenticator.admin(authorization);
        Requests.check(body.tag() != null && !body.tag().isBlank(), "tag不能为空 (tag is required)");
        ChannelSettings edit = new ChannelSettings(null, null, null, null, null, null,
                body.models() == null ? null : Requests.commaSeparated(body.models()),
                body.groups() == null ? null : Requests.commaSeparated(body.groups()), body.priority(), body.weight(),
                body.modelMapping(), null, body.newTag(), null, null, null, null, null);
        return ApiResponse.ok(each(selection.tagged(body.tag().strip()),
                id -> new UpdateChannelCommand(ChannelIds.aggregateId(id), edit, admin)));
    }

    @PostMapping("/api/channel/batch/tag")
    ApiResponse<Integer> tagBatch(@RequestHeader(value = "Authorization", required = false) String authorization,
                                  @RequestBody ChannelBatch batch) {
        Actor admin = authenticator.admin(authorization);
        Requests.check(batch.ids() != null && !batch.ids().isEmpty(), "参数错误 (ids is required)");
        ChannelSettings edit = new ChannelSettings(null, null, null, null, null, null, null, null, null, null, null,
                null, batch.tag() == null ? "" : batch.tag(), null, null, null, null, null);
        return ApiResponse.ok(each(batch.ids(), id -> new UpdateChannelCommand(ChannelIds.aggregateId(id), edit, admin)));
    }

    /** Rewrites every channel's abilities (and catalog entry) from its settings: an unchanged edit per channel. */
    @PostMapping("/api/channel/fix")
    ApiResponse<Map<String, Integer>> fix(@RequestHeader(value = "Authorization", required = false) String authorization) {
        Actor admin = authenticator.admin(authorization);
        List<Long> all = selection.all();
        int fixed = 0;
        for (long id : all) {
            try {
                runner.send(() -> commands.sendAndWait(new UpdateChannelCommand(ChannelIds.aggregateId(id),
                        ChannelSettings.unchanged(), admin)));
                fixed++;
            } catch (RuntimeException e) {
                if (!isMissing(e)) {
                    log.warn("Channel {} could not be fixed ({}); edit it so that its settings are valid", id,
                            e.getMessage());
                }
            }
        }
        return ApiResponse.ok(Map.of("success", fixed, "fails", all.size() - fixed));
    }

    private ApiResponse<Integer> statusOfTag(String authorization, ChannelBatch body, int status) {
        Actor admin = authenticator.admin(authorization);
        Requests.check(body.tag() != null && !body.tag().isBlank(), "参数错误 (tag is required)");
        return ApiResponse.ok(each(selection.tagged(body.tag().strip()),
                id -> new ChangeChannelStatusCommand(ChannelIds.aggregateId(id), status, "", admin)));
    }

    /** One command per channel; answers how many were accepted (a deleted or unknown channel is skipped). */
    private int each(List<Long> ids, LongFunction<Object> command) {
        int done = 0;
        for (long id : ids.stream().distinct().toList()) {
            try {
                runner.send(() -> commands.sendAndWait(command.apply(id)));
                done++;
            } catch (RuntimeException e) {
                if (!isMissing(e)) {
                    throw e;
                }
            }
        }
        return done;
    }

    /** Never created, or deleted: nothing to change. */
    static boolean isMissing(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AggregateNotFoundException || (t instanceof DomainException d && d.httpStatus() == 404)) {
                return true;
            }
        }
        return false;
    }
}
